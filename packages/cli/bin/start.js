// How the `voxbridge` command starts: the bundle of its start (dist/bin.bundle.cjs, written by
// scripts/bundle.mjs at `npm run build`) while it is up to date, run with a V8 code cache; dist/bin.js
// otherwise. Plain JavaScript next to the shim: it runs before anything is built or loaded.
const {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} = require('node:fs');
const { createRequire } = require('node:module');
const { tmpdir } = require('node:os');
const { basename, dirname, join } = require('node:path');
const { fileURLToPath, pathToFileURL } = require('node:url');
const vm = require('node:vm');

const DIST = new URL('../dist/', pathToFileURL(__filename));

/**
 * True when the bundle exists and every dist/ module it was made from is there with the size it had.
 * In the monorepo also none may be newer than the bundle (a `tsc -b` after a change to the source,
 * without the bundle step, must not run the old code); not in an install (a path through node_modules),
 * where npm gives every file the time it unpacked it and the packages change only all at once.
 * @param {URL} [dist] the dist/ folder (a URL ending in /)
 * @returns {boolean}
 */
function bundleIsFresh(dist = DIST) {
  const bundle = statSync(new URL('bin.bundle.cjs', dist), { throwIfNoEntry: false });
  if (!bundle) return false;
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(new URL('bundle/manifest.json', dist), 'utf8'));
  } catch {
    return false;
  }
  const installed = /[\\/]node_modules[\\/]/.test(fileURLToPath(dist));
  for (const { path, size } of manifest.sources) {
    const stat = statSync(new URL(path, dist), { throwIfNoEntry: false });
    if (!stat || stat.size !== size || (!installed && stat.mtimeMs > bundle.mtimeMs)) return false;
  }
  return true;
}

/** A short hex digest of a text (FNV-1a, 32 bits): names a cache file, proves nothing. */
function digest(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** The private folder of the code caches in the OS temp folder. */
const CACHE_DIR = join(tmpdir(), `voxbridge-compile-cache-${process.getuid?.() ?? 'user'}`);

/** True when only this user may write `dir`: a cache others can write would be code they chose. */
function isPrivate(dir) {
  const folder = statSync(dir, { throwIfNoEntry: false });
  if (!folder?.isDirectory() || (folder.mode & 0o022) !== 0) return false;
  return !process.getuid || folder.uid === process.getuid();
}

/**
 * The code cache file for this bundle, this Node and this command. `status` has a cache of its own:
 * V8 caches the functions a run has compiled, and `--help` compiles none of status's.
 */
function cacheFile(bundle, stat, argv) {
  const command = argv.slice(2).find((arg) => !arg.startsWith('-')) === 'status' ? 'status' : 'main';
  const key = digest(`${bundle}\0${stat.size}\0${stat.mtimeMs}\0${process.version}\0${process.arch}`);
  return join(CACHE_DIR, `${key}-${command}.bin`);
}

/** Reads a code cache from the private folder; undefined when there is none to trust. */
function readCache(file) {
  try {
    return isPrivate(CACHE_DIR) ? readFileSync(file) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes the code cache of `script` after a run that succeeded (a failed one may have compiled little,
 * and leaves nothing behind); a rename keeps readers off a partial file.
 */
function writeCache(file, script) {
  const partial = `${file}.${process.pid}`;
  try {
    mkdirSync(CACHE_DIR, { recursive: true, mode: 0o700 });
    if (!isPrivate(CACHE_DIR)) return;
    writeFileSync(partial, script.createCachedData(), { mode: 0o600 });
    renameSync(partial, file);
    pruneCaches(CACHE_DIR, basename(file).slice(0, 8));
  } catch {
    rmSync(partial, { force: true });
  }
}

/** Removes the caches of other bundles (earlier builds, other installs) not written for a day. */
function pruneCaches(dir, key) {
  const dayAgo = Date.now() - 24 * 3600_000;
  for (const name of readdirSync(dir)) {
    if (name.startsWith(key)) continue;
    const stat = statSync(join(dir, name), { throwIfNoEntry: false });
    if (stat && stat.mtimeMs < dayAgo) rmSync(join(dir, name), { force: true });
  }
}

/** Runs dist/bin.bundle.cjs as a script with its code cache, and writes the cache at exit when it had none. */
function runBundle() {
  const file = fileURLToPath(new URL('bin.bundle.cjs', DIST));
  const source = readFileSync(file, 'utf8');
  const cache = cacheFile(file, statSync(file), process.argv);
  const cachedData = readCache(cache);
  const script = new vm.Script(source, { filename: file, cachedData });
  // At exit V8 also holds the functions this run compiled.
  if (!cachedData || script.cachedDataRejected)
    process.once('exit', (code) => {
      if (code === 0) writeCache(cache, script);
    });
  const module = { exports: {} };
  const main = script.runInThisContext();
  // The commands left out of the bundle, imported from dist/ (see scripts/bundle.mjs).
  const load = (specifier) => import(new URL(specifier, DIST).href);
  main(module.exports, createRequire(file), module, file, dirname(file), new URL('bin.js', DIST).href, load);
}

/**
 * Starts the command. `VOXBRIDGE_NO_BUNDLE=1` starts dist/bin.js whatever the bundle, and so does
 * `--enable-source-maps`: Node maps the stack traces of modules to the TypeScript, not those of a script.
 */
async function start() {
  if (process.env.VOXBRIDGE_NO_BUNDLE !== '1' && !process.sourceMapsEnabled && bundleIsFresh()) runBundle();
  else await import(new URL('bin.js', DIST).href);
}

module.exports = { bundleIsFresh, start };
