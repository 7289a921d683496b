// dbxScim.search: find a principal by name across one workspace (or all of them) and show it in the
// tree. Programmatic calls get the hits back and no UI.
import { pickPrincipals } from './principalPicker';
import { hitName, searchPrincipals, type PrincipalHit } from './principalSearch';
import { isApiArgument } from '../common/action';
import { UserCancelled } from '../common/errors';
import { optionalString, resolveCommandContext, stringField } from '../explorer/commandContext';
import { connect, type PrincipalCommandDeps } from './targets';

export interface SearchResult extends PrincipalHit {
  host: string;
}

/** Per kind and workspace: enough to find someone by part of a name, small enough to be instant. */
const RESULTS_PER_KIND = 25;

export async function search(deps: PrincipalCommandDeps, arg: unknown): Promise<SearchResult[] | SearchResult> {
  if (isApiArgument(arg)) return searchEverywhere(deps, arg);
  const { host } = await resolveCommandContext(undefined, deps.connections);
  const conn = await connect(deps, host);
  const picked = await pickPrincipals(conn.scim, {
    title: `Search ${conn.workspace.name}`,
    placeholder: 'Type part of a name, userName or application id',
    canPickMany: false,
    count: RESULTS_PER_KIND,
  });
  const hit = picked?.[0];
  if (!hit) throw new UserCancelled();
  deps.log.info(`Search in ${conn.workspace.name}: showing ${hitName(hit)}.`);
  const result = { ...hit, host };
  await revealHit(deps, result);
  return result;
}

async function searchEverywhere(deps: PrincipalCommandDeps, obj: Record<string, unknown>): Promise<SearchResult[]> {
  const query = stringField(obj, 'query');
  const hosts = optionalString(obj, 'host')
    ? [(await resolveCommandContext(obj, deps.connections)).host]
    : deps.connections.list().map((w) => w.host);
  if (hosts.length === 0)
    throw new Error('No Databricks workspace is configured yet. Add one with "Databricks SCIM: Add Workspace…".');
  const perHost = await Promise.all(
    hosts.map(async (host) => {
      const conn = await connect(deps, host);
      const hits = await searchPrincipals(conn.scim, query, { count: RESULTS_PER_KIND });
      return hits.map((h) => ({ ...h, host }));
    }),
  );
  const hits = perHost.flat();
  // The terms people search for are names, not secrets: logged as typed, so a support log says what was asked.
  deps.log.info(
    `Search for "${query}" in ${hosts.length} workspace${hosts.length === 1 ? '' : 's'}: ${hits.length} found.`,
  );
  return hits;
}

/** The explorer finds the principal on a loaded page, or fetches it into its folder, and shows it. */
async function revealHit(deps: PrincipalCommandDeps, hit: SearchResult): Promise<void> {
  await deps.explorer.revealPrincipal(hit.host, hit.kind, hit.id, { select: true, focus: true, expand: false });
}
