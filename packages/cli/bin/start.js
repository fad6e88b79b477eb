// Which file starts the `voxbridge` command: the bundle of its start (dist/bin.bundle.js, written by
// scripts/bundle.mjs at `npm run build`) while it is up to date, dist/bin.js otherwise. Plain
// JavaScript next to the shim: it runs before anything is built or loaded.
import { readFileSync, statSync } from 'node:fs';

const DIST = new URL('../dist/', import.meta.url);

/**
 * True when the bundle exists and none of the dist/ modules it was made from is newer than it or gone
 * (a `tsc -b` after a change to the source, without the bundle step, must not run the old code).
 * @param {URL} [dist] the dist/ folder (a URL ending in /)
 * @returns {boolean}
 */
export function bundleIsFresh(dist = DIST) {
  const bundle = statSync(new URL('bin.bundle.js', dist), { throwIfNoEntry: false });
  if (!bundle) return false;
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(new URL('bundle/manifest.json', dist), 'utf8'));
  } catch {
    return false;
  }
  for (const source of manifest.sources) {
    const stat = statSync(new URL(source, dist), { throwIfNoEntry: false });
    if (!stat || stat.mtimeMs > bundle.mtimeMs) return false;
  }
  return true;
}

/**
 * The URL of the module to import. `VOXBRIDGE_NO_BUNDLE=1` picks dist/bin.js whatever the bundle.
 * @returns {string}
 */
export function startEntry() {
  const name = process.env.VOXBRIDGE_NO_BUNDLE !== '1' && bundleIsFresh() ? 'bin.bundle.js' : 'bin.js';
  return new URL(name, DIST).href;
}
