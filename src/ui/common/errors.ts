// How any error becomes one sentence for people plus, when there is one, the action that fixes it.
// Errors that know their fix carry it (`ActionableError`); the wrapper and the tree ask for it
// without knowing which feature threw.
import type { Redactor } from '../../core/http/redact';
import { DatabricksError } from '../../core/databricks/errors';

export interface ErrorFix {
  title: string;
  command: string;
  args: unknown[];
}

/** An error that names the command fixing it, e.g. "Set Token…" for a missing PAT. */
export interface ActionableError extends Error {
  readonly fix?: ErrorFix;
}

/** Thrown by handlers when the user dismissed a prompt: not an error, nothing to show. */
export class UserCancelled extends Error {
  constructor() {
    super('Cancelled.');
  }
}

export interface PresentedError {
  message: string;
  action?: ErrorFix;
}

export function isCancellation(err: unknown): boolean {
  return err instanceof UserCancelled || (err instanceof DatabricksError && err.isCancelled);
}

/** One sentence for people, plus the action that fixes it when there is one. */
export function presentError(err: unknown, redactor: Redactor): PresentedError {
  if (err instanceof DatabricksError) {
    const message = redactor.redact(err.userMessage);
    if (err.isAuthProblem && err.host)
      return { message, action: { title: 'Update Token…', command: 'dbxScim.setToken', args: [{ host: err.host }] } };
    return { message };
  }
  if (err instanceof Error) {
    const fix = (err as ActionableError).fix;
    return { message: redactor.redact(err.message), ...(fix ? { action: fix } : {}) };
  }
  return { message: redactor.redact(String(err)) };
}
