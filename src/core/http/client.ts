// The transport every Databricks and Graph call goes through. It owns the policies that must
// hold for every request — https only, the token only to its own origin, bounded retries,
// bounded concurrency, nothing secret in logs — so the clients above cannot forget one.

import { performance } from 'node:perf_hooks';
import { raceAbort, timerSleep } from './abort';
import { backoffDelayMs } from './backoff';
import { ConcurrencyLimiter } from './concurrency';
import { Dispatchers } from './dispatchers';
import {
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_CONCURRENCY,
  DEFAULT_RETRY,
  DEFAULT_TIMEOUTS,
  DEFAULT_USER_AGENT,
  definedOnly,
} from './defaults';
import { HttpTransportError, type HttpTransportErrorKind } from './errors';
import { exchange, type ExchangeResult } from './exchange';
import { hopHeaders } from './headers';
import { giveUpError, outcomeWord, type AttemptOutcome } from './giveUp';
import { rateClassOf, throttleReason, type HostLimits, type RateClass } from './hostLimits';
import type { Slot } from './adaptiveLimit';
import { describeRequestForLog, describeTarget, formatRequestLogLine } from './logFormat';
import { insecureUrlReason } from './loopback';
import { describeProxy, proxyChoiceFor, selectProxy, type ProxyChoice } from './proxySelection';
import { RateLimiter } from './rateLimit';
import { Redactor } from './redact';
import { crossOriginRefusal, MAX_REDIRECTS, redirectStep } from './redirects';
import { parseRetryAfterMs } from './retryAfter';
import { isIdempotentByDefault, isRetriableFailure, isRetriableStatus, nextWaitMs } from './retryPolicy';
import { classifyFailure } from './transportFailure';
import type {
  HttpClientOptions,
  HttpMethod,
  HttpRequest,
  HttpResponse,
  RetryOptions,
  TimeoutOptions,
  TokenProvider,
} from './types';

interface RequestContext {
  req: HttpRequest;
  url: URL;
  label: string;
  body: string | undefined;
  aborted: () => HttpTransportError;
  attempts: number;
  /** The shared limits of this URL's origin, when the client was given a registry. */
  limits: HostLimits | undefined;
  rateClass: RateClass;
  hostSlot?: Slot;
}

export class HttpClient {
  /** The redactor behind every log line and error message; share it with the layers above. */
  readonly redactor: Redactor;
  private readonly retry: Required<RetryOptions>;
  private readonly timeouts: TimeoutOptions;
  private readonly slots: ConcurrencyLimiter;
  private readonly rate: RateLimiter | undefined;
  private readonly dispatchers: Dispatchers;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly proxyChoice: ProxyChoice;
  private readonly auth: TokenProvider | undefined;
  private readonly authOrigin: string | undefined;
  private readonly maxBodyBytes: number;
  private closed = false;

  constructor(private readonly opts: HttpClientOptions = {}) {
    this.redactor = opts.redactor ?? new Redactor();
    this.retry = { ...DEFAULT_RETRY, ...definedOnly(opts.retry ?? {}) };
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...definedOnly(opts.timeouts ?? {}) };
    const maxConcurrency = opts.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY;
    this.slots = new ConcurrencyLimiter(maxConcurrency);
    this.rate = opts.ratePerSecond === undefined ? undefined : new RateLimiter(opts.ratePerSecond);
    this.dispatchers = new Dispatchers({ ...this.timeouts, connectionsPerOrigin: maxConcurrency });
    this.sleep = opts.sleep ?? timerSleep;
    this.maxBodyBytes = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    this.auth = opts.auth;
    // Normalised once, so "https://HOST:443/" and "https://host" are the same origin.
    this.authOrigin = opts.auth ? new URL(opts.auth.origin).origin : undefined;

    this.proxyChoice = proxyChoiceFor(opts, this.redactor);
  }

  /**
   * Sends a request. Resolves for every HTTP status, except when a retriable condition outlives
   * the retry budget (HttpRetryError). Rejects with HttpTransportError when no usable response
   * arrives (timeout, cancellation, refused URL or redirect, connection or proxy failure).
   */
  async request(req: HttpRequest): Promise<HttpResponse> {
    const started = performance.now();
    let url: URL;
    try {
      url = typeof req.url === 'string' ? new URL(req.url) : new URL(req.url.href);
    } catch {
      throw new TypeError(this.redactor.redact(`${req.method}: not an absolute URL: ${String(req.url)}`));
    }
    const label = `${req.method} ${describeTarget(url)}`;
    const target = describeRequestForLog(url);
    const ctx: RequestContext = {
      req,
      url,
      label,
      body: req.json === undefined ? undefined : JSON.stringify(req.json),
      aborted: () => this.transportError('aborted', `${label} was cancelled`),
      attempts: 0,
      limits: this.opts.hostLimits?.for(url.origin),
      rateClass: rateClassOf(req.method, req.listing === true),
    };
    try {
      const response = await this.run(ctx);
      this.logRequest(req.method, target, String(response.status), started, ctx.attempts);
      return response;
    } catch (error) {
      this.logRequest(req.method, target, outcomeWord(error), started, ctx.attempts);
      throw error;
    }
  }

  /** Closes every pooled connection; requests after this fail. */
  async close(): Promise<void> {
    this.closed = true;
    await this.dispatchers.close();
  }

  private async run(ctx: RequestContext): Promise<HttpResponse> {
    const { req, label } = ctx;
    if (this.closed) throw this.transportError('connection', `${label}: the HTTP client is closed`);
    const insecure = insecureUrlReason(ctx.url);
    if (insecure) throw this.transportError('insecure', `Refused ${label}: ${insecure}`);
    if (req.signal?.aborted) throw ctx.aborted();
    const idempotent = req.idempotent ?? isIdempotentByDefault(req.method);
    // A background job may wait longer for a busy workspace than a click should.
    const retry = req.retry ? { ...this.retry, ...definedOnly(req.retry) } : this.retry;

    let waitedMs = 0;
    for (;;) {
      ctx.attempts++;
      const outcome = await this.attempt(ctx);
      let proposedMs: number | undefined;
      if ('response' in outcome) {
        const { status, headers, bodyText } = outcome.response;
        proposedMs = parseRetryAfterMs(headers['retry-after'], Date.now(), headers['date']);
        // A workspace refusing for load did nothing, whatever the status and method.
        const throttle = throttleReason(status, bodyText);
        if (ctx.limits && ctx.hostSlot) {
          if (throttle) ctx.limits.throttled(ctx.hostSlot, throttle, proposedMs, ctx.rateClass);
          else if (status < 500) ctx.limits.succeeded(ctx.hostSlot);
        }
        const retriable =
          throttle !== undefined ||
          (isRetriableStatus(status, idempotent) && !(status === 503 && req.retryUnavailable === false));
        if (!retriable) return { ...outcome.response, attempts: ctx.attempts };
        // Retrying sooner than asked only earns more 429s, and the budget cannot cover the wait:
        // end now and say when the server will take requests again.
        if (proposedMs !== undefined && proposedMs > retry.budgetMs - waitedMs) {
          throw giveUpError(this.redactor, {
            label,
            attempts: ctx.attempts,
            waitedMs,
            outcome,
            retryAfterMs: proposedMs,
          });
        }
      } else if (!isRetriableFailure(outcome.failure, outcome.retry, idempotent)) {
        throw outcome.failure;
      }
      const wait = nextWaitMs({
        attemptsSoFar: ctx.attempts,
        maxAttempts: retry.maxAttempts,
        waitedMs,
        budgetMs: retry.budgetMs,
        proposedMs: proposedMs ?? backoffDelayMs(ctx.attempts, retry),
        maxDelayMs: retry.maxDelayMs,
      });
      if (wait === undefined) throw giveUpError(this.redactor, { label, attempts: ctx.attempts, waitedMs, outcome });
      await raceAbort(this.sleep(wait, req.signal), req.signal, ctx.aborted);
      waitedMs += wait;
    }
  }

  /** One attempt: a client slot and a host slot, then the request and any redirects it leads to. */
  private async attempt(ctx: RequestContext): Promise<AttemptOutcome> {
    const { req, label } = ctx;
    const release = await this.slots.acquire(req.signal, ctx.aborted);
    try {
      ctx.hostSlot = await ctx.limits?.concurrency.acquire(req.signal, ctx.aborted);
      // Taken with the host slot held: turns taken before the queue let requests leave in a bunch.
      const turn = ctx.limits?.reserve(ctx.rateClass) ?? 0;
      if (turn > 0) await raceAbort(this.sleep(turn, req.signal), req.signal, ctx.aborted);
      let current = ctx.url;
      let method: HttpMethod = req.method;
      let body = ctx.body;
      for (let redirects = 0; ; redirects++) {
        // A redirected GET is one more GET for the host's bucket.
        const rateWait = Math.max(
          this.rate?.reserve() ?? 0,
          method === 'GET' && redirects > 0 ? (ctx.limits?.reserve(ctx.rateClass) ?? 0) : 0,
        );
        if (rateWait > 0) await raceAbort(this.sleep(rateWait, req.signal), req.signal, ctx.aborted);

        const headers = await this.headersFor(ctx, current, body !== undefined);
        const proxy = selectProxy(current, this.proxyChoice);
        let result: ExchangeResult;
        try {
          result = await exchange(this.dispatcherFor(proxy, label), {
            url: current,
            method,
            headers,
            ...(body === undefined ? {} : { body }),
            ...(req.signal ? { signal: req.signal } : {}),
            headersTimeoutMs: this.timeouts.headersMs,
            bodyTimeoutMs: this.timeouts.bodyMs,
            deadlineMs: this.timeouts.deadlineMs,
            maxBodyBytes: this.maxBodyBytes,
          });
        } catch (error) {
          if (error instanceof HttpTransportError) throw error;
          if (req.signal?.aborted) throw ctx.aborted();
          const failure = classifyFailure(error, {
            proxied: proxy !== undefined,
            timeouts: this.timeouts,
            maxBodyBytes: this.maxBodyBytes,
          });
          const via = proxy === undefined ? '' : ` (via proxy ${describeProxy(proxy)})`;
          const hop = current === ctx.url ? '' : ` after redirect to ${describeTarget(current)}`;
          const message = `${label}${hop}: ${failure.detail}${via}`;
          return { failure: this.transportError(failure.kind, message, failure.code), retry: failure.retry };
        }

        const step = redirectStep(result.status, method, result.headers['location'], current);
        if (!step) return { response: { ...result, url: current.href } };
        if (redirects >= MAX_REDIRECTS) {
          throw this.transportError('redirect', `${label}: more than ${MAX_REDIRECTS} redirects`);
        }
        const insecure = insecureUrlReason(step.url);
        if (insecure) {
          throw this.transportError(
            'insecure',
            `${label}: refused redirect to ${describeTarget(step.url)}: ${insecure}`,
          );
        }
        const foreign = crossOriginRefusal(current, step.url);
        if (foreign) throw this.transportError('redirect', `${label}: ${foreign}`);
        current = step.url;
        method = step.method;
        if (!step.keepBody) body = undefined;
      }
    } finally {
      ctx.hostSlot?.release();
      release();
    }
  }

  private dispatcherFor(proxy: string | undefined, label: string): ReturnType<Dispatchers['for']> {
    try {
      return this.dispatchers.for(proxy);
    } catch {
      throw this.transportError('proxy', `${label}: the proxy URL ${describeProxy(proxy ?? '')} is not valid`);
    }
  }

  /** Headers for one hop: the token only to its provider's origin, caller credentials only to the addressed one. */
  private async headersFor(ctx: RequestContext, current: URL, hasBody: boolean): Promise<Record<string, string>> {
    const headers = hopHeaders({
      userAgent: this.opts.userAgent ?? DEFAULT_USER_AGENT,
      callerHeaders: ctx.req.headers,
      sameOriginAsRequested: current.origin === ctx.url.origin,
      hasBody,
      anonymous: ctx.req.anonymous === true,
    });
    const mayAuth = ctx.req.anonymous !== true && current.origin === this.authOrigin;
    if (this.auth && mayAuth && headers['authorization'] === undefined) {
      const signal = ctx.req.signal;
      const token = await raceAbort(this.auth.getToken(signal), signal, ctx.aborted);
      this.redactor.add(token);
      headers['authorization'] = `Bearer ${token}`;
    }
    return headers;
  }

  private transportError(kind: HttpTransportErrorKind, message: string, code?: string): HttpTransportError {
    return new HttpTransportError(kind, this.redactor.redact(message), code);
  }

  private logRequest(method: string, target: string, outcome: string, started: number, attempts: number): void {
    if (!this.opts.log) return;
    const line = formatRequestLogLine({ method, target, outcome, elapsedMs: performance.now() - started, attempts });
    try {
      this.opts.log(this.redactor.redact(line));
    } catch {
      // A failing logger must not turn a successful request into a failure.
    }
  }
}
