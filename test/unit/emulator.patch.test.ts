import assert from 'node:assert/strict';
import { SCIM, groupIdOf, spIdOf, useEmulator, userIdOf, values, type ScimErrorBody } from './emulator.helpers';

describe('emulator: PATCH (every form clients send)', () => {
  const { emu, api } = useEmulator({ dataset: 'demo' });
  const members = (groupName: string): string[] => [...(emu().state.findGroup(groupName)?.members ?? [])];

  it('adds members with path and an array value; Entra\'s "$ref": null and capitalised op are fine', async () => {
    const bi = groupIdOf(emu(), 'bi-developers');
    const nora = userIdOf(emu(), 'nora.jensen@contoso.com');
    const chloe = userIdOf(emu(), 'chloe.dubois@contoso.com');
    const r = await api().patch(`${SCIM}/Groups/${bi}`, [{ op: 'add', path: 'members', value: [{ value: nora }] }]);
    assert.equal(r.status, 204);
    assert.equal(r.text, '');
    const entra = await api().patch(`${SCIM}/Groups/${bi}`, [
      { op: 'Add', path: 'members', value: [{ $ref: null, value: chloe }] },
    ]);
    assert.equal(entra.status, 204);
    assert.ok(members('bi-developers').includes(nora) && members('bi-developers').includes(chloe));
  });

  it('adding a member twice is idempotent', async () => {
    const bi = groupIdOf(emu(), 'bi-developers');
    const dana = userIdOf(emu(), 'dana.kim@contoso.com');
    const before = members('bi-developers').length;
    const r = await api().patch(`${SCIM}/Groups/${bi}`, [
      { op: 'add', path: 'members', value: [{ value: dana }, { value: dana }] },
    ]);
    assert.equal(r.status, 204);
    assert.equal(members('bi-developers').length, before);
  });

  it('adds without a path: value object carrying members, entitlements, roles and displayName', async () => {
    const sec = groupIdOf(emu(), 'security-reviewers');
    const sp = spIdOf(emu(), 'ci-deployer');
    const r = await api().patch(`${SCIM}/Groups/${sec}`, [
      {
        op: 'ADD',
        value: {
          members: [{ value: sp }],
          entitlements: [{ value: 'databricks-sql-access' }],
          roles: [{ value: 'arn:aws:iam::123:instance-profile/x' }],
          displayName: 'security',
        },
      },
    ]);
    assert.equal(r.status, 204);
    const g = emu().state.groups.get(sec);
    assert.equal(g?.displayName, 'security');
    assert.ok(g?.members.has(sp));
    assert.deepEqual(g?.entitlements, ['databricks-sql-access']);
    assert.deepEqual(g?.roles, ['arn:aws:iam::123:instance-profile/x']);
  });

  it('removes one member with members[value eq "id"], and an absent member is still 2xx', async () => {
    const dataEng = groupIdOf(emu(), 'data-eng');
    const grace = userIdOf(emu(), 'grace.liu@contoso.com');
    const r = await api().patch(`${SCIM}/Groups/${dataEng}`, [{ op: 'remove', path: `members[value eq "${grace}"]` }]);
    assert.equal(r.status, 204);
    assert.ok(!members('data-eng').includes(grace));
    const again = await api().patch(`${SCIM}/Groups/${dataEng}`, [
      { op: 'remove', path: `members[value eq "${grace}"]` },
    ]);
    assert.equal(again.status, 204);
  });

  it('removes members Entra-style: path members plus a value array', async () => {
    const dataEng = groupIdOf(emu(), 'data-eng');
    const elena = userIdOf(emu(), 'elena.petrova@contoso.com');
    const farid = userIdOf(emu(), 'farid.haddad@contoso.com');
    const r = await api().patch(`${SCIM}/Groups/${dataEng}`, [
      { op: 'Remove', path: 'members', value: [{ value: elena }, { value: farid }] },
    ]);
    assert.equal(r.status, 204);
    assert.ok(!members('data-eng').includes(elena) && !members('data-eng').includes(farid));
  });

  it('adds, removes by filter, replaces and removes lists of entitlements', async () => {
    const ben = userIdOf(emu(), 'ben.carter@contoso.com');
    const path = `${SCIM}/Users/${ben}`;
    const ent = (): string[] => [...(emu().state.users.get(ben)?.entitlements ?? [])];
    assert.equal(
      (await api().patch(path, [{ op: 'add', path: 'entitlements', value: [{ value: 'allow-cluster-create' }] }]))
        .status,
      204,
    );
    assert.equal(
      (await api().patch(path, [{ op: 'add', path: 'entitlements', value: [{ value: 'databricks-sql-access' }] }]))
        .status,
      204,
    );
    assert.deepEqual(ent(), ['allow-cluster-create', 'databricks-sql-access']);
    assert.equal(
      (await api().patch(path, [{ op: 'remove', path: 'entitlements[value eq "allow-cluster-create"]' }])).status,
      204,
    );
    assert.deepEqual(ent(), ['databricks-sql-access']);
    const replace = [
      {
        op: 'replace',
        path: 'entitlements',
        value: [{ value: 'workspace-access' }, { value: 'allow-instance-pool-create' }],
      },
    ];
    assert.equal((await api().patch(path, replace)).status, 204);
    assert.deepEqual(ent(), ['workspace-access', 'allow-instance-pool-create']);
    assert.equal(
      (await api().patch(path, [{ op: 'remove', path: 'entitlements', value: [{ value: 'workspace-access' }] }]))
        .status,
      204,
    );
    assert.deepEqual(ent(), ['allow-instance-pool-create']);
  });

  it('removing entitlements that are not set is 400 invalidPath "No such attribute…"', async () => {
    const ben = userIdOf(emu(), 'ben.carter@contoso.com');
    for (const op of [
      { op: 'remove', path: 'entitlements', value: [{ value: 'allow-cluster-create' }] },
      { op: 'remove', path: 'entitlements[value eq "allow-cluster-create"]' },
    ]) {
      const r = await api().patch<ScimErrorBody>(`${SCIM}/Users/${ben}`, [op]);
      assert.equal(r.status, 400);
      assert.equal(r.body.scimType, 'invalidPath');
      assert.equal(r.body.detail, 'No such attribute with the name : entitlements in the current resource');
    }
  });

  it('adds and removes roles, including by filter', async () => {
    const sp = spIdOf(emu(), 'etl-pipeline');
    const arn = 'arn:aws:iam::123456789012:instance-profile/etl';
    assert.equal(
      (await api().patch(`${SCIM}/ServicePrincipals/${sp}`, [{ op: 'add', path: 'roles', value: [{ value: arn }] }]))
        .status,
      204,
    );
    assert.deepEqual(emu().state.servicePrincipals.get(sp)?.roles, [arn]);
    const r = await api().patch(`${SCIM}/ServicePrincipals/${sp}`, [
      { op: 'remove', path: `roles[value eq "${arn}"]` },
    ]);
    assert.equal(r.status, 204);
    assert.deepEqual(emu().state.servicePrincipals.get(sp)?.roles, []);
  });

  it('deactivates with "false" (string), false (boolean) and [{"value":"false"}] (Terraform)', async () => {
    const forms: unknown[] = ['false', false, [{ value: 'false' }]];
    for (const value of forms) {
      const dana = userIdOf(emu(), 'dana.kim@contoso.com');
      emu().state.commit([{ put: { ...(emu().state.users.get(dana) ?? assert.fail()), active: true } }]);
      const r = await api().patch(`${SCIM}/Users/${dana}`, [{ op: 'Replace', path: 'active', value }]);
      assert.equal(r.status, 204, JSON.stringify(value));
      assert.equal(emu().state.users.get(dana)?.active, false, JSON.stringify(value));
    }
    const sp = spIdOf(emu(), 'ci-deployer');
    assert.equal(
      (await api().patch(`${SCIM}/ServicePrincipals/${sp}`, [{ op: 'replace', path: 'active', value: 'False' }]))
        .status,
      204,
    );
    assert.equal(emu().state.servicePrincipals.get(sp)?.active, false);
  });

  it('takes Entra\'s user PATCH: no-path replace of active, emails[type eq "work"].value ignored', async () => {
    const u = userIdOf(emu(), 'zoe.williams@contoso.com');
    const r = await api().patch(`${SCIM}/Users/${u}`, [
      { op: 'Replace', value: { active: false, displayName: 'Zoë Williams' } },
      { op: 'Add', path: 'emails[type eq "work"].value', value: 'zoe@elsewhere.example' },
    ]);
    assert.equal(r.status, 204);
    const rec = emu().state.users.get(u);
    assert.equal(rec?.active, false);
    assert.equal(rec?.displayName, 'Zoë Williams');
    assert.deepEqual(rec?.emails, ['zoe.williams@contoso.com']);
  });

  it('renames with replace displayName (groups, users, service principals; add works for SPs)', async () => {
    const g = groupIdOf(emu(), 'contractors');
    assert.equal(
      (await api().patch(`${SCIM}/Groups/${g}`, [{ op: 'replace', path: 'displayName', value: 'external' }])).status,
      204,
    );
    assert.equal(emu().state.groups.get(g)?.displayName, 'external');
    assert.equal(emu().state.findGroup('contractors'), undefined);
    const sp = spIdOf(emu(), 'airflow-scheduler');
    assert.equal(
      (await api().patch(`${SCIM}/ServicePrincipals/${sp}`, [{ op: 'add', path: 'displayName', value: 'airflow' }]))
        .status,
      204,
    );
    assert.equal(emu().state.servicePrincipals.get(sp)?.displayName, 'airflow');
    const u = userIdOf(emu(), 'nora.jensen@contoso.com');
    assert.equal(
      (await api().patch(`${SCIM}/Users/${u}`, [{ op: 'replace', path: 'name.givenName', value: 'Norah' }])).status,
      204,
    );
    assert.equal(emu().state.users.get(u)?.givenName, 'Norah');
    const clash = await api().patch<ScimErrorBody>(`${SCIM}/Groups/${g}`, [
      { op: 'replace', path: 'displayName', value: 'analysts' },
    ]);
    assert.equal(clash.status, 409);
    assert.equal(clash.body.detail, 'Group with name analysts already exists.');
  });

  it('a malformed value is 400 invalidSyntax "Request is unparsable…"', async () => {
    const g = groupIdOf(emu(), 'analysts');
    const id = userIdOf(emu(), 'nora.jensen@contoso.com');
    for (const op of [
      { op: 'add', path: 'members', value: id },
      { op: 'add', path: 'members', value: [id] },
      { op: 'add', path: 'entitlements', value: 'workspace-access' },
      { op: 'replace', path: 'displayName', value: 42 },
      { op: 'frobnicate', path: 'members', value: [{ value: id }] },
    ]) {
      const r = await api().patch<ScimErrorBody>(`${SCIM}/Groups/${g}`, [op]);
      assert.equal(r.status, 400, JSON.stringify(op));
      assert.equal(r.body.scimType, 'invalidSyntax');
      assert.match(r.body.detail, /^Request is unparsable, syntactically incorrect, or violates schema\./);
    }
    const user = await api().patch<ScimErrorBody>(`${SCIM}/Users/${id}`, [
      { op: 'replace', path: 'active', value: 'nope' },
    ]);
    assert.equal(user.body.scimType, 'invalidSyntax');
    const noOps = await api().call<ScimErrorBody>('PATCH', `${SCIM}/Groups/${g}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
    });
    assert.equal(noOps.status, 400);
    const noSchema = await api().call<ScimErrorBody>('PATCH', `${SCIM}/Groups/${g}`, { Operations: [] });
    assert.equal(noSchema.status, 400);
  });

  it('an unknown member id is 400 invalidValue and nothing changes', async () => {
    const g = groupIdOf(emu(), 'analysts');
    const before = members('analysts');
    const nora = userIdOf(emu(), 'nora.jensen@contoso.com');
    const r = await api().patch<ScimErrorBody>(`${SCIM}/Groups/${g}`, [
      { op: 'add', path: 'members', value: [{ value: nora }] },
      { op: 'add', path: 'members', value: [{ value: '1111111111111111' }] },
    ]);
    assert.equal(r.status, 400);
    assert.equal(r.body.scimType, 'invalidValue');
    assert.match(r.body.detail, /1111111111111111/);
    assert.deepEqual(members('analysts'), before);
  });

  it('unknown attributes and members on users are invalidPath', async () => {
    const u = userIdOf(emu(), 'nora.jensen@contoso.com');
    const r = await api().patch<ScimErrorBody>(`${SCIM}/Users/${u}`, [
      { op: 'add', path: 'members', value: [{ value: u }] },
    ]);
    assert.equal(r.status, 400);
    assert.equal(r.body.scimType, 'invalidPath');
    const title = await api().patch<ScimErrorBody>(`${SCIM}/Users/${u}`, [
      { op: 'replace', path: 'title', value: 'x' },
    ]);
    assert.equal(title.body.scimType, 'invalidPath');
  });

  it('answers 200 with the resource when patchStatus is 200', async () => {
    emu().setKnobs({ patchStatus: 200 });
    const g = groupIdOf(emu(), 'analysts');
    const r = await api().patch(`${SCIM}/Groups/${g}`, [
      { op: 'add', path: 'entitlements', value: [{ value: 'allow-cluster-create' }] },
    ]);
    assert.equal(r.status, 200);
    assert.equal(r.body.id, g);
    assert.deepEqual(values(r.body.entitlements), ['databricks-sql-access', 'allow-cluster-create']);
  });

  it('a PATCH on an unknown id is 404', async () => {
    const r = await api().patch<ScimErrorBody>(`${SCIM}/Groups/1234567890123456`, [
      { op: 'add', path: 'members', value: [] },
    ]);
    assert.equal(r.status, 404);
    assert.equal(r.body.detail, 'Group not found.');
  });
});
