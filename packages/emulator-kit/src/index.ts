/**
 * @voxbridge/emulator-kit — what every voxbridge emulator shares: a small router, the `/_emulator/`
 * admin API (health, reset, faults, config, stats, openapi.json), per-credential rate limits, gzip,
 * fault injection, a controllable clock with a scheduler of simulated work and a seeded random source;
 * and, for tests, a fixture shared by the tests of a file.
 * @packageDocumentation
 */
export { ADMIN_OPERATIONS, withAdminPaths } from './admin.js';
export * from './clock.js';
export * from './contract.js';
export * from './faults.js';
export * from './http.js';
export * from './merge.js';
export * from './random.js';
export * from './rate-limit.js';
export * from './roster.js';
export * from './router.js';
export * from './scheduler.js';
export * from './server.js';
export * from './suite.js';
export * from './types.js';
