// Entra ID access tokens, as the emulator models them: opaque bearers `emu.entraToken(userName)`
// hands out, each standing for one user. Unlike a PAT, one works on every host of the account —
// on a workspace only while the user belongs to it (a user the workspace does not know is refused
// like an unknown token).

import type { Services } from '../context';
import type { UserRecord } from '../records';

/** The user behind an Entra token on this host, or undefined (the caller answers the 403). */
export function entraCaller(s: Services, token: string): UserRecord | undefined {
  const account = s.scope?.account;
  const id = account?.entraTokenOwner(token);
  const rec = id === undefined ? undefined : s.state.getPrincipal(id);
  if (rec?.kind !== 'user' || !rec.active) return undefined;
  if (s.scope && !s.scope.accountLevel && !s.scope.visible(rec)) return undefined;
  return rec;
}

/** PATs start with `dapi`; account hosts accept Entra tokens only. */
export function isPat(token: string): boolean {
  return /^dapi[0-9a-f]+(-\d+)?$/i.test(token);
}
