import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The published packages, packed from their built dist/ and installed the way a user installs them:
// into a fresh folder, with nothing from the monorepo but the tarballs and the locked third-party
// versions. `--offline` proves that no registry is asked: the @voxbridge packages come from the
// tarballs only, and third-party packages from the npm cache that `npm ci` filled.
// Why `npm ci` into a folder and not `npm install -g --prefix`: a global install resolves every
// dependency afresh, and npm 11 then asks for each package's full registry document, which `npm ci`
// never caches; so `-g --offline` fails (ENOTCACHED) and `-g` online would test the registry, not us.
// The folder has the global layout (<prefix>/lib/node_modules) and the same bin shim.

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const built = existsSync(join(root, 'packages/cli/dist/bin.js'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
// Compiling better-sqlite3 from source takes a minute or two on a small machine.
const installTimeout = 15 * 60_000;

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
  dev?: boolean;
  dependencies?: Record<string, string>;
  [key: string]: unknown;
}

/** One workspace package that npm would publish (not `private`). */
interface Published {
  name: string;
  version: string;
  dir: string;
}

/** The workspace packages that are published, read from packages/*\/package.json. */
function publishedPackages(): Published[] {
  const out: Published[] = [];
  for (const dir of readdirSync(join(root, 'packages'))) {
    const file = join(root, 'packages', dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as {
      name: string;
      version: string;
      private?: boolean;
    };
    if (!pkg.private) out.push({ name: pkg.name, version: pkg.version, dir: `packages/${dir}` });
  }
  return out;
}

/** The sha512 integrity string npm records for a tarball. */
function integrityOf(file: string): string {
  return `sha512-${createHash('sha512').update(readFileSync(file)).digest('base64')}`;
}

/**
 * A lockfile for a folder that depends on the tarballs: the workspace packages point at their tarball,
 * every third-party package the published packages need keeps the monorepo's locked version and
 * integrity, so `npm ci --offline` resolves nothing and fetches nothing.
 */
function packedLockfile(
  published: Published[],
  tarballs: Map<string, string>,
  installDir: string,
): { manifest: object; lock: object } {
  const repoLock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  const dependencies: Record<string, string> = {};
  const packages: Record<string, LockEntry> = {};
  const workspaceDir = new Map(published.map((p) => [p.dir, p.name]));
  for (const p of published) {
    const tarball = tarballs.get(p.name);
    if (!tarball) throw new Error(`npm pack produced no tarball for ${p.name}`);
    const spec = `file:${relative(installDir, tarball)}`;
    dependencies[p.name] = spec;
    const ws = repoLock.packages[p.dir];
    if (!ws) throw new Error(`package-lock.json has no entry for the workspace ${p.dir}`);
    packages[`node_modules/${p.name}`] = {
      version: p.version,
      resolved: spec,
      integrity: integrityOf(tarball),
      ...(ws.dependencies ? { dependencies: ws.dependencies } : {}),
      ...(ws.license ? { license: ws.license } : {}),
      ...(ws.bin ? { bin: ws.bin } : {}),
      ...(ws.engines ? { engines: ws.engines } : {}),
    };
  }
  for (const [location, entry] of Object.entries(repoLock.packages)) {
    if (location === '' || entry.link || entry.dev) continue;
    if (location.startsWith('node_modules/')) {
      packages[location] = entry;
      continue;
    }
    // A dependency nested under a workspace (packages/x/node_modules/y) moves under the installed package.
    const match = /^(packages\/[^/]+)\/(node_modules\/.+)$/.exec(location);
    const owner = match ? workspaceDir.get(match[1] as string) : undefined;
    if (match && owner) packages[`node_modules/${owner}/${match[2]}`] = entry;
  }
  const manifest = {
    name: 'voxbridge-packed-install',
    version: '0.0.0',
    private: true,
    dependencies,
    allowScripts: { 'better-sqlite3': true },
  };
  return {
    manifest,
    lock: {
      name: manifest.name,
      version: manifest.version,
      lockfileVersion: 3,
      requires: true,
      packages: { '': { name: manifest.name, version: manifest.version, dependencies }, ...packages },
    },
  };
}

describe.skipIf(!built)('the packed packages, installed from their tarballs (built by npm test)', () => {
  let work = '';
  let binary = '';
  const published = publishedPackages();
  const cli = published.find((p) => p.name === '@voxbridge/cli');

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'voxbridge-pack-'));
    const packs = join(work, 'packs');
    const installDir = join(work, 'prefix', 'lib');
    mkdirSync(packs, { recursive: true });
    mkdirSync(installDir, { recursive: true });
    const workspaces = published.flatMap((p) => ['--workspace', p.name]);
    const { stdout } = await run(
      npm,
      ['pack', ...workspaces, '--pack-destination', packs, '--json', '--ignore-scripts'],
      { cwd: root, maxBuffer: 64 * 1024 * 1024 },
    );
    const tarballs = new Map<string, string>();
    for (const item of JSON.parse(stdout) as { name: string; filename: string }[])
      tarballs.set(item.name, join(packs, item.filename));
    const { manifest, lock } = packedLockfile(published, tarballs, installDir);
    writeFileSync(join(installDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    writeFileSync(join(installDir, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
    await run(npm, ['ci', '--offline', '--no-audit', '--no-fund', '--loglevel', 'error'], {
      cwd: installDir,
      timeout: installTimeout,
      maxBuffer: 64 * 1024 * 1024,
      // better-sqlite3 builds from source: prebuild-install would otherwise try to download a binary.
      env: { ...process.env, npm_config_build_from_source: 'true' },
    });
    binary = join(installDir, 'node_modules', '.bin', 'voxbridge');
  }, installTimeout);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('packs every published package with its dist/, README, LICENSE and no build info or tests', async () => {
    expect(cli, 'the CLI is published').toBeDefined();
    const license = readFileSync(join(root, 'LICENSE'), 'utf8');
    for (const p of published) {
      const pkg = JSON.parse(
        readFileSync(join(work, 'prefix/lib/node_modules', p.name, 'package.json'), 'utf8'),
      );
      expect(pkg.license, p.name).toBe('Apache-2.0');
      expect(pkg.repository, p.name).toMatchObject({ type: 'git', directory: p.dir });
      expect(pkg.exports['.'].import, p.name).toBe('./dist/index.js');
      const installed = join(work, 'prefix/lib/node_modules', p.name);
      expect(existsSync(join(installed, 'dist/index.js')), `${p.name} dist/index.js`).toBe(true);
      expect(existsSync(join(installed, 'dist/index.d.ts')), `${p.name} dist/index.d.ts`).toBe(true);
      expect(readFileSync(join(installed, 'LICENSE'), 'utf8'), `${p.name} LICENSE`).toBe(license);
      expect(existsSync(join(installed, 'dist/.tsbuildinfo')), `${p.name} build info`).toBe(false);
      expect(existsSync(join(installed, 'src')), `${p.name} sources`).toBe(false);
      expect(existsSync(join(installed, 'test')), `${p.name} tests`).toBe(false);
    }
  });

  it('starts the installed CLI from the bundle of its start (see scripts/bundle.mjs)', async () => {
    const installed = join(work, 'prefix/lib/node_modules/@voxbridge/cli');
    const { bundleIsFresh } = (await import(pathToFileURL(join(installed, 'bin/start.js')).href)) as {
      bundleIsFresh(): boolean;
    };
    expect(bundleIsFresh()).toBe(true);
  });

  it('prints the version from the CLI package.json', async () => {
    const { stdout } = await run(binary, ['--version'], { cwd: work });
    expect(stdout.trim()).toBe(cli?.version);
  });

  it('runs the demo from an unrelated folder: everything delivered exactly once or dead-lettered by design', async () => {
    const cwd = mkdtempSync(join(work, 'elsewhere-'));
    const { stdout } = await run(binary, ['demo', '--duration', '5', '--json'], {
      cwd,
      timeout: 180_000,
      maxBuffer: 16 * 1024 * 1024,
      env: { ...process.env, NO_COLOR: '1' },
    });
    const summary = JSON.parse(stdout.trim().split('\n').pop() as string);
    expect(summary.delivered).toBeGreaterThan(0);
    // The only calls not in Playvox are those of the roster's agents without a Playvox user, which the
    // demo dead-letters on purpose (see the README's quick start).
    const withoutUser = summary.evaluation.agentsWithoutUser as number;
    expect(summary).toMatchObject({ missing: withoutUser, deadLettered: withoutUser, duplicates: 0 });
  }, 200_000);
});
