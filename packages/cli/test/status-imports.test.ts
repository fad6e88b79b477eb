/**
 * `voxbridge status` starts fast because it loads only the configuration and the store
 * (`@voxbridge/bridge/state`). This test records every module the built CLI loads for `status` on a
 * SQLite store and fails when one of the heavy ones (the whole bridge, the API clients, the PostgreSQL
 * driver, metrics, logging) comes back into its import graph.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { SqliteStore } from '@voxbridge/bridge/state';
import { describe, expect, it } from 'vitest';
import { BIN, BUILT, offlineConfigYaml } from './helpers.js';

const run = promisify(execFile);

/** Module URL fragments `status` on SQLite must not load, each with why it would be there. */
const HEAVY = [
  ['/bridge/dist/index.js', 'the whole bridge (pipelines, clients, metrics)'],
  ['/playvox/dist/index.js', 'the Playvox client'],
  ['/livevox/dist/index.js', 'the LiveVox client'],
  ['/gladly/dist/index.js', 'the Gladly client'],
  ['/core/dist/index.js', 'the HTTP core of the clients'],
  ['/node_modules/pg/', 'the PostgreSQL driver'],
  ['/node_modules/undici/', 'the HTTP client'],
  ['/node_modules/prom-client/', 'metrics'],
  ['/node_modules/pino/', 'the logger'],
  ['/node_modules/log-update/', 'the progress display'],
] as const;

/** Writes an ESM loader hook that appends each loaded module's URL to `log`; returns the --import file. */
function loadRecorder(dir: string, log: string): string {
  const hooks = join(dir, 'hooks.mjs');
  writeFileSync(
    hooks,
    `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  appendFileSync(${JSON.stringify(log)}, url + '\\n');
  return next(url, context);
}
`,
  );
  const register = join(dir, 'register.mjs');
  writeFileSync(
    register,
    `import { register } from 'node:module';
register(${JSON.stringify(pathToFileURL(hooks).href)});
`,
  );
  return register;
}

describe.skipIf(!BUILT)('voxbridge status: a lean import graph', () => {
  it('on a SQLite store, prints the status without loading the clients, pipelines or pg', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'voxbridge-status-imports-'));
    const storePath = join(dir, 'state.db');
    const store = new SqliteStore({ path: storePath });
    await store.appendEvents(
      'livevox:interaction-events',
      [1, 2, 3].map((n) => ({ eventId: `e${n}`, payload: { n } })),
      'token-1',
    );
    await store.close();
    const file = join(dir, 'voxbridge.yaml');
    writeFileSync(file, offlineConfigYaml(`store: { path: ${JSON.stringify(storePath)} }\n`));
    const log = join(dir, 'loaded.txt');
    writeFileSync(log, '');
    const { stdout } = await run(process.execPath, [
      '--import',
      loadRecorder(dir, log),
      BIN,
      'status',
      '-c',
      file,
    ]);
    expect(stdout).toContain('events stored     3');
    const loaded = readFileSync(log, 'utf8').split('\n');
    // The recorder works: it saw the lean entry the status command imports.
    expect(loaded.some((url) => url.endsWith('/bridge/dist/state.js'))).toBe(true);
    for (const [fragment, what] of HEAVY)
      expect(
        loaded.filter((url) => url.includes(fragment)),
        `${what} (${fragment})`,
      ).toEqual([]);
  }, 60_000);
});
