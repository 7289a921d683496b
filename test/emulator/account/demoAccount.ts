// The account side of the `demo` data set. Workspace #1 keeps its groups exactly as before (tests
// of the workspace pin them: they write to them through workspace SCIM, which an account group
// refuses), so the account adds around it what a federated Contoso tenant also has: the seeded
// admin is an account admin; `all-employees` (an account group already visible in workspace #1)
// is assigned to workspace #2 as well; two account groups exist only at account level —
// `data-science` (assigned to workspace #2, managed by ben.carter) and `lakehouse-readers` (not
// assigned anywhere); workspace #2's admins are the seeded admin and aisha.khan; and the Entra group
// `soc-analysts` is known to Automatic Identity Management but not yet used, so it is absent until
// resolved by its external id.

import { demoUserName } from '../data/demo';
import { ENTRA_ONLY_GROUP } from '../data/entra';
import type { AccountState } from './accountState';
import { GROUP_MANAGER_ROLE } from './roles';

export const DEMO_ACCOUNT = {
  accountGroupsOnlyAtAccount: ['data-science', 'lakehouse-readers'],
  dataScience: { members: ['kavya.reddy', 'wen.zhang', 'maria.rossi'], manager: 'ben.carter' },
  lakehouseReaders: { members: ['uma.patel', 'victor.nguyen'] },
  workspace2Admins: ['admin', 'aisha.khan'],
} as const;

export function seedDemoAccount(account: AccountState): void {
  const state = account.state;
  const userId = (local: string): string => {
    const u = local === 'admin' ? state.adminUser : state.findUser(demoUserName(local));
    if (!u) throw new Error(`demo account refers to unknown user ${local}`);
    return u.id;
  };
  const accountOnly = (displayName: string, members: readonly string[]): string => {
    const g = state.createGroup({ displayName, members: members.map(userId), accountGroup: true });
    account.setHome(g.id, undefined);
    return g.id;
  };
  const dataScience = accountOnly('data-science', DEMO_ACCOUNT.dataScience.members);
  accountOnly('lakehouse-readers', DEMO_ACCOUNT.lakehouseReaders.members);
  account.putRuleSet(account.ruleSetName(dataScience), [
    { role: GROUP_MANAGER_ROLE, principals: [`users/${demoUserName(DEMO_ACCOUNT.dataScience.manager)}`] },
  ]);
  const soc = state.createGroup({
    displayName: ENTRA_ONLY_GROUP.displayName,
    externalId: ENTRA_ONLY_GROUP.entraObjectId,
    accountGroup: true,
  });
  account.markEntraOnly(soc.id);

  const second = account.workspaceIds[1];
  if (second === undefined) return;
  const allEmployees = state.findGroup('all-employees');
  if (allEmployees) account.assign(second, allEmployees.id, 'USER');
  account.assign(second, dataScience, 'USER');
  for (const a of DEMO_ACCOUNT.workspace2Admins) account.assign(second, userId(a), 'ADMIN');
}
