// Which API can make a change to a group, given what the group is and who is asking. Pure, so the
// extension, the CLI and the tests share one answer. In an identity-federated workspace:
// - workspace-local groups are changed through workspace SCIM by workspace admins;
// - account groups' members are the account's: account admins use the account API, group
//   managers the Identity v2 (Beta) API of the workspace (when the workspace offers it);
// - entitlements are per workspace for every group, so they go through workspace SCIM;
// - workspace assignments and group managers live on the account host.

export type GroupKind = 'workspace-local' | 'account';
export type CallerRole = 'workspaceAdmin' | 'accountAdmin' | 'groupManager' | 'none';
export type GroupOperation =
  'addMember' | 'removeMember' | 'setEntitlements' | 'createGroup' | 'assignToWorkspace' | 'manageManagers';

/**
 * workspaceScim: the workspace's SCIM API; accountScim: the account host (SCIM, workspace
 * assignments, rule sets); identityV2: the workspace's Identity v2 (Beta) API.
 */
export type Route = 'workspaceScim' | 'accountScim' | 'identityV2';

/** The role that would allow it; undefined when no role can (the operation does not apply to this kind). */
export type RefusalNeeds = Exclude<CallerRole, 'none' | 'groupManager'> | 'accountAdminOrGroupManager' | undefined;

export type RouteDecision = { ok: true; route: Route } | { ok: false; needs: RefusalNeeds; message: string };

export interface RouteQuestion {
  kind: GroupKind;
  role: CallerRole;
  operation: GroupOperation;
  /** Whether this workspace offers Identity v2 (Beta); see IdentityV2Client.available. */
  identityV2: boolean;
}

const GET_WORKSPACE_ADMIN =
  'Ask a workspace admin to add you to the workspace\'s "admins" group, or an account admin to give you the ADMIN ' +
  'permission on this workspace (account console → Workspaces → the workspace → Permissions).';
const GET_ACCOUNT_ADMIN =
  'Ask an account admin to give you the account admin role (account console → User management → your user → Roles).';
const GET_GROUP_MANAGER =
  'Ask an account admin, or a manager of the group, to make you a group manager ' +
  '(account console → User management → Groups → the group → Permissions).';

const ok = (route: Route): RouteDecision => ({ ok: true, route });
const refuse = (needs: RefusalNeeds, message: string): RouteDecision => ({ ok: false, needs, message });

const needsWorkspaceAdmin = (what: string): RouteDecision =>
  refuse('workspaceAdmin', `${what} needs workspace admin rights. ${GET_WORKSPACE_ADMIN}`);

export function routeFor(q: RouteQuestion): RouteDecision {
  return q.kind === 'workspace-local' ? workspaceLocal(q) : accountGroup(q);
}

function workspaceLocal({ role, operation }: RouteQuestion): RouteDecision {
  switch (operation) {
    case 'addMember':
    case 'removeMember':
      return role === 'workspaceAdmin'
        ? ok('workspaceScim')
        : needsWorkspaceAdmin('Changing the members of a workspace-local group');
    case 'setEntitlements':
      return role === 'workspaceAdmin' ? ok('workspaceScim') : needsWorkspaceAdmin('Changing entitlements');
    case 'createGroup':
      return role === 'workspaceAdmin' ? ok('workspaceScim') : needsWorkspaceAdmin('Creating a workspace-local group');
    case 'assignToWorkspace':
      return refuse(
        undefined,
        'A workspace-local group belongs to its workspace and cannot be assigned to others. Create an account group instead.',
      );
    case 'manageManagers':
      return refuse(
        undefined,
        'Only account groups have group managers; a workspace-local group is managed by workspace admins.',
      );
  }
}

function accountGroup({ role, operation, identityV2 }: RouteQuestion): RouteDecision {
  switch (operation) {
    case 'addMember':
    case 'removeMember':
      if (role === 'accountAdmin') return ok('accountScim');
      if (role === 'groupManager') {
        return identityV2
          ? ok('identityV2')
          : refuse(
              'accountAdmin',
              'This workspace does not offer the Identity API (Beta), so from here the members of an account group ' +
                'can only be changed by an account admin. As a group manager you can change them in the account ' +
                'console or in the workspace admin settings (Identity and access → Groups). ' +
                GET_ACCOUNT_ADMIN,
            );
      }
      return refuse(
        'accountAdminOrGroupManager',
        'The members of an account group are managed at account level, by account admins and by managers of the group. ' +
          GET_GROUP_MANAGER,
      );
    case 'setEntitlements':
      // Entitlements are per workspace, also for account groups.
      return role === 'workspaceAdmin'
        ? ok('workspaceScim')
        : needsWorkspaceAdmin('Changing entitlements in this workspace');
    case 'createGroup':
      if (role === 'accountAdmin') return ok('accountScim');
      if (role === 'workspaceAdmin' && identityV2) return ok('identityV2');
      return refuse(
        'accountAdmin',
        (role === 'workspaceAdmin'
          ? 'This workspace does not offer the Identity API (Beta), so creating an account group from here needs an ' +
            'account admin; you can also create it in the workspace admin settings (Identity and access → Groups). '
          : 'Creating an account group needs an account admin (or a workspace admin on a workspace with the Identity API). ') +
          GET_ACCOUNT_ADMIN,
      );
    case 'assignToWorkspace':
      return role === 'accountAdmin'
        ? ok('accountScim')
        : refuse(
            'accountAdmin',
            'Assigning a group to a workspace is done on the account: an account admin can do it here; a workspace admin can ' +
              'add the group in the workspace admin settings (Identity and access → Groups → Add group). ' +
              GET_ACCOUNT_ADMIN,
          );
    case 'manageManagers':
      return role === 'accountAdmin' || role === 'groupManager'
        ? ok('accountScim')
        : refuse(
            'accountAdminOrGroupManager',
            `Choosing the managers of a group needs an account admin or a manager of the group. ${GET_GROUP_MANAGER}`,
          );
  }
}
