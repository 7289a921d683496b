// The transport's public surface, for layers that prefer one import.

export {
  HttpClient,
  DEFAULT_RETRY,
  DEFAULT_TIMEOUTS,
  DEFAULT_MAX_CONCURRENCY,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_USER_AGENT,
} from './client';
export { HttpRetryError, HttpTransportError, type HttpTransportErrorKind } from './errors';
export { Redactor, REDACTED } from './redact';
export type * from './types';
export { BACKGROUND_RETRY } from './defaults';
export {
  HostLimitsRegistry,
  rateClassOf,
  throttleReason,
  type RateClass,
  type RateSpec,
  type HostLimitsOptions,
  type LimitEvent,
  type ThrottleReason,
} from './host-limits';
