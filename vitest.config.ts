import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const packagesDir = fileURLToPath(new URL('./packages/', import.meta.url));

// Tests import workspace packages by name. The alias points them at the TypeScript sources, so a test
// always sees the current code without a rebuild; tests that spawn the CLI use dist/, which `npm test`
// builds first.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@voxbridge\/([a-z-]+)$/, replacement: `${packagesDir}$1/src/index.ts` },
      // The wire contracts: `@voxbridge/playvox/wire` is packages/playvox/src/wire/index.ts.
      { find: /^@voxbridge\/([a-z-]+)\/wire$/, replacement: `${packagesDir}$1/src/wire/index.ts` },
      // The lean entry points the CLI's quick commands load (each package.json "exports" names them too).
      { find: /^@voxbridge\/bridge\/state$/, replacement: `${packagesDir}bridge/src/state.ts` },
      {
        find: /^@voxbridge\/gladly\/vocabulary$/,
        replacement: `${packagesDir}gladly/src/wire/vocabulary.ts`,
      },
      { find: /^@voxbridge\/playvox\/presets$/, replacement: `${packagesDir}playvox/src/wfm/presets.ts` },
    ],
  },
  test: {
    include: ['packages/*/test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
