// Checks a PAT with /Me before it is stored, and says precisely what is wrong otherwise: the token
// itself (invalid, expired, revoked), the way to the workspace (URL, network), or its owner's rights
// (not a workspace admin). No `vscode` import: the commands show the message, tests read it.
import type { ScimClient } from '../../core/scim/client';
import { DatabricksError } from '../../core/databricks/errors';
import type { ScimUser } from '../../core/scim/types';

export type PatProblem = 'invalid' | 'unreachable' | 'notAdmin' | 'refused';

export class PatVerificationError extends Error {
  constructor(
    readonly problem: PatProblem,
    message: string,
  ) {
    super(message);
  }
}

const NOTHING_SAVED = 'Nothing was saved.';
const TOKEN_WORDS = /token|credential|unauthenticated|jwt/i;

/** The token's owner when it works and belongs to a workspace admin; PatVerificationError otherwise. */
export async function verifyPat(scim: ScimClient, signal?: AbortSignal): Promise<ScimUser> {
  let me: ScimUser;
  try {
    me = await scim.me({ withGroups: true, ...(signal ? { signal } : {}) });
  } catch (err) {
    if (!(err instanceof DatabricksError) || err.isCancelled) throw err;
    throw explain(err, scim.host);
  }
  // /Me lists the caller's groups (direct and inherited); without them, admin rights cannot be told
  // from here, and the first write will say so itself.
  if (me.groups && !me.groups.some((g) => g.display === 'admins')) {
    throw new PatVerificationError(
      'notAdmin',
      `The token works, but its owner ${me.userName} is not a workspace admin of ${scim.host} (not in the "admins" group); managing users and groups needs one. Use a token of a workspace admin. ${NOTHING_SAVED}`,
    );
  }
  return me;
}

function explain(err: DatabricksError, host: string): PatVerificationError {
  if (err.status === 0) return new PatVerificationError('unreachable', `${err.userMessage} ${NOTHING_SAVED}`);
  if (err.status === 401 || (err.isAuthProblem && TOKEN_WORDS.test(err.detail))) {
    return new PatVerificationError(
      'invalid',
      `Databricks rejected this token for ${host} (HTTP ${err.status}: ${err.detail}): it is invalid, expired or revoked. Copy a current token from User Settings → Developer → Access tokens. ${NOTHING_SAVED}`,
    );
  }
  if (err.status === 403) return new PatVerificationError('notAdmin', `${err.userMessage} ${NOTHING_SAVED}`);
  if (err.status === 404) {
    return new PatVerificationError(
      'unreachable',
      `${host} answered, but has no Databricks SCIM API (HTTP 404 for /Me). Check the workspace URL. ${NOTHING_SAVED}`,
    );
  }
  return new PatVerificationError('refused', `${err.userMessage} ${NOTHING_SAVED}`);
}
