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
import { bundleIsFresh } from '../bin/start.js';
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

/** The bundle's record of the modules bundled into it (see scripts/bundle.mjs). */
const MANIFEST = new URL('../dist/bundle/manifest.json', import.meta.url);

/**
 * The modules behind a run: the URLs the loader saw and, when the run used the bundle of the command's
 * start (dist/bin.bundle.cjs, run as a script the loader does not see), every module bundled into it,
 * as `/packages/…` or `/node_modules/…`.
 */
function modulesBehind(loaded: string[], bundled: boolean): string[] {
  if (!bundled) return loaded;
  const { inputs } = JSON.parse(readFileSync(MANIFEST, 'utf8')) as { inputs: string[] };
  return [...loaded, ...inputs.map((input) => `/${input}`)];
}

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
  // The bundle of the start (when `npm run build` made it and it is up to date) and the dist/ modules.
  it.each([
    ['the bundle of the start', bundleIsFresh(), {}],
    ['the dist/ modules (VOXBRIDGE_NO_BUNDLE=1)', false, { VOXBRIDGE_NO_BUNDLE: '1' }],
  ])(
    'on a SQLite store, prints the status without loading the clients, pipelines or pg: %s',
    async (_, bundled, env) => {
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
      const { stdout } = await run(
        process.execPath,
        ['--import', loadRecorder(dir, log), BIN, 'status', '-c', file],
        { env: { ...process.env, ...env } },
      );
      expect(stdout).toContain('events stored     3');
      const urls = readFileSync(log, 'utf8').split('\n');
      // With the bundle, no dist/ module of the CLI is imported.
      expect(urls.some((url) => url.endsWith('/cli/dist/bin.js'))).toBe(!bundled);
      const loaded = modulesBehind(urls, bundled);
      // The recorder works: it saw the lean entry the status command imports.
      expect(loaded.some((url) => url.endsWith('/bridge/dist/state.js'))).toBe(true);
      for (const [fragment, what] of HEAVY)
        expect(
          loaded.filter((url) => url.includes(fragment)),
          `${what} (${fragment})`,
        ).toEqual([]);
    },
    60_000,
  );
});
