/**
 * @voxbridge/cli — the `voxbridge` command: demo, run, apply, status, dlq, emulate, bench.
 * @packageDocumentation
 */
export { buildProgram } from './program.js';
export type { BenchContext, BenchResult, BenchSection } from './bench/types.js';
