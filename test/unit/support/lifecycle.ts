// Mocha hooks for the emulator harnesses (startHarness, startGraphHarness): start one, hand it to
// the suite, close it again, so a suite states only which harness it wants and for how long.

/** Something a suite starts and must close again (a harness with its emulator and clients). */
export interface Closable {
  close(): Promise<void>;
}

/**
 * Registers, in the calling describe(), one `start()`ed harness for all its tests: handed to `use`
 * before the first test, closed after the last (if it started at all).
 */
export function forSuite<T extends Closable>(start: () => Promise<T>, use: (started: T) => void): void {
  let current: T | undefined;
  before(async () => {
    current = await start();
    use(current);
  });
  after(async () => {
    await current?.close();
  });
}

/**
 * Registers, in the calling describe(), a fresh `start()`ed harness for each test: handed to `use`
 * before the test, closed after it (if it started at all).
 */
export function forEachTest<T extends Closable>(start: () => Promise<T>, use: (started: T) => void): void {
  let current: T | undefined;
  beforeEach(async () => {
    current = await start();
    use(current);
  });
  afterEach(async () => {
    const done = current;
    current = undefined;
    await done?.close();
  });
}
