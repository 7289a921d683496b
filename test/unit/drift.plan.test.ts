// planReconcile: batching, order, consent for removals, what is skipped and why.

import { strict as assert } from 'node:assert';
import { computeDrift } from '../../src/core/drift/computeDrift';
import { changeCount, isEmpty, needsConfirmation, planReconcile, type PlanStep } from '../../src/core/drift/plan';
import type { EntraMember, GroupDrift } from '../../src/core/drift/types';
import { ENTRA_GROUP, dGroup, dUser, dbxGroup, directory, eGroup, eSp, eUser, via } from './drift.fixtures';

/** The reason an extra stays: it names the setting that would allow the removal. */
const REMOVALS_OFF =
  'Not removed: removals are off. Turn on dbxScim.reconcile.allowRemovals (CLI: --allow-removals) to remove members Entra does not have; each removal is still confirmed.';

const NESTED = { id: 'e0000000-0000-0000-0000-0000000000aa', displayName: 'eu-contractors' };

/** A drift where N users exist in the workspace but are missing from the group. */
function missingUsers(n: number): GroupDrift {
  const users = Array.from({ length: n }, (_, i) => ({ id: String(1000 + i), userName: `user${i}@contoso.com` }));
  return computeDrift({
    databricksGroup: dbxGroup([]),
    directory: directory({ users }),
    entraGroup: ENTRA_GROUP,
    entraMembers: users.map((u) => eUser(`e${u.id}`, u.userName)),
  });
}

const kinds = (steps: PlanStep[]) => steps.map((s) => s.kind);

describe('drift planReconcile', () => {
  const cases: Array<[n: number, batch: number]> = [
    [1, 1000],
    [1000, 1000],
    [1001, 1000],
    [10, 3],
    [7, 7],
    [12, 5],
    [2500, 1000],
  ];
  for (const [n, batch] of cases) {
    it(`adding ${n} members at ${batch} per PATCH plans ceil(${n}/${batch}) = ${Math.ceil(n / batch)} requests`, () => {
      const plan = planReconcile(missingUsers(n), { maxMembersPerPatch: batch });
      const adds = plan.steps.filter((s): s is Extract<PlanStep, { kind: 'addMembers' }> => s.kind === 'addMembers');
      assert.equal(adds.length, Math.ceil(n / batch));
      assert.equal(plan.summary.requests, Math.ceil(n / batch));
      assert.equal(plan.summary.adds, n);
      assert.ok(adds.every((s) => s.members.length <= batch && s.groupId === '900'));
      const ids = adds.flatMap((s) => s.members.map((m) => m.id));
      assert.equal(new Set(ids).size, n);
      assert.ok(ids.every((id) => id !== undefined));
    });
  }

  it('uses the SCIM client default (1000 per PATCH) when no batch size is given; rejects a bad one', () => {
    assert.equal(planReconcile(missingUsers(1001)).summary.requests, 2);
    assert.throws(() => planReconcile(missingUsers(1), { maxMembersPerPatch: 0 }), /positive integer/);
  });

  it('creates principals first, then adds them (by key, resolved when applied) with the existing ones', () => {
    const drift = computeDrift({
      databricksGroup: dbxGroup([]),
      directory: directory({ users: [{ id: '7', userName: 'jane@contoso.com' }] }),
      entraGroup: ENTRA_GROUP,
      entraMembers: [
        eUser('u1', 'jane@contoso.com'),
        eUser('u2', 'new@contoso.com', { displayName: 'New' }),
        eSp('s1', '22222222-0000-0000-0000-000000000001', 'new-sp'),
      ],
    });
    const plan = planReconcile(drift);
    assert.deepEqual(kinds(plan.steps), ['createServicePrincipal', 'createUser', 'addMembers']);
    assert.deepEqual(plan.steps[0], {
      kind: 'createServicePrincipal',
      applicationId: '22222222-0000-0000-0000-000000000001',
      displayName: 'new-sp',
    });
    assert.deepEqual(plan.steps[1], { kind: 'createUser', userName: 'new@contoso.com', displayName: 'New' });
    assert.deepEqual(plan.steps[2], {
      kind: 'addMembers',
      groupId: '900',
      members: [
        { principalType: 'user', key: 'jane@contoso.com', displayName: 'jane', id: '7' },
        { principalType: 'servicePrincipal', key: '22222222-0000-0000-0000-000000000001', displayName: 'new-sp' },
        { principalType: 'user', key: 'new@contoso.com', displayName: 'New' },
      ],
    });
    assert.deepEqual(plan.summary, { creates: 2, adds: 3, removes: 0, requests: 3 });
  });

  it('no removals without allowRemovals: extras are skipped with the reason; with it, one request each, after adds', () => {
    const drift = computeDrift({
      databricksGroup: dbxGroup([dUser('1', 'bob@contoso.com'), dGroup('2', 'old-team')]),
      directory: directory({ users: [{ id: '7', userName: 'jane@contoso.com' }] }),
      entraGroup: ENTRA_GROUP,
      entraMembers: [eUser('u1', 'jane@contoso.com')],
    });
    const cautious = planReconcile(drift);
    assert.deepEqual(kinds(cautious.steps), ['addMembers']);
    assert.deepEqual(
      cautious.skipped.map((s) => [s.finding.kind, s.finding.key, s.reason]),
      [
        ['extra', 'bob@contoso.com', REMOVALS_OFF],
        ['extra', 'old-team', REMOVALS_OFF],
      ],
    );
    const bold = planReconcile(drift, { allowRemovals: true });
    assert.deepEqual(kinds(bold.steps), ['addMembers', 'removeMember', 'removeMember']);
    assert.deepEqual(bold.steps[1], {
      kind: 'removeMember',
      groupId: '900',
      memberId: '1',
      principalType: 'user',
      key: 'bob@contoso.com',
      displayName: 'bob@contoso.com',
    });
    assert.deepEqual(bold.summary, { creates: 0, adds: 1, removes: 2, requests: 3 });
    assert.deepEqual(bold.skipped, []);
  });

  it('caseMismatch, renamed and a notProvisioned group are informational: skipped, nothing planned', () => {
    const drift = computeDrift({
      databricksGroup: dbxGroup([dUser('1', 'jane@contoso.com')], { displayName: 'old-name' }),
      directory: directory(),
      entraGroup: ENTRA_GROUP,
      entraMembers: [eUser('u1', 'Jane@contoso.com'), eGroup(NESTED.id, NESTED.displayName)],
    });
    const plan = planReconcile(drift, { allowRemovals: true });
    assert.ok(isEmpty(plan));
    assert.deepEqual(
      plan.skipped.map((s) => s.finding.kind),
      ['renamed', 'notProvisioned', 'caseMismatch'],
    );
    assert.ok(plan.skipped.every((s) => s.reason.length > 0));
  });

  it('groupMissing: no Databricks group, no steps', () => {
    const drift = computeDrift({
      databricksGroup: undefined,
      directory: directory(),
      entraGroup: ENTRA_GROUP,
      entraMembers: [eUser('u1', 'a@contoso.com')],
    });
    const plan = planReconcile(drift);
    assert.equal(plan.groupId, null);
    assert.ok(isEmpty(plan));
    assert.match(plan.skipped[0]?.reason ?? '', /does not create groups/);
  });

  describe('nested members', () => {
    const nested: EntraMember[] = [
      eUser('u2', 'andre@contoso.com', via(NESTED)),
      eUser('u3', 'newbie@contoso.com', via(NESTED)),
    ];
    const drift = computeDrift({
      databricksGroup: dbxGroup([]),
      directory: directory({ users: [{ id: '7', userName: 'andre@contoso.com' }] }),
      entraGroup: ENTRA_GROUP,
      entraMembers: nested,
    });

    it('are added as direct members by default (the connector never will), creating them first when needed', () => {
      const plan = planReconcile(drift);
      assert.deepEqual(kinds(plan.steps), ['createUser', 'addMembers']);
      assert.equal(plan.summary.adds, 2);
    });

    it('are skipped with includeNested false', () => {
      const plan = planReconcile(drift, { includeNested: false });
      assert.ok(isEmpty(plan));
      assert.deepEqual(
        plan.skipped.map((s) => s.reason),
        [
          'Nested members are not added (includeNested is off).',
          'Nested members are not added (includeNested is off).',
        ],
      );
    });

    it('are left to the nested group when the plan adds that group as a member', () => {
      const withGroup = computeDrift({
        databricksGroup: dbxGroup([]),
        directory: directory({
          users: [{ id: '7', userName: 'andre@contoso.com' }],
          groups: [{ id: '50', displayName: 'eu-contractors', externalId: NESTED.id }],
        }),
        entraGroup: ENTRA_GROUP,
        entraMembers: [eGroup(NESTED.id, NESTED.displayName), ...nested],
      });
      const plan = planReconcile(withGroup);
      assert.deepEqual(plan.steps, [
        {
          kind: 'addMembers',
          groupId: '900',
          members: [{ principalType: 'group', key: 'eu-contractors', displayName: 'eu-contractors', id: '50' }],
        },
      ]);
      assert.deepEqual(
        plan.skipped.map((s) => s.finding.key),
        ['newbie@contoso.com', 'andre@contoso.com'],
      );
    });
  });

  it('needsConfirmation compares creates + adds + removes with the threshold', () => {
    const plan = planReconcile(missingUsers(30));
    assert.equal(changeCount(plan), 30);
    assert.equal(needsConfirmation(plan, 30), false);
    assert.equal(needsConfirmation(plan, 29), true);
    assert.equal(needsConfirmation(plan), true); // default threshold 25
    assert.equal(needsConfirmation(planReconcile(missingUsers(3))), false);
  });
});
