// Bundles the start of the `voxbridge` command into one script, so that `voxbridge --help` and
// `voxbridge status` do not resolve, read and compile hundreds of modules one by one: on Node 20, which
// has no compile cache for modules, that costs more CPU than the commands themselves. bin/start.js runs
// the script with a V8 code cache (vm.Script cachedData), which Node 20 offers for scripts only.
//
// What is bundled: dist/bin.js, the command table (dist/program.js), commander, and `status` with the
// lean state entry of the bridge (configuration, zod, yaml, store). Every other command stays a
// separate import of its own unbundled dist/ module: those run for minutes, and the bundle must not
// change how they load (their files, workers and child processes are found relative to dist/).
//
// Output: dist/bin.bundle.cjs, a function expression `(exports, require, module, __filename,
// __dirname, __voxbridgeUrl, __load) => …` that bin/start.js calls (`__voxbridgeUrl` stands for
// `import.meta.url` of dist/bin.js, `__load` for the import() of a command left out), its source map, and dist/bundle/manifest.json: the voxbridge dist files the bundle
// was made from, with their sizes (bin/start.js runs the bundle only while they match, so a `tsc -b`
// after a change to the source runs the fresh dist/ modules instead of a stale bundle) and every input.
//
// Run by `npm run build` after tsc. Source maps chain through the dist/*.js.map files to the TypeScript.
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
      // Stays `import("./commands/….js")`, which the step after the build hands to bin/start.js.
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

// better-sqlite3's JavaScript is bundled too (its dozen files cost more to resolve and compile than
// to run). It finds its native addon with `bindings`, which looks for it from the file of its caller:
// in the bundle that is dist/, so the call names better-sqlite3's own folder instead, found at run time.
const sqliteAddon = {
  name: 'better-sqlite3-addon',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]better-sqlite3[\\/]lib[\\/]database\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const call = "require('bindings')('better_sqlite3.node')";
      if (!text.includes(call)) throw new Error(`${args.path} no longer loads its addon with ${call}`);
      // `bindings` too is required from better-sqlite3's folder, whose dependency it is.
      const located = `((pkg) => require('node:module').createRequire(pkg)('bindings')({
        bindings: 'better_sqlite3.node', module_root: require('node:path').dirname(pkg) })
      )(require.resolve('better-sqlite3/package.json'))`;
      return { contents: text.replace(call, located), loader: 'js' };
    });
  },
};

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const result = await build({
  entryPoints: [resolve(dist, 'bin.js')],
  outfile: resolve(dist, 'bin.bundle.cjs'),
  absWorkingDir: root,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  metafile: true,
  // Found at run time in node_modules, like the dist/ modules find them (pg: PostgreSQL stores only).
  external: ['better-sqlite3/package.json', 'pg', 'pg-native'],
  plugins: [externalCommands, englishOnly, sqliteAddon],
  define: { 'import.meta.url': '__voxbridgeUrl' },
  banner: { js: '(function (exports, require, module, __filename, __dirname, __voxbridgeUrl, __load) {' },
  footer: { js: '})' },
  logLevel: 'warning',
});

// `import.meta.url` becomes dist/bin.js's URL for every bundled module: only right for the CLI's own.
for (const input of Object.keys(result.metafile.inputs))
  if (input.startsWith('packages/') && !input.startsWith('packages/cli/'))
    if (readFileSync(resolve(root, input), 'utf8').includes('import.meta'))
      throw new Error(`${input} uses import.meta: it cannot be bundled into the start of the command`);

// A script run by vm has no import() of its own on Node 20 (its `importModuleDynamically` is
// experimental and, with a code cache, lost): the commands left out are imported by `__load`, a
// function of bin/start.js. Same length as `import`, so the source map's columns still hold.
const bundleFile = resolve(dist, 'bin.bundle.cjs');
const text = readFileSync(bundleFile, 'utf8');
if (text.split('__load').length !== 2) throw new Error('a bundled module uses the name __load');
const loaded = text.replaceAll('import("./commands/', '__load("./commands/');
if (/\bimport\("/.test(loaded)) throw new Error('the bundle imports a module other than a command');
writeFileSync(bundleFile, loaded);

// The voxbridge dist files in the bundle, relative to dist/ (`../../bridge/dist/state.js` resolves in
// the monorepo and in an install, where the packages are siblings under node_modules/@voxbridge/).
const posix = (path) => path.split('\\').join('/');
const sources = Object.keys(result.metafile.inputs)
  .filter((input) => posix(input).startsWith('packages/'))
  .map((input) => ({
    path: posix(relative(dist, resolve(root, input))),
    size: statSync(resolve(root, input)).size,
  }));
// Every input, for the test that keeps heavy modules out of `status`.
const inputs = Object.keys(result.metafile.inputs).map(posix);
writeFileSync(resolve(out, 'manifest.json'), `${JSON.stringify({ sources, inputs }, null, 1)}\n`);
process.stdout.write(`packages/cli: bundled the start of the command (${sources.length} dist modules)\n`);
