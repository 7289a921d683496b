// Argument parsing on node:util's parseArgs: strict, so a mistyped flag is a usage error (exit 2)
// rather than silently ignored.
import { parseArgs } from 'node:util';

export class UsageError extends Error {}

export type UserKeyOption = 'upn' | 'mail';

export interface CliArgs {
  command: string[];
  json: boolean;
  verbose: boolean;
  help: boolean;
  filter?: string;
  /** reconcile: apply the plan instead of only printing it. */
  apply: boolean;
  /** reconcile: also remove members Entra does not have. */
  allowRemovals: boolean;
  /** drift/reconcile: which Entra attribute matches Databricks userName (default upn). */
  userKey: UserKeyOption;
  /** drift/reconcile: compare against nested Entra membership (default true; --no-transitive). */
  transitive: boolean;
  /** drift/reconcile: --map DBXGROUP=ENTRAGROUP, in the order given. */
  mappings: Record<string, string>;
  /** reconcile --apply: apply a plan above the mass-change threshold. */
  yesMassChange: boolean;
  /** reconcile --apply: the mass-change threshold (default 25, like dbxScim.reconcile.massChangeThreshold). */
  maxChanges?: number;
  /** reconcile --apply: the number of removals confirmed for a group whose Entra side reads as empty. */
  confirmEmptyEntraRemovals?: number;
  /** --allow-host HOST: hosts that may get Microsoft Entra credentials although not Azure Databricks. */
  allowHosts: string[];
  /** --account: the groups commands act on the account's groups (account SCIM API). */
  account: boolean;
}

/** Options that only mean something to drift and reconcile (a typo elsewhere should not pass silently). */
const DRIFT_ONLY = [
  'apply',
  'allow-removals',
  'user-key',
  'no-transitive',
  'map',
  'yes-mass-change',
  'max-changes',
  'confirm-empty-entra-removals',
] as const;
/** Options that only mean something to reconcile. */
const RECONCILE_ONLY = [
  'apply',
  'allow-removals',
  'yes-mass-change',
  'max-changes',
  'confirm-empty-entra-removals',
] as const;

export function parseCliArgs(argv: readonly string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        filter: { type: 'string' },
        apply: { type: 'boolean', default: false },
        'allow-removals': { type: 'boolean', default: false },
        'user-key': { type: 'string' },
        // Spelled out: node:util parseArgs on Node 20 has no automatic --no-<flag>.
        'no-transitive': { type: 'boolean', default: false },
        map: { type: 'string', multiple: true },
        'yes-mass-change': { type: 'boolean', default: false },
        'max-changes': { type: 'string' },
        'confirm-empty-entra-removals': { type: 'string' },
        'allow-host': { type: 'string', multiple: true },
        account: { type: 'boolean', default: false },
      },
    });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const { values, positionals } = parsed;
  const args: CliArgs = {
    command: positionals,
    json: values.json === true,
    verbose: values.verbose === true,
    help: values.help === true,
    apply: values.apply === true,
    allowRemovals: values['allow-removals'] === true,
    userKey: parseUserKey(values['user-key']),
    transitive: values['no-transitive'] !== true,
    mappings: parseMappings(values.map ?? []),
    yesMassChange: values['yes-mass-change'] === true,
    allowHosts: values['allow-host'] ?? [],
    account: values.account === true,
  };
  const maxChanges = count(values['max-changes'], '--max-changes');
  if (maxChanges !== undefined) args.maxChanges = maxChanges;
  const emptyRemovals = count(values['confirm-empty-entra-removals'], '--confirm-empty-entra-removals');
  if (emptyRemovals !== undefined) args.confirmEmptyEntraRemovals = emptyRemovals;
  if (typeof values.filter === 'string') args.filter = values.filter;
  const noun = positionals[0];
  if (noun !== 'drift' && noun !== 'reconcile' && !args.help) {
    const misplaced = DRIFT_ONLY.find((o) => argv.some((a) => a === `--${o}` || a.startsWith(`--${o}=`)));
    if (misplaced) throw new UsageError(`--${misplaced} applies to drift and reconcile only.`);
  }
  const key = positionals.slice(0, 2).join(' ');
  if (args.account && !args.help && !['groups list', 'groups members', 'groups add-members'].includes(key)) {
    throw new UsageError('--account applies to groups list, groups members and groups add-members only.');
  }
  if (noun === 'drift') {
    const misplaced = RECONCILE_ONLY.find((o) => argv.some((a) => a === `--${o}` || a.startsWith(`--${o}=`)));
    if (misplaced) throw new UsageError(`--${misplaced} applies to reconcile only.`);
  }
  return args;
}

/** A whole number ≥ 0, or undefined when the option is absent. */
function count(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,9}$/.test(value.trim())) throw new UsageError(`${option} needs a whole number, not "${value}".`);
  return Number(value.trim());
}

function parseUserKey(value: string | undefined): UserKeyOption {
  if (value === undefined || value === 'upn' || value === 'mail') return value ?? 'upn';
  throw new UsageError(`--user-key must be upn or mail, not "${value}".`);
}

/** `--map data-eng=Data Engineering`: split at the first "=", so an Entra name may contain one. */
function parseMappings(values: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const at = v.indexOf('=');
    const dbx = at > 0 ? v.slice(0, at).trim() : '';
    const entra = at > 0 ? v.slice(at + 1).trim() : '';
    if (!dbx || !entra)
      throw new UsageError(`--map needs DBXGROUP=ENTRAGROUP (an Entra object id or displayName), got "${v}".`);
    if (dbx in out && out[dbx] !== entra)
      throw new UsageError(`--map names "${dbx}" twice with different Entra groups.`);
    out[dbx] = entra;
  }
  return out;
}

export const USAGE = `Usage: dbx-scim <command> [options]

Commands:
  users list [--filter EXPR]          list the workspace's users
  groups list                         list the workspace's groups (without members)
  groups members GROUP                list a group's members
  groups add-members GROUP NAME...    add users (userName), service principals
                                      (applicationId) or groups (name) in one request
  groups list|members|add-members ... --account
                                      the same on the account's groups (account SCIM API,
                                      Microsoft Entra token of an account admin); members
                                      added are read back to check the change was made
  drift [GROUP...]                    compare Databricks groups with their Entra groups;
                                      without GROUP every group that has an Entra match
  reconcile GROUP [--apply] [--allow-removals] [--max-changes N | --yes-mass-change]
          [--confirm-empty-entra-removals N]
                                      show (or apply) the changes that remove the drift
                                      (an account group's members through the account API,
                                      with the account token below)
  workspaces discover                 the Azure Databricks workspaces your Azure sign-in can
                                      see, from Azure Resource Manager (no DATABRICKS_HOST)

Options:
  --json       machine-readable output
  --verbose    show stack traces of unexpected errors
  -h, --help   this text
  --allow-host HOST
               without DATABRICKS_TOKEN, send your Microsoft Entra token to HOST although
               it does not look like Azure Databricks (*.azuredatabricks.net,
               *.databricks.azure.cn, *.databricks.azure.us); otherwise such a host is refused

Drift options:
  --user-key upn|mail        Entra attribute that matches Databricks userName (default upn)
  --no-transitive            compare direct Entra members only (default: nested too)
  --map DBXGROUP=ENTRAGROUP  pair a Databricks group with an Entra group (object id or
                             displayName); repeatable. Otherwise externalId, then name.
  --apply                    reconcile: make the changes (default: only print the plan)
  --allow-removals           reconcile: also remove members Entra does not have (never when
                             an Entra member could not be compared)
  --max-changes N            reconcile --apply: refuse a plan that changes more than N
                             principals (default 25)
  --yes-mass-change          reconcile --apply: apply a plan above that threshold
  --confirm-empty-entra-removals N
                             reconcile --apply: the Entra group reads as empty; remove all N
                             members of the Databricks group anyway (N must be that count)

Environment:
  DATABRICKS_HOST    workspace URL, e.g. https://adb-1234567890123456.7.azuredatabricks.net
  DATABRICKS_TOKEN   personal access token; without it, Microsoft Entra credentials are used
                     (Azure CLI, environment, managed identity)
  DBX_SCIM_GRAPH_TOKEN     Microsoft Graph access token for drift and reconcile; without it,
                           Microsoft Entra credentials are used (needs GroupMember.Read.All)
  DBX_SCIM_GRAPH_ENDPOINT  Graph base URL (default https://graph.microsoft.com; sovereign clouds)
  DBX_SCIM_ARM_TOKEN       Azure Resource Manager access token for workspaces discover; without
                           it, Microsoft Entra credentials are used (Reader on a subscription
                           is enough to see its workspaces)
  DBX_SCIM_ARM_ENDPOINT    Resource Manager base URL (default https://management.azure.com)
  DATABRICKS_ACCOUNT_ID    --account and reconcile of an account group: the account id
                           (default: asked from the workspace)
  DBX_SCIM_ACCOUNT_TOKEN   --account and reconcile of an account group: Microsoft Entra access
                           token for Azure Databricks (never a PAT); without it, Microsoft
                           Entra credentials are used
  DBX_SCIM_ACCOUNT_HOST    the same: account host (default https://accounts.azuredatabricks.net)
  DBX_SCIM_GETS_PER_MINUTE GET requests per minute to the workspace (default 240, under the
                           ~255 a workspace takes; 0 = no client-side limit)

Exit codes: 0 ok / no drift / plan applied, 1 failure (also: reconcile --apply refused, or
            removals asked for and withheld because an Entra member could not be compared),
            2 usage error, 3 drift found, a group not completely compared, (reconcile
            without --apply) changes to make, or (workspaces discover) a subscription that
            could not be read: the workspaces found are printed, the list may be incomplete.
`;
