// What a workspace or account command hands main.ts to print, and the failure it throws when it was
// used correctly but cannot be done.
import type { Row } from './output';

export interface CommandResult {
  rows: Row[];
  columns: string[];
  /** Printed to stderr, e.g. names that could not be resolved. */
  notes?: string[];
  exitCode?: number;
}

/** A command that was used correctly but cannot be done (exit 1, no usage hint). */
export class CommandFailure extends Error {}
