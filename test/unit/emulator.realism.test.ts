import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { EVIDENCED_FILTER_ATTRIBUTES, profiles, realisticKnobs, startEmulator } from '../emulator';
import {
  Api,
  groupIdOf,
  SCIM,
  useEmulator,
  userIdOf,
  values,
  type ScimErrorBody,
  type ScimResource,
} from './emulator.helpers';

async function timed<T>(f: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = Date.now();
  const result = await f();
  return { ms: Date.now() - start, result };
}

describe('emulator: production behaviour knobs', () => {
  const { emu, api } = useEmulator({ dataset: 'demo' });

  describe('slowMeMs', () => {
    it('/Me with entitlements is slow; leaving them out (excludedAttributes or an attributes list) is not', async () => {
      emu().setKnobs({ slowMeMs: 1000 });
      const full = await timed(() => api().get(`${SCIM}/Me`));
      assert.equal(full.result.status, 200);
      assert.ok(full.ms >= 950, `full /Me took ${full.ms} ms`);
      const excluded = await timed(() => api().get(`${SCIM}/Me?excludedAttributes=entitlements`));
      const projected = await timed(() => api().get(`${SCIM}/Me?attributes=id,userName,displayName`));
      for (const r of [excluded, projected]) {
        assert.equal(r.result.status, 200);
        assert.ok(r.ms < 500, `/Me without entitlements took ${r.ms} ms`);
      }
      assert.equal(projected.result.body.userName, 'admin@contoso.com');
      const withEntitlements = await timed(() => api().get(`${SCIM}/Me?attributes=userName,entitlements`));
      assert.ok(withEntitlements.ms >= 950, 'an attributes list that names entitlements is slow too');
    });
  });

  describe('filterableAttributes', () => {
    const invalidFilter = (r: { status: number; body: unknown }, attr: string): void => {
      assert.equal(r.status, 400, attr);
      const body = r.body as ScimErrorBody;
      assert.deepEqual(body.schemas, ['urn:ietf:params:scim:api:messages:2.0:Error']);
      assert.equal(body.scimType, 'invalidFilter');
      assert.equal(body.status, '400');
      assert.match(body.detail, new RegExp(attr));
    };

    it('the evidenced set refuses id and externalId filters on users and groups with 400 invalidFilter', async () => {
      emu().setKnobs({ filterableAttributes: EVIDENCED_FILTER_ATTRIBUTES });
      const grace = userIdOf(emu(), 'grace.liu@contoso.com');
      const dataEng = groupIdOf(emu(), 'data-eng');
      invalidFilter(await api().list('Users', { filter: `id eq "${grace}"` }), 'id');
      invalidFilter(
        await api().list('Users', { filter: `id eq "${grace}" or id eq "${userIdOf(emu(), 'admin@contoso.com')}"` }),
        'id',
      );
      invalidFilter(await api().list('Users', { filter: 'externalId eq "x"' }), 'externalId');
      invalidFilter(await api().list('Users', { filter: 'displayName co "a"' }), 'displayName');
      invalidFilter(await api().list('Groups', { filter: `id eq "${dataEng}"` }), 'id');
      invalidFilter(await api().list('Groups', { filter: 'externalId eq "x"' }), 'externalId');
    });

    it('the evidenced set still answers userName, displayName (groups) and applicationId/displayName/id (service principals)', async () => {
      emu().setKnobs({ filterableAttributes: EVIDENCED_FILTER_ATTRIBUTES });
      const user = await api().list('Users', { filter: 'userName eq "grace.liu@contoso.com"' });
      assert.deepEqual(
        user.body.Resources?.map((r) => r.userName),
        ['grace.liu@contoso.com'],
      );
      const group = await api().list('Groups', { filter: 'displayName eq "data-eng"', attributes: 'displayName' });
      assert.deepEqual(
        group.body.Resources?.map((r) => r.displayName),
        ['data-eng'],
      );
      const sp = emu().state.servicePrincipals.toArray()[0];
      assert.ok(sp);
      for (const filter of [
        `id eq "${sp.id}"`,
        `applicationId eq "${sp.applicationId}"`,
        `displayName eq "${sp.displayName}"`,
      ]) {
        const r = await api().list('ServicePrincipals', { filter });
        assert.deepEqual(
          r.body.Resources?.map((x) => x.id),
          [sp.id],
          filter,
        );
      }
    });

    it('a custom set per resource type; null (the default) filters on everything the emulator knows', async () => {
      emu().setKnobs({
        filterableAttributes: {
          user: ['userName', 'emails.value'],
          group: ['displayName', 'externalId'],
          servicePrincipal: [],
        },
      });
      assert.equal((await api().list('Users', { filter: 'emails.value eq "grace.liu@contoso.com"' })).status, 200);
      assert.equal((await api().list('Groups', { filter: 'externalId eq "x"' })).status, 200);
      invalidFilter(await api().list('ServicePrincipals', { filter: 'displayName eq "x"' }), 'displayName');
      emu().setKnobs({ filterableAttributes: null });
      const grace = userIdOf(emu(), 'grace.liu@contoso.com');
      assert.deepEqual(
        (await api().list('Users', { filter: `id eq "${grace}"` })).body.Resources?.map((r) => r.id),
        [grace],
      );
    });
  });

  describe('unknownMemberStatus', () => {
    it('404: adding a member id that does not exist answers 404 instead of 400, and changes nothing', async () => {
      const dataEng = groupIdOf(emu(), 'data-eng');
      const before = values((await api().get(`${SCIM}/Groups/${dataEng}`)).body.members);
      const add = [{ op: 'add', path: 'members', value: [{ value: '9999999999999999' }] }];
      const r400 = await api().patch(`${SCIM}/Groups/${dataEng}`, add);
      assert.equal(r400.status, 400);
      assert.equal((r400.body as unknown as ScimErrorBody).scimType, 'invalidValue');
      emu().setKnobs({ unknownMemberStatus: 404 });
      const r404 = await api().patch(`${SCIM}/Groups/${dataEng}`, add);
      assert.equal(r404.status, 404);
      assert.deepEqual(r404.body as unknown as ScimErrorBody, {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
        detail: 'Member with id 9999999999999999 does not exist.',
        status: '404',
      });
      assert.deepEqual(values((await api().get(`${SCIM}/Groups/${dataEng}`)).body.members), before);
      const group = await api().get(`${SCIM}/Groups/1111111111111111`);
      assert.equal(group.status, 404, 'an unknown group is a 404 too, so only the detail tells them apart');
    });
  });

  describe("profile 'realistic'", () => {
    it('is one exported knob set with every limit on', () => {
      assert.equal(profiles.realistic, realisticKnobs);
      assert.deepEqual(profiles.default, {});
      assert.equal(realisticKnobs.concurrencyLimit, 4);
      assert.equal(realisticKnobs.concurrencyAnswer, 'concurrent500');
      assert.equal(realisticKnobs.getRateLimit, 255);
      assert.equal(realisticKnobs.getRateWindowMs, 60_000);
      assert.ok((realisticKnobs.slowMeMs ?? 0) >= 1000);
      assert.equal(realisticKnobs.filterableAttributes, EVIDENCED_FILTER_ATTRIBUTES);
      assert.equal(realisticKnobs.unknownMemberStatus, 404);
      assert.equal(realisticKnobs.defaultTokenLifetimeDays, 730);
      assert.equal(realisticKnobs.revokeUnusedTokenDays, 90);
      assert.ok((realisticKnobs.latencyMs ?? 0) > 0);
    });

    it('startEmulator({ profile: "realistic" }) behaves like a production workspace; knobs given next to it win', async () => {
      const real = await startEmulator({ dataset: 'demo', profile: 'realistic', knobs: { latencyMs: 300 } });
      try {
        const a = new Api(real);
        const replies = await Promise.all(
          Array.from({ length: 6 }, () => a.list('Groups', { count: 1, attributes: 'displayName' })),
        );
        assert.deepEqual(replies.map((r) => r.status).sort(), [200, 200, 200, 200, 500, 500]);
        assert.equal(real.stats.concurrencyRefused, 2);
        const byId = await a.list('Users', { filter: `id eq "${userIdOf(real, 'grace.liu@contoso.com')}"` });
        assert.equal((byId.body as unknown as ScimErrorBody).scimType, 'invalidFilter');
        const unknown = await a.patch(`${SCIM}/Groups/${groupIdOf(real, 'analysts')}`, [
          { op: 'add', path: 'members', value: [{ value: '42' }] },
        ]);
        assert.equal(unknown.status, 404);
        const token = await a.post<{ token_info: { creation_time: number; expiry_time: number } }>(
          '/api/2.0/token/create',
          { comment: 'x' },
        );
        assert.equal(token.body.token_info.expiry_time, token.body.token_info.creation_time + 730 * 86_400_000);
      } finally {
        await real.close();
      }
    });

    it('the emulator command line (npm run emulator) takes --profile realistic', async () => {
      const main = path.join(__dirname, '..', 'emulator', 'main.js');
      const child = spawn(process.execPath, [main, '--dataset', 'empty', '--profile', 'realistic'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      try {
        const out = await new Promise<string>((resolve, reject) => {
          let text = '';
          child.stdout.on('data', (d: Buffer) => {
            text += d.toString();
            if (/DATABRICKS_TOKEN=\S+/.test(text)) resolve(text);
          });
          child.on('exit', (code) => reject(new Error(`emulator exited with ${code}: ${text}`)));
        });
        assert.match(out, /realistic profile/);
        const host = /DATABRICKS_HOST=(\S+)/.exec(out)?.[1] ?? '';
        const token = /DATABRICKS_TOKEN=(\S+)/.exec(out)?.[1] ?? '';
        const r = await fetch(`${host}${SCIM}/Groups?filter=${encodeURIComponent('id eq "1"')}`, {
          headers: { Authorization: `Bearer ${token}` },
        });
        assert.equal(r.status, 400);
        assert.equal(((await r.json()) as ScimResource & ScimErrorBody).scimType, 'invalidFilter');
      } finally {
        child.kill();
      }
    });
  });
});
