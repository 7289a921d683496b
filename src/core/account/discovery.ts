// Which account a workspace belongs to, from its public discovery document. Best effort by design:
// older workspaces, proxies and sign-in pages answer it with 404s, HTML or nothing, and none of
// that is an error the user must see — the caller just asks for the account id instead.

import { DatabricksError } from '../databricks/errors';
import { anonymousLook } from '../http/anonymousLook';
import { isRecord, parseJson, readString } from '../http/json';
import { send } from '../databricks/send';
import type { HttpTransport } from '../http/types';
import { normalizeHost } from '../workspaces/host';
import { safeTerminalText } from '../text/terminal';

export type AccountDiscovery =
  | { available: true; accountId: string; workspaceId: string | undefined; cloud: string | undefined }
  | { available: false; reason: string };

const DISCOVERY_PATH = '/.well-known/databricks-config';

/** Ids are GUIDs or digits; anything else is not taken for an id (it would end up in URLs). */
const ACCOUNT_ID = /^[A-Za-z0-9-]{1,64}$/;
const WORKSPACE_ID = /^[0-9]{1,20}$/;

/**
 * `GET {host}/.well-known/databricks-config` without any credential. Never throws for what the
 * server says; a cancelled call still rejects.
 */
export async function discoverAccount(
  host: string,
  transport: HttpTransport,
  opts: { signal?: AbortSignal } = {},
): Promise<AccountDiscovery> {
  const origin = normalizeHost(host);
  let text: string;
  try {
    const res = await send(transport, origin, origin, 'GET', DISCOVERY_PATH, anonymousLook(2, opts.signal));
    text = res.bodyText;
  } catch (err) {
    if (opts.signal?.aborted) throw err;
    const status = err instanceof DatabricksError ? err.status : 0;
    return { available: false, reason: status > 0 ? `the workspace answered HTTP ${status}` : 'no answer' };
  }
  const body = parseJson(text);
  if (!isRecord(body)) return { available: false, reason: 'the answer is not a discovery document' };
  // Numbers are accepted for the ids: the workspace id is an int64 in other APIs.
  const accountId = readString(body, 'account_id')?.trim();
  if (accountId === undefined || !ACCOUNT_ID.test(accountId)) {
    return { available: false, reason: 'the discovery document names no account' };
  }
  const workspaceId = rawWorkspaceId(text) ?? readString(body, 'workspace_id')?.trim();
  const cloud = readString(body, 'cloud');
  return {
    available: true,
    accountId,
    workspaceId: workspaceId !== undefined && WORKSPACE_ID.test(workspaceId) ? workspaceId : undefined,
    cloud: cloud === undefined ? undefined : safeTerminalText(cloud).slice(0, 40),
  };
}

/** The workspace id as written, so an unquoted id above 2^53 keeps every digit. */
function rawWorkspaceId(text: string): string | undefined {
  return /"workspace_id"\s*:\s*"?([0-9]{1,20})"?\s*[,}]/.exec(text.slice(0, 16_384))?.[1];
}
