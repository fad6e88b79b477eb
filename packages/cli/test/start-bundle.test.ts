/**
 * The bundle of the command's start (scripts/bundle.mjs, run by `npm run build`): the bin uses it only
 * while it is up to date, and through it `--help`, `--version` and `status` say exactly what the dist/
 * modules say, a bad configuration included.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SqliteStore } from '@voxbridge/bridge/state';
import { describe, expect, it } from 'vitest';
import { bundleIsFresh } from '../bin/start.js';
import { BUILT, offlineConfigYaml, voxbridge } from './helpers.js';

/**
 * A dist/ folder with a bundle made from one source, `../src.js` (recorded as empty), each with the
 * given modification time; under a node_modules folder for an install.
 */
function fakeDist(
  bundleTime: number | undefined,
  sourceTime: number | undefined,
  options: { source?: string; installed?: boolean } = {},
): URL {
  const dir = join(
    mkdtempSync(join(tmpdir(), 'voxbridge-start-')),
    options.installed ? 'node_modules/cli' : 'cli',
  );
  mkdirSync(join(dir, 'dist', 'bundle'), { recursive: true });
  const manifest = { sources: [{ path: '../src.js', size: 0 }] };
  writeFileSync(join(dir, 'dist', 'bundle', 'manifest.json'), JSON.stringify(manifest));
  if (sourceTime !== undefined) {
    writeFileSync(join(dir, 'src.js'), options.source ?? '');
    utimesSync(join(dir, 'src.js'), sourceTime, sourceTime);
  }
  if (bundleTime !== undefined) {
    writeFileSync(join(dir, 'dist', 'bin.bundle.cjs'), '');
    utimesSync(join(dir, 'dist', 'bin.bundle.cjs'), bundleTime, bundleTime);
  }
  return pathToFileURL(join(dir, 'dist/'));
}

describe('bundleIsFresh', () => {
  it('holds while no source is newer than the bundle or changed in size', () => {
    expect(bundleIsFresh(fakeDist(2000, 1000))).toBe(true);
    expect(bundleIsFresh(fakeDist(1000, 1000))).toBe(true);
  });

  it('fails for a source rebuilt after the bundle, changed in size or gone, or no bundle', () => {
    expect(bundleIsFresh(fakeDist(1000, 2000))).toBe(false);
    expect(bundleIsFresh(fakeDist(2000, 1000, { source: 'changed' }))).toBe(false);
    expect(bundleIsFresh(fakeDist(1000, undefined))).toBe(false);
    expect(bundleIsFresh(fakeDist(undefined, 1000))).toBe(false);
  });

  it('in an install, where npm dates each file when it unpacks it, asks only for the sizes', () => {
    expect(bundleIsFresh(fakeDist(1000, 2000, { installed: true }))).toBe(true);
    expect(bundleIsFresh(fakeDist(1000, 2000, { installed: true, source: 'changed' }))).toBe(false);
  });
});

const NO_BUNDLE = { ...process.env, VOXBRIDGE_NO_BUNDLE: '1' };

/** A configuration file in a new folder, its store there; `metadata` adds Playvox metadata fields. */
function configFile(metadata = ''): { file: string; storePath: string } {
  const dir = mkdtempSync(join(tmpdir(), 'voxbridge-start-config-'));
  const storePath = join(dir, 'state.db');
  const file = join(dir, 'voxbridge.yaml');
  writeFileSync(file, offlineConfigYaml(`${metadata}store: { path: ${JSON.stringify(storePath)} }\n`));
  return { file, storePath };
}

describe.skipIf(!BUILT)('the bundle and the dist/ modules say the same', () => {
  it('--help and --version', async () => {
    for (const args of [['--help'], ['--version'], ['status', '--help']]) {
      const [bundled, plain] = await Promise.all([voxbridge(args), voxbridge(args, { env: NO_BUNDLE })]);
      expect(bundled).toEqual(plain);
    }
  }, 60_000);

  it('status and status --json on a SQLite store', async () => {
    const { file, storePath } = configFile();
    const store = new SqliteStore({ path: storePath });
    await store.appendEvents('livevox:interaction-events', [{ eventId: 'e1', payload: {} }], 'token-1');
    await store.close();
    // The checkpoint's age moves between two runs; everything else must match.
    const steady = (text: string) => text.replace(/[0-9.]+ s old|"ageSeconds": [0-9.]+/g, 'AGE');
    for (const args of [
      ['status', '-c', file],
      ['status', '--json', '-c', file],
    ]) {
      const bundled = await voxbridge(args);
      const plain = await voxbridge(args, { env: NO_BUNDLE });
      expect(bundled.code).toBe(0);
      expect(steady(bundled.stdout)).toBe(steady(plain.stdout));
    }
  }, 60_000);

  it.skipIf(!bundleIsFresh())(
    'keeps a code cache in a private folder of TMPDIR after a run that succeeded, and uses it',
    async () => {
      const tmp = mkdtempSync(join(tmpdir(), 'voxbridge-start-cache-'));
      const env = { ...process.env, TMPDIR: tmp };
      expect((await voxbridge(['status', '-c', join(tmp, 'none.yaml')], { env })).code).toBe(1);
      expect(readdirSync(tmp), 'a failed run writes no cache').toEqual([]);
      const first = await voxbridge(['--help'], { env });
      const [folder] = readdirSync(tmp);
      expect(folder).toMatch(/^voxbridge-compile-cache-/);
      expect(statSync(join(tmp, folder!)).mode & 0o777).toBe(0o700);
      expect(readdirSync(join(tmp, folder!))).toEqual([expect.stringMatching(/^[0-9a-f]{8}-main\.bin$/)]);
      expect(await voxbridge(['--help'], { env })).toEqual(first);
      rmSync(tmp, { recursive: true, force: true });
    },
    60_000,
  );

  it('status with a bad configuration fails naming the YAML path, as before', async () => {
    const { file } = configFile('    - { fieldId: size, type: nonsense }\n');
    const bundled = await voxbridge(['status', '-c', file]);
    const plain = await voxbridge(['status', '-c', file], { env: NO_BUNDLE });
    expect(bundled.code).toBe(1);
    expect(bundled.stderr).toContain('playvox.metadata[1].type');
    expect(bundled).toEqual(plain);
  }, 60_000);
});
