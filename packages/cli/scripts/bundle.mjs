// Bundles the start of the `voxbridge` command into a few files, so that `voxbridge --help` and
// `voxbridge status` do not resolve, read and compile hundreds of modules one by one (on Node 20, which
// has no compile cache, that costs more CPU than the commands themselves).
//
// What is bundled: dist/bin.js, the command table (dist/program.js), commander, and `status` with the
// lean state entry of the bridge (configuration, zod, yaml, store). Every other command stays a
// separate import of its own unbundled dist/ module: those run for minutes, and the bundle must not
// change how they load (their files, workers and child processes are found relative to dist/).
//
// Output: dist/bin.bundle.js (next to dist/program.js, so `../package.json` still names the CLI's own
// package.json), its chunks in dist/bundle/, and dist/bundle/manifest.json: the voxbridge dist files the
// bundle was made from. bin/voxbridge.js loads the bundle only while none of them is newer than it, so a
// `tsc -b` after a change to the source runs the fresh dist/ modules instead of a stale bundle.
//
// Run by `npm run build` after tsc. Source maps chain through the dist/*.js.map files to the TypeScript.
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const cli = fileURLToPath(new URL('..', import.meta.url));
/** The repository root: esbuild's working folder, to which the metafile's paths are relative. */
const root = resolve(cli, '..', '..');
const dist = resolve(cli, 'dist');
const out = resolve(dist, 'bundle');

/** The command modules program.js imports lazily; only these are bundled, the others stay external. */
const BUNDLED_COMMANDS = new Set(['./commands/status.js']);

/** Imports of dist/program.js other than the bundled commands stay imports of the dist/ module. */
const externalCommands = {
  name: 'external-commands',
  setup(b) {
    b.onResolve({ filter: /^\.\/commands\// }, (args) => {
      if (args.importer !== resolve(dist, 'program.js') || BUNDLED_COMMANDS.has(args.path)) return undefined;
      // The bundle entry sits in dist/ like program.js, so the same relative specifier still works.
      return { path: args.path, external: true };
    });
  },
};

// zod's root exports `locales` (every language's messages, about half of zod's code); the configuration
// reports its errors in English only, and no voxbridge code reads `z.locales`. So the bundle's locale
// index keeps English alone: the same messages, less code to compile at each start.
const englishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)
        ? { path: resolve(args.resolveDir, args.path), namespace: 'zod-locales' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(resolve(dirname(args.path), 'en.js'))};`,
      loader: 'js',
      resolveDir: dirname(args.path),
    }));
  },
};

rmSync(out, { recursive: true, force: true });
const result = await build({
  entryPoints: { 'bin.bundle': resolve(dist, 'bin.js') },
  outdir: dist,
  chunkNames: 'bundle/[name]-[hash]',
  absWorkingDir: root,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  metafile: true,
  // Native or optional: resolved at run time from node_modules, like the dist/ modules do.
  external: ['better-sqlite3', 'pg', 'pg-native'],
  plugins: [externalCommands, englishOnly],
  // Bundled CommonJS (commander, yaml) calls require() for Node's built-ins.
  banner: {
    js: "import { createRequire as __voxbridgeRequire } from 'node:module'; const require = __voxbridgeRequire(import.meta.url);",
  },
  logLevel: 'warning',
});

// The voxbridge dist files in the bundle, relative to dist/ (`../../bridge/dist/state.js` resolves in
// the monorepo and in an install, where the packages are siblings under node_modules/@voxbridge/).
const posix = (path) => path.split('\\').join('/');
const sources = Object.keys(result.metafile.inputs)
  .filter((input) => posix(input).startsWith('packages/'))
  .map((input) => posix(relative(dist, resolve(root, input))));
// Which inputs each output holds, for the test that keeps heavy modules out of `status`.
const outputs = Object.fromEntries(
  Object.entries(result.metafile.outputs)
    .filter(([file]) => file.endsWith('.js'))
    .map(([file, output]) => [
      posix(relative(dist, resolve(root, file))),
      Object.keys(output.inputs).map(posix),
    ]),
);
writeFileSync(resolve(out, 'manifest.json'), `${JSON.stringify({ sources, outputs }, null, 1)}\n`);
process.stdout.write(`packages/cli: bundled the start of the command (${sources.length} dist modules)\n`);
