// What the UI layers share about workspaces and their connections. ConnectionManager (this folder)
// implements `Connections`; the tree and the commands depend on this interface only.
import type { AccountClient } from '../../core/account/client';
import type { IdentityV2Client } from '../../core/account/identityV2';
import type { ScimClient } from '../../core/scim/client';
import type { TokenApi } from '../../core/tokens/api';
import type { ActionableError, ErrorFix } from './errors';

export type AuthKind = 'pat' | 'entra' | 'azure-cli';

/** One entry of the `dbxScim.workspaces` setting (never a secret). */
export interface WorkspaceConfig {
  name: string;
  /** Normalized: https://adb-….azuredatabricks.net (http:// only for loopback emulators). */
  host: string;
  auth: AuthKind;
}

export interface WorkspaceConnection {
  readonly workspace: WorkspaceConfig;
  readonly scim: ScimClient;
  readonly tokens: TokenApi;
}

/** Thrown by `Connections.get` when a workspace has no usable credential yet. */
export class CredentialMissingError extends Error implements ActionableError {
  readonly fix: ErrorFix;
  constructor(
    readonly host: string,
    readonly auth: AuthKind,
    message: string,
  ) {
    super(message);
    this.fix =
      auth === 'pat'
        ? { title: 'Set Token…', command: 'dbxScim.setToken', args: [{ host }] }
        : { title: 'Sign In…', command: 'dbxScim.signIn', args: [{ host }] };
  }
}

export interface Disposable {
  dispose(): void;
}

/**
 * The account behind an identity-federated workspace: its id, the workspace's numeric id in it, an
 * account API client (Entra token for Azure Databricks only — never the workspace PAT), and the
 * workspace-host Identity v2 routes (feature-detected; a group manager may use them without being
 * account admin).
 */
export interface AccountAccess {
  readonly accountId: string;
  readonly workspaceId: string;
  readonly client: AccountClient;
  readonly identityV2: IdentityV2Client;
}

/** How `Connections.account` may get what it needs for one call. */
export interface AccountRequest {
  /**
   * A person started the action: the account id may be asked for, an unknown account host
   * confirmed, and Microsoft sign-in shown. Otherwise a missing piece is an error saying how to set it.
   */
  interactive?: boolean;
  /**
   * An Entra token for Azure Databricks handed in by the caller (tests, other extensions), used for
   * this call only and never stored; a PAT is refused. The returned client is then the caller's to close.
   */
  token?: string;
}

export interface Connections {
  /** Workspaces from settings, in settings order. */
  list(): WorkspaceConfig[];
  find(host: string): WorkspaceConfig | undefined;
  /** A connected client; throws CredentialMissingError when a PAT or sign-in is needed. */
  get(host: string): Promise<WorkspaceConnection>;
  /**
   * The account behind workspace `host` (found through the workspace, else asked once and
   * remembered), connected with an Entra token. Optional so test fakes need not offer it.
   */
  account?(host: string, request?: AccountRequest): Promise<AccountAccess>;
  /** Drops the cached client (token changed, workspace removed). */
  invalidate(host: string): void;
  /** Fires with the host whose settings or credential changed; undefined = the list changed. */
  onDidChange(listener: (host: string | undefined) => void): Disposable;
  /**
   * What is known about the workspace's PAT expiry (for the workspace tooltip); undefined for
   * non-PAT workspaces or before the first connection. Optional so test fakes need not offer it.
   */
  tokenExpiry?(host: string): TokenExpiry | undefined;
  /** Fires when tokenExpiry(host) changed; re-rendering the workspace node is enough. */
  onDidChangeTokenExpiry?(listener: (host: string) => void): Disposable;
}

/** A PAT's expiry as the UI shows it. */
export interface TokenExpiry {
  /** "expires in 12 days", "never expires", "expired 3 days ago" or "expiry unknown". */
  description: string;
  /** Whole days left; null = never expires; undefined = unknown (the token's id was not recorded). */
  daysLeft?: number | null;
  /** When known. */
  expiryTime?: Date | null;
}
