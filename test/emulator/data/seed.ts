// Builds the three data sets. Ids come from a PRNG seeded per data set (not from the `seed` knob),
// so the same data set always has the same ids whatever faults a test configures.

import { createPrng } from '../prng';
import { EmulatorState } from '../state';
import type { DatasetName, Knobs } from '../types';
import { DEMO_ADMIN, DEMO_GROUPS, DEMO_SERVICE_PRINCIPALS, DEMO_USERS, demoUserName } from './demo';

const DATA_SEEDS: Readonly<Record<DatasetName, number>> = { empty: 11, demo: 42, scale: 100_000 };

/** Entitlements every workspace user gets through the `users` group in a default workspace. */
const USERS_GROUP_ENTITLEMENTS = ['workspace-access', 'databricks-sql-access'];

export const SCALE = {
  users: 100_000,
  groups: 5_000,
  bigGroupName: 'all-engineering',
  bigGroupMembers: 20_000,
  servicePrincipals: 5,
  teamSize: 5,
} as const;

/**
 * The Entra object id of `team-NNNN` in the Graph emulator's scale org, fixed so the two emulators
 * agree without sharing state.
 */
export function scaleTeamEntraId(team: number): string {
  return `5ca1e000-7ea3-4000-8000-${String(team).padStart(12, '0')}`;
}

/** Teams the Entra connector provisioned carry the Entra object id as externalId: three in four. */
export function scaleTeamLinked(team: number): boolean {
  return team % 4 !== 0;
}

export function seedState(dataset: DatasetName, knobs: () => Readonly<Knobs>): EmulatorState {
  const state = new EmulatorState(knobs, createPrng(DATA_SEEDS[dataset]));
  const admin = state.createUser({
    userName: DEMO_ADMIN.userName,
    displayName: `${DEMO_ADMIN.givenName} ${DEMO_ADMIN.familyName}`,
    givenName: DEMO_ADMIN.givenName,
    familyName: DEMO_ADMIN.familyName,
  });
  state.setAdmin(admin.id);
  if (dataset === 'demo') seedDemo(state);
  else if (dataset === 'scale') seedScale(state);
  else {
    state.createGroup({ displayName: 'admins', members: [admin.id] });
    state.createGroup({ displayName: 'users', members: [admin.id], entitlements: USERS_GROUP_ENTITLEMENTS });
  }
  return state;
}

function seedDemo(state: EmulatorState): void {
  for (const u of DEMO_USERS) {
    state.createUser({
      userName: u.userName,
      displayName: `${u.givenName} ${u.familyName}`,
      givenName: u.givenName,
      familyName: u.familyName,
      active: u.active ?? true,
      entitlements: [...(u.entitlements ?? [])],
      ...(u.provisionedByEntra ? { externalId: u.entraObjectId } : {}),
    });
  }
  for (const sp of DEMO_SERVICE_PRINCIPALS) {
    state.createServicePrincipal({
      applicationId: sp.applicationId,
      displayName: sp.displayName,
      entitlements: [...(sp.entitlements ?? [])],
    });
  }
  const idOf = (what: string, rec: { id: string } | undefined): string => {
    if (!rec) throw new Error(`demo data refers to unknown ${what}`);
    return rec.id;
  };
  for (const g of DEMO_GROUPS) {
    const members = g.allUsers
      ? state.users.map((u) => u.id)
      : [
          ...(g.members.users ?? []).map((u) => idOf(`user ${u}`, state.findUser(demoUserName(u)))),
          ...(g.members.groups ?? []).map((n) => idOf(`group ${n}`, state.findGroup(n))),
          ...(g.members.servicePrincipals ?? []).map((n) =>
            idOf(
              `service principal ${n}`,
              state.servicePrincipals.find((sp) => sp.displayName === n),
            ),
          ),
        ];
    state.createGroup({
      displayName: g.displayName,
      members,
      entitlements: [...(g.entitlements ?? [])],
      accountGroup: g.accountGroup ?? false,
      ...(g.provisionedByEntra && g.entraObjectId ? { externalId: g.entraObjectId } : {}),
    });
  }
}

const FIRST = [
  'ada',
  'ahmed',
  'alice',
  'amara',
  'anil',
  'anna',
  'bruno',
  'carla',
  'chen',
  'david',
  'diego',
  'eva',
  'femi',
  'freya',
  'hana',
  'ines',
  'ivan',
  'jamal',
  'jin',
  'kai',
  'lara',
  'leo',
  'lucia',
  'maya',
  'mei',
  'mohammed',
  'nadia',
  'noah',
  'omar',
  'paula',
  'priya',
  'raj',
  'rosa',
  'sami',
  'sara',
  'sofia',
  'tom',
  'yara',
  'yuki',
  'zain',
];
const LAST = [
  'adams',
  'ali',
  'berg',
  'bianchi',
  'chen',
  'costa',
  'diaz',
  'eriksson',
  'fischer',
  'garcia',
  'gupta',
  'hansen',
  'ito',
  'jones',
  'kaur',
  'kowalski',
  'lee',
  'lopez',
  'martin',
  'meyer',
  'moreau',
  'nakamura',
  'novak',
  'okoye',
  'park',
  'perez',
  'quinn',
  'rossi',
  'santos',
  'schmidt',
  'silva',
  'singh',
  'smith',
  'tan',
  'wang',
  'weber',
  'wong',
  'yilmaz',
  'young',
  'zhou',
];

/**
 * 100,000 users, 5,000 groups: the admin, 99,999 generated users, `admins` and `users` (admin
 * only — membership of `users` is not made implicit), one 20,000-member group and 4,997 teams of
 * five users; every 100th team nests the next one; three teams in four carry their Entra object
 * id as externalId (scaleTeamLinked), the rest are matched to Entra by name. Built with the same state methods as
 * everything else; takes well under a second.
 */
function seedScale(state: EmulatorState): void {
  const admin = state.adminUser;
  const random = createPrng(DATA_SEEDS.scale + 1);
  const userIds: string[] = [];
  const combos = FIRST.length * LAST.length;
  const givenNames = FIRST.map(cap);
  const familyNames = LAST.map(cap);
  for (let i = 0; userIds.length < SCALE.users - 1; i++) {
    const f = i % FIRST.length;
    const l = Math.floor(i / FIRST.length) % LAST.length;
    const round = Math.floor(i / combos);
    const givenName = givenNames[f] as string;
    const familyName = familyNames[l] as string;
    const u = state.createUser({
      userName: `${FIRST[f] as string}.${LAST[l] as string}${round > 0 ? round : ''}@contoso.com`,
      displayName: `${givenName} ${familyName}`,
      givenName,
      familyName,
      active: i % 97 !== 0,
    });
    userIds.push(u.id);
  }
  for (let i = 1; i <= SCALE.servicePrincipals; i++) {
    state.createServicePrincipal({ displayName: `scale-sp-${i}`, entitlements: ['workspace-access'] });
  }
  state.createGroup({ displayName: 'admins', members: [admin.id] });
  state.createGroup({ displayName: 'users', members: [admin.id], entitlements: USERS_GROUP_ENTITLEMENTS });
  state.createGroup({ displayName: SCALE.bigGroupName, members: userIds.slice(0, SCALE.bigGroupMembers) });
  const teams = SCALE.groups - 3;
  let nested: string | undefined;
  for (let t = teams; t >= 1; t--) {
    const members = new Set<string>();
    while (members.size < SCALE.teamSize) members.add(userIds[Math.floor(random() * userIds.length)] as string);
    // Teams are created from the last to the first so a team can nest the one after it.
    const team = state.createGroup({
      displayName: `team-${String(t).padStart(4, '0')}`,
      members: nested ? [...members, nested] : [...members],
      ...(scaleTeamLinked(t) ? { externalId: scaleTeamEntraId(t) } : {}),
    });
    nested = t % 100 === 1 ? team.id : undefined;
  }
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
