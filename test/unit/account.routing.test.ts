// The routing table, whole: every group kind × caller role × operation × Identity v2 has exactly
// the route or refusal listed here, and every refusal names the role it needs and how to get it.

import { strict as assert } from 'node:assert';
import {
  routeFor,
  type CallerRole,
  type GroupKind,
  type GroupOperation,
  type RouteDecision,
} from '../../src/core/account/routing';

const KINDS: GroupKind[] = ['workspace-local', 'account'];
const ROLES: CallerRole[] = ['workspaceAdmin', 'accountAdmin', 'groupManager', 'none'];
const OPS: GroupOperation[] = [
  'addMember',
  'removeMember',
  'setEntitlements',
  'createGroup',
  'assignToWorkspace',
  'manageManagers',
];

/** Expected outcome: a route, or `!needs` for a refusal (`!-` = no role can do it). */
type Cell = string;
type Row = [GroupOperation, Record<CallerRole, Cell>, Record<CallerRole, Cell>?];

const WS_ADMIN_ONLY: Record<CallerRole, Cell> = {
  workspaceAdmin: 'workspaceScim',
  accountAdmin: '!workspaceAdmin',
  groupManager: '!workspaceAdmin',
  none: '!workspaceAdmin',
};
const NOBODY: Record<CallerRole, Cell> = { workspaceAdmin: '!-', accountAdmin: '!-', groupManager: '!-', none: '!-' };

/** [operation, without Identity v2, with it (when different)] */
const LOCAL: Row[] = [
  ['addMember', WS_ADMIN_ONLY],
  ['removeMember', WS_ADMIN_ONLY],
  ['setEntitlements', WS_ADMIN_ONLY],
  ['createGroup', WS_ADMIN_ONLY],
  ['assignToWorkspace', NOBODY],
  ['manageManagers', NOBODY],
];

const MEMBERS_NO_V2: Record<CallerRole, Cell> = {
  workspaceAdmin: '!accountAdminOrGroupManager',
  accountAdmin: 'accountScim',
  groupManager: '!accountAdmin',
  none: '!accountAdminOrGroupManager',
};
const MEMBERS_V2: Record<CallerRole, Cell> = { ...MEMBERS_NO_V2, groupManager: 'identityV2' };

const ACCOUNT: Row[] = [
  ['addMember', MEMBERS_NO_V2, MEMBERS_V2],
  ['removeMember', MEMBERS_NO_V2, MEMBERS_V2],
  // Entitlements of account groups are per workspace: workspace SCIM, for workspace admins.
  ['setEntitlements', WS_ADMIN_ONLY],
  [
    'createGroup',
    {
      workspaceAdmin: '!accountAdmin',
      accountAdmin: 'accountScim',
      groupManager: '!accountAdmin',
      none: '!accountAdmin',
    },
    { workspaceAdmin: 'identityV2', accountAdmin: 'accountScim', groupManager: '!accountAdmin', none: '!accountAdmin' },
  ],
  [
    'assignToWorkspace',
    {
      workspaceAdmin: '!accountAdmin',
      accountAdmin: 'accountScim',
      groupManager: '!accountAdmin',
      none: '!accountAdmin',
    },
  ],
  [
    'manageManagers',
    {
      workspaceAdmin: '!accountAdminOrGroupManager',
      accountAdmin: 'accountScim',
      groupManager: 'accountScim',
      none: '!accountAdminOrGroupManager',
    },
  ],
];

function cellOf(d: RouteDecision): Cell {
  return d.ok ? d.route : `!${d.needs ?? '-'}`;
}

/** Words a refusal must hold so that a person knows what to ask for. */
const ASK_FOR: Record<string, RegExp> = {
  workspaceAdmin: /workspace admin.*Ask /s,
  accountAdmin: /account admin.*Ask an account admin/s,
  accountAdminOrGroupManager:
    /account admins? and .*managers? of the group.*make you a group manager|account admin or a manager.*make you a group manager/s,
  '-': /cannot|Only account groups/,
};

describe('account routing table', () => {
  it('covers every combination (kind × role × operation × Identity v2)', () => {
    assert.equal(LOCAL.length + ACCOUNT.length, KINDS.length * OPS.length);
    for (const kind of KINDS)
      for (const op of OPS) assert.ok((kind === 'account' ? ACCOUNT : LOCAL).some((r) => r[0] === op));
  });

  for (const [kind, rows] of [
    ['workspace-local', LOCAL],
    ['account', ACCOUNT],
  ] as const) {
    for (const [operation, noV2, withV2] of rows) {
      for (const identityV2 of [false, true]) {
        const expected = identityV2 ? (withV2 ?? noV2) : noV2;
        it(`${kind} · ${operation} · Identity v2 ${identityV2 ? 'on' : 'off'}`, () => {
          for (const role of ROLES) {
            const decision = routeFor({ kind, role, operation, identityV2 });
            assert.equal(cellOf(decision), expected[role], `${role}`);
            if (!decision.ok) {
              const pattern = ASK_FOR[decision.needs ?? '-'];
              assert.ok(pattern, `no wording rule for ${String(decision.needs)}`);
              assert.match(decision.message, pattern, `${role}: ${decision.message}`);
              assert.ok(decision.message.length < 400, 'one short paragraph');
            }
          }
        });
      }
    }
  }

  it('never sends a member change of an account group through workspace SCIM', () => {
    for (const role of ROLES) {
      for (const identityV2 of [false, true]) {
        for (const operation of ['addMember', 'removeMember'] as const) {
          const d = routeFor({ kind: 'account', role, operation, identityV2 });
          assert.ok(!d.ok || d.route !== 'workspaceScim');
        }
      }
    }
  });
});
