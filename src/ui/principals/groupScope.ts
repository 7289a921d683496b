// Where Create Group… puts a new group: in the ACCOUNT (usable in Unity Catalog grants and in every
// workspace it is assigned to) or in the workspace alone. Pure, so the choice and its words are
// tested without VS Code: an account group is the default wherever the workspace's account is known.

export type GroupScope = 'account' | 'workspace';

export const SCOPE_QUESTION = 'Where should the group live?';

/** What a workspace-local group cannot do, said wherever one is offered. */
export const WORKSPACE_LOCAL_LEGACY =
  'workspace-local (legacy): cannot get Unity Catalog grants or be assigned to other workspaces';

export interface ScopeChoice {
  scope: GroupScope;
  label: string;
  detail: string;
}

/** An account group when the workspace's account can be found (identity federation), else workspace-local. */
export function defaultScope(accountFound: boolean): GroupScope {
  return accountFound ? 'account' : 'workspace';
}

/** The picks, recommended first; only workspace-local where the account cannot be found (then nothing is asked). */
export function scopeChoices(accountFound: boolean): ScopeChoice[] {
  const local: ScopeChoice = {
    scope: 'workspace',
    label: 'Workspace-local (legacy)',
    detail: capitalized(WORKSPACE_LOCAL_LEGACY),
  };
  if (!accountFound) return [local];
  return [
    {
      scope: 'account',
      label: 'Account group (recommended)',
      detail: 'Account group: usable in Unity Catalog grants and assignable to other workspaces; added to this one.',
    },
    local,
  ];
}

/** The caller's `scope` field: undefined when absent; anything but the two words is refused. */
export function parseScope(value: unknown): GroupScope | undefined {
  if (value === undefined) return undefined;
  if (value === 'account' || value === 'workspace') return value;
  throw new Error(`"scope" must be "account" or "workspace", not ${JSON.stringify(value)}.`);
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
