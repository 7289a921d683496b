// A group's Entra side is complete only when every member was read with a usable key and no
// nesting was cut; an incomplete group plans no removal, and an Entra group that reads as empty
// removes nobody without a confirmation naming the count (applyPlan refuses before any request).
import { strict as assert } from 'node:assert';
import { applyPlan, EmptyEntraError } from '../../src/core/drift/apply';
import { computeDrift } from '../../src/core/drift/computeDrift';
import { entraMembersOfTree } from '../../src/core/drift/entraSide';
import { planReconcile } from '../../src/core/drift/plan';
import type { MemberTree } from '../../src/core/graph/memberTree';
import type { GraphMember } from '../../src/core/graph/types';
import { HttpClient } from '../../src/core/http/client';
import { ScimClient } from '../../src/core/scim/client';
import { startEmulator, type Emulator } from '../emulator';
import { ENTRA_GROUP, dSp, dUser, dbxGroup, directory, eSp, eUser } from './drift.fixtures';

const APP = '22222222-0000-0000-0000-000000000001';
/** Graph's "limited information" user: object id and type, nothing else. */
const idOnlyUser = (id: string) => ({ id, type: 'user' as const });

describe('drift completeness', () => {
  it('id-only users: the group is incomplete, each is listed with the missing permission and how to get it', () => {
    const drift = computeDrift({
      databricksGroup: dbxGroup([dUser('1', 'jane@contoso.com'), dUser('2', 'bob@contoso.com')]),
      directory: directory(),
      entraGroup: ENTRA_GROUP,
      entraMembers: [idOnlyUser('u1'), idOnlyUser('u2')],
    });
    assert.equal(drift.complete, false);
    assert.deepEqual(
      drift.notCompared.map((n) => n.entraId),
      ['u1', 'u2'],
    );
    for (const n of drift.notCompared) {
      assert.match(n.reason, /User\.ReadBasic\.All/);
      assert.match(n.reason, /admin grants/);
    }
    // What was compared is still shown: both Databricks members look extra.
    assert.deepEqual(
      drift.findings.map((f) => `${f.kind}:${f.key}`),
      ['extra:bob@contoso.com', 'extra:jane@contoso.com'],
    );
  });

  it('an incomplete group plans no removal even with removals allowed, and the plan says why', () => {
    const drift = computeDrift({
      databricksGroup: dbxGroup([dUser('1', 'jane@contoso.com')]),
      directory: directory({ servicePrincipals: [{ id: '5', applicationId: APP }] }),
      entraGroup: ENTRA_GROUP,
      entraMembers: [idOnlyUser('u1'), eSp('s1', APP, 'etl')],
    });
    const plan = planReconcile(drift, { allowRemovals: true });
    assert.equal(plan.summary.removes, 0);
    assert.ok(plan.steps.every((s) => s.kind !== 'removeMember'));
    assert.match(plan.removalsWithheld ?? '', /1 Entra member could not be compared/);
    assert.deepEqual(
      plan.skipped.map((s) => [s.finding.kind, s.finding.key, s.reason === plan.removalsWithheld]),
      [['extra', 'jane@contoso.com', true]],
    );
    assert.equal(plan.summary.adds, 1, 'adds still happen: what was read is real');
    assert.deepEqual(plan.notCompared, drift.notCompared);
  });

  it('userKey mail: a user without mail makes the group incomplete, with the attribute named', () => {
    const drift = computeDrift({
      databricksGroup: dbxGroup([dUser('1', 'jane@contoso.com')]),
      directory: directory(),
      entraGroup: ENTRA_GROUP,
      entraMembers: [eUser('u1', 'jane@contoso.com', { displayName: 'Jane' })],
      options: { userKey: 'mail' },
    });
    assert.equal(drift.complete, false);
    assert.match(drift.notCompared[0]?.reason ?? '', /^has no mail/);
    assert.equal(planReconcile(drift, { allowRemovals: true }).summary.removes, 0);
  });

  it('a complete group keeps its removals (the guard costs nothing when the answer is whole)', () => {
    const drift = computeDrift({
      databricksGroup: dbxGroup([dUser('1', 'jane@contoso.com'), dUser('2', 'bob@contoso.com')]),
      directory: directory(),
      entraGroup: ENTRA_GROUP,
      entraMembers: [eUser('u1', 'jane@contoso.com')],
    });
    assert.deepEqual([drift.complete, drift.entraEmpty], [true, false]);
    const plan = planReconcile(drift, { allowRemovals: true });
    assert.deepEqual([plan.summary.removes, plan.removalsWithheld, plan.emptyEntraRemovals], [1, undefined, undefined]);
  });

  it('nesting cut at the depth limit: the cut groups are listed, the group is incomplete', () => {
    const g = (id: string, displayName: string): GraphMember => ({ type: 'group', id, displayName });
    const tree: MemberTree = {
      groupId: 'root',
      direct: [g('g1', 'level-1')],
      nested: new Map([
        ['g1', { group: g('g1', 'level-1'), depth: 1, path: ['level-1'], members: [g('g2', 'level-2')] }],
      ]),
      members: [],
      truncated: true,
    };
    const side = entraMembersOfTree(tree, 1);
    assert.deepEqual(
      side.notRead.map((n) => [n.entraId, n.displayName]),
      [['g2', 'level-2']],
    );
    assert.match(side.notRead[0]?.reason ?? '', /deeper than 1 level:/);
    const drift = computeDrift({
      databricksGroup: dbxGroup([dUser('1', 'jane@contoso.com')]),
      directory: directory(),
      entraGroup: ENTRA_GROUP,
      entraMembers: side.members,
      notRead: side.notRead,
    });
    assert.equal(drift.complete, false);
    assert.equal(planReconcile(drift, { allowRemovals: true }).summary.removes, 0);
  });
});

describe('drift: an Entra group that reads as empty', () => {
  let emu: Emulator;
  let http: HttpClient;
  let scim: ScimClient;
  before(async () => {
    emu = await startEmulator({ dataset: 'demo' });
    http = new HttpClient({ auth: { origin: emu.url, getToken: async () => emu.adminToken } });
    scim = new ScimClient({ host: emu.url, http });
  });
  after(async () => {
    await http.close();
    await emu.close();
  });

  function emptyEntraPlan() {
    const group = emu.state.findGroup('platform-ops');
    assert.ok(group);
    const members = [...group.members].map((id) => {
      const p = emu.state.getPrincipal(id);
      if (p?.kind === 'user') return dUser(p.id, p.userName);
      if (p?.kind === 'servicePrincipal') return dSp(p.id, p.applicationId, p.displayName ?? '');
      throw new Error(`unexpected member ${id}`);
    });
    const drift = computeDrift({
      databricksGroup: dbxGroup(members, { id: group.id, displayName: group.displayName }),
      directory: directory(),
      entraGroup: ENTRA_GROUP,
      entraMembers: [],
    });
    return { drift, plan: planReconcile(drift, { allowRemovals: true }), count: members.length };
  }

  it('is complete but flagged: the plan names the removal count that needs its own confirmation', () => {
    const { drift, plan, count } = emptyEntraPlan();
    assert.deepEqual([drift.complete, drift.entraEmpty], [true, true]);
    assert.equal(plan.summary.removes, count);
    assert.equal(plan.emptyEntraRemovals, count);
  });

  it('applyPlan refuses it before any request without the confirmed count, or with another count', async () => {
    const { plan, count } = emptyEntraPlan();
    emu.clearLog();
    await assert.rejects(
      applyPlan(plan, scim),
      (e: unknown) => e instanceof EmptyEntraError && e.removals === count && /naming the number/.test(e.message),
    );
    await assert.rejects(applyPlan(plan, scim, { confirmedEmptyEntraRemovals: count - 1 }), EmptyEntraError);
    assert.deepEqual(emu.log, []);
  });

  it('with the confirmed count it removes them', async () => {
    const { plan, count } = emptyEntraPlan();
    const result = await applyPlan(plan, scim, { confirmedEmptyEntraRemovals: count });
    assert.equal(result.applied.length, count);
    assert.equal(emu.state.findGroup('platform-ops')?.members.size, 0);
  });
});
