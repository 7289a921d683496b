import assert from 'node:assert/strict';
import { useEmulator, type DatabricksErrorBody, type ScimErrorBody, type ScimList } from './emulator.helpers';

describe('emulator: filters', () => {
  const { emu, api } = useEmulator({ dataset: 'demo' });

  async function names(
    resource: string,
    filter: string,
    key: 'userName' | 'displayName' | 'applicationId' = 'userName',
  ): Promise<string[]> {
    const r = await api().list(resource, { filter });
    assert.equal(r.status, 200, `${filter} → ${r.text}`);
    return (r.body.Resources ?? []).map((x) => x[key] ?? '').sort();
  }

  async function rejected(resource: string, filter: string): Promise<ScimErrorBody> {
    const r = await api().list(resource, { filter });
    assert.equal(r.status, 400, `${filter} should be rejected`);
    const body = r.body as unknown as ScimErrorBody;
    assert.deepEqual(body.schemas, ['urn:ietf:params:scim:api:messages:2.0:Error']);
    assert.equal(body.status, '400');
    assert.equal(body.scimType, 'invalidFilter');
    return body;
  }

  it('eq on userName is case-sensitive by default (Databricks stores lower case)', async () => {
    assert.deepEqual(await names('Users', 'userName eq "grace.liu@contoso.com"'), ['grace.liu@contoso.com']);
    assert.deepEqual(await names('Users', 'userName eq "Grace.Liu@contoso.com"'), []);
  });

  it('the userNameCaseSensitive knob makes userName matching case-insensitive', async () => {
    emu().setKnobs({ userNameCaseSensitive: false });
    assert.deepEqual(await names('Users', 'userName eq "Grace.Liu@Contoso.com"'), ['grace.liu@contoso.com']);
  });

  it('attribute names are case-insensitive; displayName values match without regard to case', async () => {
    assert.deepEqual(await names('Users', 'USERNAME eq "grace.liu@contoso.com"'), ['grace.liu@contoso.com']);
    assert.deepEqual(await names('Groups', 'DisplayName eq "DATA-ENG"', 'displayName'), ['data-eng']);
  });

  it('supports ne, co and sw', async () => {
    const all = (await api().list('Users')).body.totalResults;
    const ne = await api().list('Users', { filter: 'userName ne "grace.liu@contoso.com"' });
    assert.equal(ne.body.totalResults, all - 1);
    assert.deepEqual(await names('Users', 'userName co "nguyen"'), ['victor.nguyen@contoso.com']);
    assert.deepEqual(await names('Users', 'userName sw "ka"'), ['kavya.reddy@contoso.com']);
    assert.deepEqual(await names('Groups', 'displayName sw "data-"', 'displayName'), ['data-eng', 'data-platform']);
  });

  it('combines with and / or, including parentheses', async () => {
    assert.deepEqual(await names('Users', 'userName sw "k" and active eq true'), [
      'kavya.reddy@contoso.com',
      'kenji.sato@contoso.com',
    ]);
    assert.deepEqual(
      await names('Users', 'userName eq "wen.zhang@contoso.com" or userName eq "dana.kim@contoso.com"'),
      ['dana.kim@contoso.com', 'wen.zhang@contoso.com'],
    );
    assert.deepEqual(await names('Users', '(userName sw "q" or userName sw "i") and active eq false'), [
      'ivan.horvat@contoso.com',
      'quinn.murphy@contoso.com',
    ]);
  });

  it('keeps the case rules in an or-list of eq (served as a set lookup)', async () => {
    // userName is case-sensitive, displayName is not: the same as for a single eq.
    assert.deepEqual(
      await names('Users', 'userName eq "WEN.ZHANG@contoso.com" or userName eq "dana.kim@contoso.com"'),
      ['dana.kim@contoso.com'],
    );
    assert.deepEqual(await names('Groups', 'displayName eq "ANALYSTS" or displayName eq "data-eng"', 'displayName'), [
      'analysts',
      'data-eng',
    ]);
    // A mixed list (another attribute or operator) still works through the general path.
    assert.deepEqual(await names('Users', 'userName eq "dana.kim@contoso.com" or userName sw "wen."'), [
      'dana.kim@contoso.com',
      'wen.zhang@contoso.com',
    ]);
  });

  it('accepts double-quoted, single-quoted and bare values', async () => {
    assert.deepEqual(await names('Groups', 'displayName eq "analysts"', 'displayName'), ['analysts']);
    assert.deepEqual(await names('Groups', "displayName eq 'analysts'", 'displayName'), ['analysts']);
    assert.deepEqual(await names('Groups', 'displayName eq analysts', 'displayName'), ['analysts']);
    assert.deepEqual(await names('Groups', 'displayName sw finance-', 'displayName'), ['finance-analysts']);
    assert.deepEqual(await names('Users', 'userName eq dana.kim@contoso.com'), ['dana.kim@contoso.com']);
    assert.deepEqual(await names('Users', 'active eq "false"'), [
      'ivan.horvat@contoso.com',
      'quinn.murphy@contoso.com',
    ]);
  });

  it('keeps quotes and backslashes inside values intact', async () => {
    emu().state.createGroup({ displayName: 'odd "quoted" \\ name' });
    assert.deepEqual(await names('Groups', 'displayName eq "odd \\"quoted\\" \\\\ name"', 'displayName'), [
      'odd "quoted" \\ name',
    ]);
    assert.deepEqual(await names('Groups', 'displayName eq \'odd "quoted" \\\\ name\'', 'displayName'), [
      'odd "quoted" \\ name',
    ]);
    emu().state.createGroup({ displayName: 'café' });
    assert.deepEqual(await names('Groups', 'displayName eq "caf\\u00e9"', 'displayName'), ['café']);
  });

  it('filters on id, externalId, emails.value and applicationId', async () => {
    const grace = emu().state.findUser('grace.liu@contoso.com');
    assert.ok(grace);
    assert.deepEqual(await names('Users', `id eq "${grace.id}"`), ['grace.liu@contoso.com']);
    // Bare 16-digit ids stay exact (they exceed 2^53, so they must not pass through a JSON number).
    const precise = {
      ...grace,
      id: '9754717717839485',
      userName: 'precise@contoso.com',
      emails: [],
      externalId: undefined,
    };
    assert.notEqual(String(Number(precise.id)), precise.id);
    emu().state.commit([{ put: precise }]);
    assert.deepEqual(await names('Users', `id eq ${precise.id}`), ['precise@contoso.com']);
    assert.deepEqual(await names('Users', `id eq ${grace.id}`), ['grace.liu@contoso.com']);
    assert.deepEqual(await names('Users', `externalId eq "${grace.externalId ?? ''}"`), ['grace.liu@contoso.com']);
    assert.deepEqual(await names('Users', 'emails.value eq "grace.liu@contoso.com"'), ['grace.liu@contoso.com']);
    assert.deepEqual(
      await names('ServicePrincipals', 'applicationId eq "61C54A14-24E4-50B3-BF06-B0F46D43C6E4"', 'displayName'),
      ['etl-pipeline'],
    );
    assert.deepEqual(await names('Groups', 'externalId eq "57555403-e4e7-5f87-aa2f-58f42a4e0e52"', 'displayName'), [
      'data-eng',
    ]);
  });

  it('rejects operators Databricks does not support with "Given filter operator is not supported"', async () => {
    for (const f of [
      'userName gt "a"',
      'userName pr',
      'userName ew "com"',
      'not (userName eq "a")',
      'emails[value eq "a"]',
    ]) {
      const body = await rejected('Users', f);
      assert.match(body.detail, /Given filter operator is not supported/, f);
    }
    const unknownOp = await rejected('Users', 'userName like "a"');
    assert.match(unknownOp.detail, /Given filter operator is not supported/);
  });

  it('rejects unknown attributes and syntax errors with invalidFilter', async () => {
    await rejected('Users', 'title eq "boss"');
    await rejected('Groups', 'userName eq "a"');
    await rejected('Users', 'userName eq "unterminated');
    await rejected('Users', 'userName eq "a" and');
    await rejected('Users', '(userName eq "a"');
  });

  it('rejects filters with more than maxFilterNodes nodes with INVALID_FILTER', async () => {
    const clause = (n: number): string =>
      Array.from({ length: n }, (_, i) => `userName eq "u${i}@contoso.com"`).join(' or ');
    // 100 comparisons joined by 99 "or" = 199 nodes: allowed. 101 comparisons = 201 nodes: refused.
    const ok = await api().list('Users', { filter: clause(100) });
    assert.equal(ok.status, 200);
    const tooBig = await api().list('Users', { filter: clause(101) });
    assert.equal(tooBig.status, 400);
    const body = tooBig.body as unknown as DatabricksErrorBody;
    assert.equal(body.error_code, 'INVALID_FILTER');
    emu().setKnobs({ maxFilterNodes: 3 });
    const small = await api().list('Users', { filter: 'userName eq "a" or userName eq "b" or userName eq "c"' });
    assert.equal(small.status, 400);
  });

  it('an empty result has totalResults 0 and no Resources by default, [] with the knob', async () => {
    const r = await api().list('Users', { filter: 'userName eq "nobody@contoso.com"' });
    const body: ScimList = r.body;
    assert.equal(body.totalResults, 0);
    assert.equal(body.itemsPerPage, 0);
    assert.equal(body.Resources, undefined);
    emu().setKnobs({ omitEmptyResources: false });
    const again = await api().list('Users', { filter: 'userName eq "nobody@contoso.com"' });
    assert.deepEqual(again.body.Resources, []);
  });
});
