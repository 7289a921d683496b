// The Token API for the caller's own PATs: /api/2.0/token/{list,create,delete}.
// Failures come back as DatabricksError, the same type the SCIM client throws, since both APIs fail in
// the same shapes and the UI shows both the same way.

import { timerSleep } from '../http/abort';
import type { HttpResponse, HttpTransport } from '../http/types';
import { DatabricksError } from '../databricks/errors';
import { isRecord, parseJson, readRecords, readString } from '../http/json';
import { send, type SendOptions } from '../databricks/send';
import { normalizeHost } from '../workspaces/host';
import { createCarefully } from './create';
import { parseTokenInfo, type TokenInfo } from './types';

/** A transport whose redactor can learn new secrets (HttpClient's can). */
export interface TokenTransport extends HttpTransport {
  readonly redactor?: { redact(text: string): string; add?(secret: string): void };
}

export interface TokenApiOptions {
  host: string;
  http: TokenTransport;
}

export interface CreateTokenRequest {
  /** Omit for the workspace default (2 years today; capped by maxTokenLifetimeDays). */
  lifetimeSeconds?: number;
  comment?: string;
}

export interface CreatedToken {
  tokenValue: string;
  info: TokenInfo;
}

export class TokenApi {
  readonly host: string;
  /** Paths are absolute (/api/2.0/token/…) so error messages name the full endpoint. */
  private readonly baseUrl: string;
  private readonly http: TokenTransport;

  constructor(opts: TokenApiOptions) {
    this.host = normalizeHost(opts.host);
    this.baseUrl = this.host;
    this.http = opts.http;
  }

  /** The caller's tokens (values are never listed, only ids, comments and times). */
  async list(opts: { signal?: AbortSignal } = {}): Promise<TokenInfo[]> {
    const body = parseJson(
      (await this.call('GET', '/api/2.0/token/list', { signal: opts.signal, what: 'the token list' })).bodyText,
    );
    const infos = isRecord(body) ? (readRecords(body, 'token_infos') ?? []) : [];
    return infos.map(parseTokenInfo).filter((t): t is TokenInfo => t !== undefined);
  }

  async create(req: CreateTokenRequest = {}, opts: { signal?: AbortSignal } = {}): Promise<CreatedToken> {
    const json: Record<string, unknown> = {};
    if (req.lifetimeSeconds !== undefined) {
      if (!Number.isInteger(req.lifetimeSeconds) || req.lifetimeSeconds < 1)
        throw new Error('lifetimeSeconds must be a positive integer');
      json['lifetime_seconds'] = req.lifetimeSeconds;
    }
    if (req.comment !== undefined) json['comment'] = req.comment;
    const signalOpt = opts.signal ? { signal: opts.signal } : {};
    const created = await createCarefully({
      host: this.host,
      ...(req.comment !== undefined ? { comment: req.comment } : {}),
      list: () => this.list(signalOpt),
      revoke: (id) => this.delete(id),
      wait: (ms) => timerSleep(ms, opts.signal),
      post: async () => {
        // Never repeated by the transport: not after a lost answer (idempotent: false), nor after a
        // 503 (createCarefully repeats it only when the token list proves nothing was made).
        const res = await this.call('POST', '/api/2.0/token/create', {
          json,
          idempotent: false,
          retryUnavailable: false,
          signal: opts.signal,
          what: 'a new token',
        });
        const body = parseJson(res.bodyText);
        const tokenValue = isRecord(body) ? readString(body, 'token_value') : undefined;
        // Masked from now on in every log line and error, like the token it replaces.
        if (tokenValue) this.http.redactor?.add?.(tokenValue);
        const info = isRecord(body) ? parseTokenInfo(body['token_info']) : undefined;
        return { status: res.status, ...(tokenValue ? { tokenValue } : {}), ...(info ? { info } : {}) };
      },
    });
    return created;
  }

  /** Revokes a token by id; an unknown id is a 404 DatabricksError (RESOURCE_DOES_NOT_EXIST). */
  async delete(tokenId: string, opts: { signal?: AbortSignal } = {}): Promise<void> {
    if (tokenId.trim() === '') throw new Error('A token id is required');
    try {
      // Revoking is idempotent in effect, so a repeat after a lost answer is allowed…
      await this.call('POST', '/api/2.0/token/delete', {
        json: { token_id: tokenId },
        idempotent: true,
        signal: opts.signal,
        what: `token ${tokenId}`,
      });
    } catch (err) {
      // …and a repeat that finds the token gone means the first attempt did the job.
      if (err instanceof DatabricksError && err.status === 404 && (err.attempts ?? 1) > 1) return;
      throw err;
    }
  }

  private call(method: 'GET' | 'POST', path: string, opts: SendOptions): Promise<HttpResponse> {
    return send(this.http, this.host, this.baseUrl, method, path, opts);
  }
}
