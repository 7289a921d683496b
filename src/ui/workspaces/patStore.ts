// PATs live only in VS Code's secret store (OS keychain), keyed by normalized host, so the same
// workspace typed two ways shares one secret and nothing ever lands in settings or globalState.
import type * as vscode from 'vscode';
import { normalizeHost } from '../../core/workspaces/host';

const KEY_PREFIX = 'dbxScim.pat:';

export interface StoredPat {
  token: string;
  /** Token API id of this PAT when we created it (rotation needs it to revoke the old one). */
  tokenId?: string;
}

export class PatStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  static keyFor(host: string): string {
    return KEY_PREFIX + normalizeHost(host);
  }

  async get(host: string): Promise<StoredPat | undefined> {
    const raw = await this.secrets.get(PatStore.keyFor(host));
    if (!raw) return undefined;
    // Stored as JSON so the token id can travel with the token; a bare string is tolerated for
    // values written by hand through other tools.
    try {
      const parsed: unknown = JSON.parse(raw);
      if (parsed && typeof parsed === 'object' && typeof (parsed as StoredPat).token === 'string') {
        const p = parsed as StoredPat;
        return p.tokenId ? { token: p.token, tokenId: p.tokenId } : { token: p.token };
      }
    } catch {
      // fall through: not JSON
    }
    return { token: raw };
  }

  async set(host: string, pat: StoredPat): Promise<void> {
    const token = pat.token.trim();
    if (!token) throw new Error('The token is empty.');
    await this.secrets.store(
      PatStore.keyFor(host),
      JSON.stringify(pat.tokenId ? { token, tokenId: pat.tokenId } : { token }),
    );
  }

  async delete(host: string): Promise<void> {
    await this.secrets.delete(PatStore.keyFor(host));
  }

  /** Fires with the host whose PAT changed, in this window or another one. */
  onDidChange(listener: (host: string) => void): vscode.Disposable {
    return this.secrets.onDidChange((e) => {
      if (e.key.startsWith(KEY_PREFIX)) listener(e.key.slice(KEY_PREFIX.length));
    });
  }
}
