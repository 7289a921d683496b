// How the access commands name principals: rule-set names of group managers read back as people
// know them (and written the way the account stores them), typed names compared the way the
// account compares them. (Their row menus are checked with every other menu in menus.when.test.ts.)
import { strict as assert } from 'node:assert';
import { managerPrincipalName } from '../../src/core/account/groupManagers';
import { managerPrincipalOf, managerRefOf, sameManager, sameName } from '../../src/ui/access/names';

describe('access names (group managers, typed names)', () => {
  it('reads rule-set names back as the principal people know', () => {
    assert.deepEqual(managerRefOf('users/ben.carter@contoso.com'), { kind: 'user', name: 'ben.carter@contoso.com' });
    assert.deepEqual(managerRefOf('servicePrincipals/e1dcf94a-3343'), {
      kind: 'servicePrincipal',
      name: 'e1dcf94a-3343',
    });
    assert.deepEqual(managerRefOf('groups/data/science'), { kind: 'group', name: 'data/science' });
    assert.deepEqual(managerRefOf('accounts/x/other'), { kind: 'other', name: 'accounts/x/other' });
  });

  it('writes a manager the way it is read back', () => {
    for (const name of ['users/ben.carter@contoso.com', 'servicePrincipals/e1dcf94a-3343', 'groups/Data Science']) {
      const ref = managerRefOf(name);
      assert.ok(ref.kind !== 'other');
      assert.equal(managerPrincipalName(managerPrincipalOf({ kind: ref.kind, name: ref.name })), name);
    }
  });

  it('compares user names and application ids without case, group names exactly', () => {
    assert.equal(sameName('user', 'ben.carter@contoso.com', ' Ben.Carter@Contoso.com '), true);
    assert.equal(sameName('servicePrincipal', 'e1dcf94a-3343', 'E1DCF94A-3343'), true);
    assert.equal(sameName('group', 'data-science', 'Data-Science'), false);
    assert.equal(sameManager({ kind: 'group', name: 'data-science' }, 'data-science'), true);
  });
});
