// Wire JSON → typed shapes: member kinds from every $ref spelling, group source, tolerant lists.

import { strict as assert } from 'node:assert';
import { memberKind, parseGroup, parseListResponse, parseServicePrincipal, parseUser } from '../../src/core/scim/parse';
import { groupJson, listJson, servicePrincipalJson, userJson } from './support/builders';

describe('scim parsing', () => {
  it('takes the member kind from $ref in any spelling, then from type', () => {
    assert.equal(memberKind('Users/1', undefined), 'user');
    assert.equal(memberKind('Groups/1', undefined), 'group');
    assert.equal(memberKind('ServicePrincipals/1', undefined), 'servicePrincipal');
    assert.equal(
      memberKind('https://adb-1.2.azuredatabricks.net/api/2.0/preview/scim/v2/Users/8598139271121446', undefined),
      'user',
    );
    assert.equal(memberKind('serviceprincipals/7', undefined), 'servicePrincipal');
    assert.equal(memberKind('GROUPS/7/', undefined), 'group');
    assert.equal(memberKind('Something/7', undefined), 'unknown');
    assert.equal(memberKind(undefined, 'User'), 'user');
    assert.equal(memberKind(undefined, 'ServicePrincipal'), 'servicePrincipal');
    assert.equal(memberKind(undefined, 'service_principal'), 'servicePrincipal');
    assert.equal(memberKind(undefined, 'direct'), 'unknown');
    assert.equal(memberKind(undefined, undefined), 'unknown');
  });

  it('parses a group with members, parents and source', () => {
    const g = parseGroup(
      groupJson({
        members: [
          { value: '1', display: 'Jane', $ref: 'Users/1' },
          { value: '2', $ref: 'https://h/api/2.0/preview/scim/v2/ServicePrincipals/2' },
          { value: '3', display: 'analysts', type: 'Group' },
          { display: 'no id' },
        ],
        groups: [{ value: '9', display: 'all', type: 'indirect' }, { value: '8' }],
        meta: { resourceType: 'Group' },
      }),
    );
    assert.ok(g);
    assert.equal(g.source, 'account');
    assert.deepEqual(g.members, [
      { id: '1', display: 'Jane', kind: 'user' },
      { id: '2', display: '2', kind: 'servicePrincipal' },
      { id: '3', display: 'analysts', kind: 'group' },
    ]);
    assert.deepEqual(g.groups, [
      { id: '9', display: 'all', direct: false },
      { id: '8', display: '8', direct: true },
    ]);
    assert.equal(parseGroup(groupJson())?.source, 'workspace');
    assert.equal(parseGroup(groupJson({ meta: undefined }))?.source, undefined);
    assert.equal(parseGroup(groupJson())?.members, undefined, 'members not returned stays undefined');
  });

  it('keeps absent fields absent and accepts numeric ids and string booleans', () => {
    const u = parseUser({ id: 12345, userName: 'x@y.z', active: 'false' });
    assert.deepEqual(u, { id: '12345', userName: 'x@y.z', active: false });
    assert.equal(parseUser(userJson({ id: undefined })), undefined);
    assert.equal(parseUser('nope'), undefined);
    const sp = parseServicePrincipal(servicePrincipalJson({ entitlements: [{ value: 'workspace-access' }] }));
    assert.deepEqual(sp?.entitlements, ['workspace-access']);
  });

  it('tolerates a ListResponse without Resources', () => {
    const empty = parseListResponse(listJson(undefined, 0), 1, parseUser);
    assert.deepEqual(empty, { items: [], startIndex: 1, totalResults: 0, returned: 0 });
    const page = parseListResponse(listJson([userJson(), userJson({ id: undefined })], 7, 3), 3, parseUser);
    assert.equal(page?.items.length, 1);
    assert.equal(page?.returned, 2, 'returned counts what the server sent, for paging');
    assert.equal(page?.totalResults, 7);
    assert.equal(parseListResponse(listJson([userJson()], 1), 1, parseUser)?.totalResults, 1);
  });
});
