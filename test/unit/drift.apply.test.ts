// applyPlan against the Databricks emulator over real HTTP: apply, re-read, compare again. The
// Entra side is a literal (the demo org's data-eng as Entra would have it), so these tests do not
// depend on the Graph client.

import { strict as assert } from 'node:assert';
import { MassChangeError, applyPlan } from '../../src/core/drift/apply';
import { computeDrift } from '../../src/core/drift/computeDrift';
import { loadDatabricksSide } from '../../src/core/drift/databricksSide';
import { isEmpty, planReconcile, type ReconcileOptions } from '../../src/core/drift/plan';
import type { DriftFinding, EntraGroupRef, EntraMember, GroupDrift } from '../../src/core/drift/types';
import { SCIM_BASE, startHarness, type ScimHarness } from './support/builders';
import { eGroup, eSp, eUser, finding as f, via } from './drift.fixtures';

const DATA_ENG: EntraGroupRef = { id: '57555403-e4e7-5f87-aa2f-58f42a4e0e52', displayName: 'Data Engineering' };
const ML = { id: '32794039-6288-5338-a013-c9ea63fdb55d', displayName: 'ml-engineers' };
const EU = { id: 'cccccccc-0000-4000-8000-000000000001', displayName: 'eu-contractors' };
const APP_CI = 'ebe00f52-8029-567f-89ee-c05d1c877538';
const APP_NEW = 'aaaaaaaa-1111-4222-8333-444444444444';
const APP_AIRFLOW = 'e1dcf94a-3343-5010-a64a-a5d9e0fcc312';

/** Entra's data-eng: a renamed group, one case-variant UPN, a nested group Databricks lacks, new principals. */
const ENTRA_MEMBERS: EntraMember[] = [
  ...['daniel.okafor', 'elena.petrova', 'farid.haddad', 'grace.liu'].map((u, i) => eUser(`u${i}`, `${u}@contoso.com`)),
  eUser('u10', 'Hiro.Tanaka@contoso.com', { displayName: 'Hiro Tanaka' }),
  eUser('u11', 'chloe.dubois@contoso.com', { displayName: 'Chloe Dubois' }),
  eUser('u12', 'new.hire@contoso.com', { displayName: 'New Hire' }),
  eGroup(ML.id, ML.displayName),
  eUser('u13', 'kavya.reddy@contoso.com', via(ML)),
  eSp('s1', '61c54a14-24e4-50b3-bf06-b0f46d43c6e4', 'etl-pipeline'),
  eSp('s2', APP_CI, 'ci-deployer'),
  eSp('s3', APP_NEW, 'feature-store-sync'),
  eGroup(EU.id, EU.displayName),
  eUser('u14', 'andre.silva@contoso.com', { displayName: 'Andre Silva', ...via(EU) }),
  eUser('u15', 'new.contractor@contoso.com', { displayName: 'New Contractor', ...via(EU) }),
];

/** What reconcile cannot fix: a rename, a group that does not exist, a case only Entra can change. */
const UNFIXABLE: DriftFinding[] = [
  f('renamed', 'group', 'data-eng', 'Data Engineering', false),
  f('notProvisioned', 'group', 'eu-contractors', 'eu-contractors', false),
  {
    ...f('caseMismatch', 'user', 'hiro.tanaka@contoso.com', 'Hiro Tanaka', false),
    entraKey: 'Hiro.Tanaka@contoso.com',
  },
];

describe('drift applyPlan against the emulator', function () {
  this.timeout(20000);
  let h: ScimHarness;
  let groupId: string;
  beforeEach(async () => {
    h = await startHarness({ dataset: 'demo' });
    const g = h.emulator.state.findGroup('data-eng');
    assert.ok(g);
    groupId = g.id;
  });
  afterEach(async () => {
    await h.close();
  });

  async function compare(): Promise<GroupDrift> {
    const side = await loadDatabricksSide(h.scim, groupId, ENTRA_MEMBERS);
    return computeDrift({
      databricksGroup: side.group,
      directory: side.directory,
      entraGroup: DATA_ENG,
      entraMembers: ENTRA_MEMBERS,
    });
  }
  const RECONCILE: ReconcileOptions = { allowRemovals: true, maxMembersPerPatch: 2 };

  it('the demo data-eng against its Entra group gives the hand-written findings', async () => {
    const drift = await compare();
    assert.deepEqual(drift.findings, [
      f('renamed', 'group', 'data-eng', 'Data Engineering', false),
      f('missing', 'user', 'chloe.dubois@contoso.com', 'Chloe Dubois', true),
      f('missing', 'servicePrincipal', APP_CI, 'ci-deployer', false),
      f('notProvisioned', 'servicePrincipal', APP_NEW, 'feature-store-sync', false),
      f('notProvisioned', 'group', 'eu-contractors', 'eu-contractors', false),
      f('notProvisioned', 'user', 'new.contractor@contoso.com', 'New Contractor', false, ['eu-contractors']),
      f('notProvisioned', 'user', 'new.hire@contoso.com', 'New Hire', true),
      f('nestedOnly', 'user', 'andre.silva@contoso.com', 'Andre Silva', false, ['eu-contractors']),
      f('extra', 'servicePrincipal', APP_AIRFLOW, 'airflow-scheduler', false),
      f('extra', 'user', 'jonas.becker@contoso.com', 'Jonas Becker', false),
      {
        ...f('caseMismatch', 'user', 'hiro.tanaka@contoso.com', 'Hiro Tanaka', false),
        entraKey: 'Hiro.Tanaka@contoso.com',
      },
    ]);
  });

  it('apply, re-read, compare again: only what reconcile cannot fix remains, and the next plan is empty', async () => {
    const plan = planReconcile(await compare(), RECONCILE);
    assert.deepEqual(plan.summary, { creates: 3, adds: 6, removes: 2, requests: 8 });
    h.emulator.clearLog();
    const progress: number[] = [];
    const result = await applyPlan(plan, h.scim, { onProgress: (p) => progress.push(p.done) });

    assert.deepEqual(result.failed, []);
    assert.equal(result.cancelled, false);
    assert.deepEqual(progress, [1, 2, 3, 4, 5, 6, 7, 8]);
    assert.equal(result.applied.length, 11);
    // creates, then ceil(6/2) = 3 batched adds, then one PATCH per removal
    assert.equal(h.scimRequests('/ServicePrincipals', 'POST').length, 1);
    assert.equal(h.scimRequests('/Users', 'POST').length, 2);
    assert.equal(h.scimRequests(`/Groups/${groupId}`, 'PATCH').length, 5);

    const after = await compare();
    assert.deepEqual(after.findings, UNFIXABLE);
    const second = planReconcile(after, RECONCILE);
    assert.ok(isEmpty(second));
    assert.deepEqual(second.summary, { creates: 0, adds: 0, removes: 0, requests: 0 });
  });

  it('a failed create is reported for that principal (and its add) while every other step applies', async () => {
    const plan = planReconcile(await compare(), RECONCILE);
    h.emulator.injectFaults({
      kind: 'status',
      status: 500,
      match: { method: 'POST', path: `${SCIM_BASE}/ServicePrincipals` },
    });
    const result = await applyPlan(plan, h.scim);

    assert.deepEqual(
      result.failed.map((x) => [x.step, x.key]),
      [
        ['createServicePrincipal', APP_NEW],
        ['addMembers', APP_NEW],
      ],
    );
    assert.match(result.failed[0]?.message ?? '', /failed with HTTP 500/);
    assert.equal(result.failed[1]?.message, 'Not added: creating the principal failed.');
    assert.equal(result.applied.length, 9);
    const after = await compare();
    assert.deepEqual(after.findings, [
      ...UNFIXABLE.slice(0, 1),
      f('notProvisioned', 'servicePrincipal', APP_NEW, 'feature-store-sync', false),
      ...UNFIXABLE.slice(1),
    ]);
  });

  it('a batch rejected for one member is retried one by one, so only that member fails', async () => {
    const drift = await compare();
    const chloe = h.emulator.state.findUser('chloe.dubois@contoso.com');
    assert.ok(chloe);
    h.emulator.state.deletePrincipal(chloe.id); // gone between compare and apply
    const result = await applyPlan(planReconcile(drift, RECONCILE), h.scim);

    assert.deepEqual(
      result.failed.map((x) => [x.step, x.key]),
      [['addMembers', 'chloe.dubois@contoso.com']],
    );
    const members = h.emulator.state.findGroup('data-eng')?.members;
    const ci = h.emulator.state.findServicePrincipal(APP_CI);
    assert.ok(ci && members?.has(ci.id), 'the other member of the rejected batch was added');
  });

  it('a create answered 409 "already exists" adopts the existing principal and adds it', async () => {
    const drift = await compare();
    const late = h.emulator.state.createUser({ userName: 'new.hire@contoso.com', displayName: 'New Hire' }); // e.g. the connector, meanwhile
    const result = await applyPlan(planReconcile(drift, RECONCILE), h.scim);

    assert.deepEqual(result.failed, []);
    assert.deepEqual(
      result.applied.find((x) => x.step === 'createUser' && x.key === 'new.hire@contoso.com'),
      { step: 'createUser', principalType: 'user', key: 'new.hire@contoso.com', id: late.id, adopted: true },
    );
    assert.ok(h.emulator.state.findGroup('data-eng')?.members.has(late.id));
  });

  it('stops between steps when the signal fires, and reports what did not run', async () => {
    const plan = planReconcile(await compare(), RECONCILE);
    const abort = new AbortController();
    h.emulator.clearLog();
    const result = await applyPlan(plan, h.scim, { signal: abort.signal, onProgress: () => abort.abort() });

    assert.equal(result.cancelled, true);
    assert.equal(result.pendingSteps, plan.steps.length - 1);
    assert.deepEqual(
      result.applied.map((x) => x.step),
      ['createServicePrincipal'],
    );
    assert.equal(h.emulator.log.filter((e) => e.method !== 'GET').length, 1);
  });

  it('refuses a plan above massChangeThreshold before sending anything', async () => {
    const plan = planReconcile(await compare(), RECONCILE);
    h.emulator.clearLog();
    await assert.rejects(
      applyPlan(plan, h.scim, { massChangeThreshold: 5 }),
      (e: unknown) => e instanceof MassChangeError && e.changes === 11 && e.threshold === 5,
    );
    assert.equal(h.emulator.log.length, 0);
  });
});
