// The error a promise rejects with, for tests that go on to assert on its fields (which
// assert.rejects' predicate would hide behind a single true or false).
import { strict as assert } from 'node:assert';

type ErrorClass<E extends Error> = abstract new (...args: never[]) => E;

/** What `promise` rejects with, checked to be an `expected` (any Error when not given); fails when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error>;
export async function rejection<E extends Error>(promise: Promise<unknown>, expected: ErrorClass<E>): Promise<E>;
export async function rejection(promise: Promise<unknown>, expected: ErrorClass<Error> = Error): Promise<Error> {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof expected, `expected ${expected.name}, got ${String(e)}`);
    return e;
  }
  return assert.fail('expected a rejection');
}
