/**
 * Test support: one running emulator (or any closable fixture) shared by the tests of a file. It takes
 * the test runner's hooks as an argument, so the kit itself does not import a test runner.
 */

/** The lifecycle hooks of a test runner (vitest's and jest's carry these names). */
export interface SuiteHooks {
  beforeAll(fn: () => unknown): void;
  afterAll(fn: () => unknown): void;
  beforeEach(fn: () => unknown): void;
}

/**
 * A stand-in for an object that exists only once `beforeAll` has run: every read and write goes to the
 * object `get` returns at that moment. Methods run on the real object (a proxy cannot reach private fields).
 */
export function late<T extends object>(get: () => T): T {
  return new Proxy({} as T, {
    get: (_, key) => {
      const target = get();
      const value = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
    set: (_, key, value) => Reflect.set(get(), key, value),
  });
}

/**
 * Starts a fixture before the tests of the enclosing file or `describe`, runs `reset` before each test
 * and closes the fixture after the last one. The returned stand-in forwards to the running fixture, so a
 * file names it once at the top: `const server = sharedFixture({ beforeAll, afterAll, beforeEach }, start)`.
 */
export function sharedFixture<T extends { close(): unknown }>(
  hooks: SuiteHooks,
  start: () => Promise<T>,
  reset?: (fixture: T) => unknown,
): T {
  let running: T | undefined;
  const live = (): T => {
    if (!running) throw new Error('the shared fixture is not started yet (use it inside a test or hook)');
    return running;
  };
  hooks.beforeAll(async () => {
    running = await start();
  });
  hooks.afterAll(() => running?.close());
  if (reset) hooks.beforeEach(() => reset(live()));
  return late(live);
}
