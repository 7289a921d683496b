// The Entra ID side of the emulated orgs, for the Microsoft Graph emulator. The `demo` org is built
// from data/demo.ts — the same people, service principals, groups and object ids as the Databricks
// demo workspace — plus a few deliberate differences, so that comparing the two shows believable
// drift. The Databricks demo data is unchanged: every drift case lives on the Entra side.
//
// Drift cases (transitive compare, userKey = userPrincipalName). "connector" is my
// reading of whether the Entra connector would fix it (it syncs direct user members of groups it
// created — those with an externalId — and never SPs, nested groups or Databricks-side edits):
//
// Each case: Databricks group; Entra side; expected finding(s); connector.
//  1. finance-analysts (extId ac0d0e28…); displayName "Finance Analysts"; renamed (group, key
//     finance-analysts), members equal. As a member of analysts it still matches by externalId: no
//     finding there; connector: no.
//  2. data-eng; Grace's UPN is `Grace.Liu@contoso.com` (mail stays grace.liu@contoso.com); caseMismatch
//     user grace.liu@contoso.com (none with userKey = mail: her mail is lower case). Also in
//     all-employees, where she is a direct member; connector: no.
//  3. data-eng; SPs etl-pipeline, airflow-scheduler as in Databricks; none — v1.0 /members hides SPs; a
//     client without the workaround would wrongly report both `extra`; connector: —.
//  4. security-reviewers; + nora.jensen (exists in Databricks); missing user nora.jensen@contoso.com;
//     connector: yes.
//  5. security-reviewers; + nested group soc-analysts (Entra only: chloe.dubois, liam.oconnor — both
//     exist in Databricks, in no Databricks team); nestedOnly users chloe.dubois@…, liam.oconnor@… via
//     ["soc-analysts"] (both exist in Databricks), connector: no; the group member soc-analysts itself:
//     notProvisioned group soc-analysts (no Databricks group of that name), connector: no.
//  6. —; soc-analysts; groupMissing when named (`drift soc-analysts`, or a mapping to it); connector: —.
//  7. platform-ops (no extId: matched by displayName); − george.evans (added by hand in Databricks);
//     extra user george.evans@contoso.com; connector: no.
//  8. platform-ops; + priya.nair (Entra only, not in Databricks); notProvisioned user
//     priya.nair@contoso.com; connector: no.
//  9. platform-ops; + SP terraform-runner (Entra only); notProvisioned servicePrincipal, key
//     2b8f6e3a-91d4-4c7e-a5b0-6d3f8e1c2a94; connector: no.
// 10. bi-developers (by name); + SP airflow-scheduler (exists in Databricks); missing servicePrincipal,
//     key e1dcf94a-3343-5010-a64a-a5d9e0fcc312; connector: no.
// 11. data-platform ⊃ data-eng ⊃ ml-engineers, data-platform ⊃ analysts ⊃ finance-analysts — the same
//     nesting on both sides. In Entra the users and SPs of the nested groups reach data-platform only
//     through nesting. Databricks data-platform holds data-eng and analysts as group members (those
//     match: no finding). Whether their users are nestedOnly for data-platform (via ["data-eng"],
//     ["ml-engineers"], ["analysts"], ["Finance Analysts"]) depends on whether drift counts Databricks
//     nesting: nestedOnly if Entra transitive is compared with Databricks *direct* members; none if
//     Databricks nesting counts too. Cases 2 and 3 then also show in data-platform (through data-eng).
// 12. contractors, admins, users; no Entra group; no Entra match: not compared, no finding; connector: —.
// 13. ml-engineers, analysts, all-employees (apart from #2); identical; none; connector: —.
//
// The `scale` org: `all-engineering` (matched to the Databricks scale group by displayName; that
// group has no externalId) holds no users directly but 20 nested groups of 1,000 users each,
// exactly the 20,000 members of the Databricks group, so drift walks 21 Entra groups. Every
// Databricks `team-NNNN` has an Entra group with id scaleTeamEntraId(NNNN) (the externalId of the
// three in four that carry one) and the same members, nesting included, except by these rules on
// the team number (SCALE_DRIFT), so that drift of the whole org has something to find:
//   % 50 = 0: one more workspace user in Entra → missing;  % 70 = 0: the first user not in Entra →
//   extra;  % 250 = 0: a user Entra has and the workspace lacks → notProvisioned;  % 500 = 0: no
//   Entra group (not compared);  % 1000 = 3: linked, but its Entra group is gone → groupMissing;
//   team 7: the service principal scale-sp-1 in Entra → missing servicePrincipal.

import { createPrng } from '../prng';
import { DEFAULT_KNOBS } from '../types';
import { EntraDirectory } from '../graph/directory';
import type { EmulatorState } from '../state';
import { DEMO_ADMIN, DEMO_GROUPS, DEMO_SERVICE_PRINCIPALS, DEMO_USERS, demoUserName, type DemoUser } from './demo';
import { SCALE, scaleTeamEntraId, seedState } from './seed';

export type EntraOrgName = 'demo' | 'scale' | 'empty';

/** Users who exist in Entra but were never provisioned to Databricks. */
export const ENTRA_ONLY_USERS: readonly DemoUser[] = [
  {
    givenName: 'Priya',
    familyName: 'Nair',
    userName: 'priya.nair@contoso.com',
    entraObjectId: 'c0a1e5f2-7d3b-4e8a-9f61-2b4c8d0e1a37',
  },
];

export const ENTRA_ONLY_SERVICE_PRINCIPALS = [
  {
    displayName: 'terraform-runner',
    applicationId: '2b8f6e3a-91d4-4c7e-a5b0-6d3f8e1c2a94',
    entraObjectId: '7e2d9c41-0b6a-4f35-b8e2-c4a19f7d3e08',
  },
] as const;

/** An Entra group with no Databricks counterpart, nested into security-reviewers (cases 5, 6). */
export const ENTRA_ONLY_GROUP = {
  displayName: 'soc-analysts',
  entraObjectId: 'f3b7a2c9-5e14-4d6b-8a0f-91c2e7d4b650',
  users: ['chloe.dubois', 'liam.oconnor'],
} as const;

/** Case 2: UPNs that differ from the Databricks userName in case only. */
export const ENTRA_UPN_OVERRIDES: Readonly<Record<string, string>> = {
  'grace.liu@contoso.com': 'Grace.Liu@contoso.com',
};

export interface EntraGroupChange {
  rename?: string;
  addUsers?: readonly string[];
  removeUsers?: readonly string[];
  addGroups?: readonly string[];
  addServicePrincipals?: readonly string[];
}

/** Per Databricks group name: how its Entra counterpart differs (cases 1, 4, 5, 7–10). */
export const ENTRA_GROUP_CHANGES: Readonly<Record<string, EntraGroupChange>> = {
  'finance-analysts': { rename: 'Finance Analysts' },
  'security-reviewers': { addUsers: ['nora.jensen'], addGroups: [ENTRA_ONLY_GROUP.displayName] },
  'platform-ops': {
    removeUsers: ['george.evans'],
    addUsers: ['priya.nair'],
    addServicePrincipals: ['terraform-runner'],
  },
  'bi-developers': { addServicePrincipals: ['airflow-scheduler'] },
};

/** The scale org's parent group and its nested parts. */
export const ENTRA_SCALE = {
  groupName: SCALE.bigGroupName,
  groupId: '0e5c7a21-4b9d-4f63-8c1e-a2d47b90f315',
  parts: 20,
  partSize: SCALE.bigGroupMembers / 20,
} as const;

/** The scale org's differences from the Databricks scale data set, by team number (see the header). */
export const SCALE_DRIFT = {
  missingEvery: 50,
  extraEvery: 70,
  entraOnlyEvery: 250,
  absentEvery: 500,
  deletedEvery: 1000,
  deletedAt: 3,
  servicePrincipalTeam: 7,
} as const;

export function seedEntra(org: EntraOrgName, databricksScale?: EmulatorState): EntraDirectory {
  const dir = new EntraDirectory(createPrng(org === 'scale' ? 9_000 : 4_200));
  addUser(dir, DEMO_ADMIN);
  if (org === 'demo') seedDemo(dir);
  if (org === 'scale') seedScale(dir, databricksScale ?? scaleState());
  return dir;
}

function addUser(dir: EntraDirectory, u: DemoUser): void {
  const lower = u.userName.toLowerCase();
  dir.addUser({
    id: u.entraObjectId,
    userPrincipalName: ENTRA_UPN_OVERRIDES[lower] ?? u.userName,
    mail: lower,
    displayName: `${u.givenName} ${u.familyName}`,
    givenName: u.givenName,
    surname: u.familyName,
    accountEnabled: u.active ?? true,
  });
}

function seedDemo(dir: EntraDirectory): void {
  for (const u of [...DEMO_USERS, ...ENTRA_ONLY_USERS]) addUser(dir, u);
  for (const sp of [...DEMO_SERVICE_PRINCIPALS, ...ENTRA_ONLY_SERVICE_PRINCIPALS]) {
    dir.addServicePrincipal({ id: sp.entraObjectId, displayName: sp.displayName, appId: sp.applicationId });
  }
  const userId = (local: string): string => must(dir.findUser(demoUserName(local)), `user ${local}`).id;
  const groupIdByDemoName = new Map<string, string>();
  const soc = dir.addGroup({
    id: ENTRA_ONLY_GROUP.entraObjectId,
    displayName: ENTRA_ONLY_GROUP.displayName,
    members: ENTRA_ONLY_GROUP.users.map(userId),
  });
  groupIdByDemoName.set(soc.displayName, soc.id);

  // DEMO_GROUPS lists nested groups before their parents, so members always exist already.
  for (const g of DEMO_GROUPS) {
    if (!g.entraObjectId) continue;
    const change = ENTRA_GROUP_CHANGES[g.displayName] ?? {};
    const removed = new Set(change.removeUsers ?? []);
    const users = [...(g.members.users ?? []).filter((u) => !removed.has(u)), ...(change.addUsers ?? [])];
    const groups = [...(g.members.groups ?? []), ...(change.addGroups ?? [])];
    const sps = [...(g.members.servicePrincipals ?? []), ...(change.addServicePrincipals ?? [])];
    const members = [
      ...users.map(userId),
      ...groups.map((n) => must(groupIdByDemoName.get(n), `group ${n}`)),
      ...sps.map((n) => must(dir.findServicePrincipal(n), `service principal ${n}`).id),
    ];
    dir.addGroup({ id: g.entraObjectId, displayName: change.rename ?? g.displayName, members });
    groupIdByDemoName.set(g.displayName, g.entraObjectId);
  }
}

let cachedScale: EmulatorState | undefined;
/** The Databricks scale data set, built once per process (about a second), for its user names. */
function scaleState(): EmulatorState {
  cachedScale ??= seedState('scale', () => DEFAULT_KNOBS);
  return cachedScale;
}

function seedScale(dir: EntraDirectory, databricks: EmulatorState): void {
  const big = must(databricks.findGroup(SCALE.bigGroupName), `Databricks group ${SCALE.bigGroupName}`);
  const userNames: string[] = [];
  for (const id of big.members) {
    const p = databricks.getPrincipal(id);
    if (p?.kind === 'user') userNames.push(p.userName);
  }
  const userIds = new Map<string, string>();
  const userId = (upn: string): string => {
    let id = userIds.get(upn);
    if (id === undefined) userIds.set(upn, (id = dir.addUser({ userPrincipalName: upn, mail: upn }).id));
    return id;
  };
  const parts: string[] = [];
  for (let part = 0; part < ENTRA_SCALE.parts; part++) {
    const slice = userNames.slice(part * ENTRA_SCALE.partSize, (part + 1) * ENTRA_SCALE.partSize);
    parts.push(
      dir.addGroup({
        displayName: `${ENTRA_SCALE.groupName}-${String(part + 1).padStart(2, '0')}`,
        members: slice.map(userId),
      }).id,
    );
  }
  dir.addGroup({ id: ENTRA_SCALE.groupId, displayName: ENTRA_SCALE.groupName, members: parts });
  seedScaleTeams(dir, databricks, userId);
}

function seedScaleTeams(dir: EntraDirectory, databricks: EmulatorState, userId: (upn: string) => string): void {
  const allUsers = databricks.users.toArray();
  const sp = databricks.servicePrincipals.find((p) => p.displayName === 'scale-sp-1');
  const spId = sp ? dir.addServicePrincipal({ displayName: sp.displayName, appId: sp.applicationId }).id : undefined;
  const numberOf = (name: string): number | undefined =>
    /^team-(\d{4})$/.exec(name) ? Number(name.slice(5)) : undefined;
  // Nested teams come later in the list (each nests the one after it): create from the last.
  const teams = databricks.groups
    .filter((g) => numberOf(g.displayName) !== undefined)
    .sort((a, b) => (numberOf(b.displayName) ?? 0) - (numberOf(a.displayName) ?? 0));
  for (const team of teams) {
    const t = numberOf(team.displayName) ?? 0;
    if (t % SCALE_DRIFT.absentEvery === 0 || t % SCALE_DRIFT.deletedEvery === SCALE_DRIFT.deletedAt) continue;
    const members: string[] = [];
    let first = true;
    for (const id of team.members) {
      const p = databricks.getPrincipal(id);
      if (p?.kind === 'user') {
        if (first && t % SCALE_DRIFT.extraEvery === 0) {
          first = false;
          continue;
        }
        first = false;
        members.push(userId(p.userName));
      } else if (p?.kind === 'group') {
        const nested = numberOf(p.displayName);
        if (nested !== undefined && dir.groups.has(scaleTeamEntraId(nested))) members.push(scaleTeamEntraId(nested));
      }
    }
    if (t % SCALE_DRIFT.missingEvery === 0) {
      let k = (t * 7919) % allUsers.length;
      while (team.members.has(allUsers[k]?.id ?? '')) k = (k + 1) % allUsers.length;
      members.push(userId(allUsers[k]?.userName ?? ''));
    }
    if (t % SCALE_DRIFT.entraOnlyEvery === 0) members.push(userId(`entra-only-${t}@contoso.com`));
    if (t === SCALE_DRIFT.servicePrincipalTeam && spId) members.push(spId);
    dir.addGroup({ id: scaleTeamEntraId(t), displayName: team.displayName, members });
  }
}

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`Entra data refers to unknown ${what}`);
  return value;
}
