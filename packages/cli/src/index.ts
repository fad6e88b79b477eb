/**
 * @voxbridge/cli — the `voxbridge` command: demo, run, apply, status, dlq, emulate, bench.
 * @packageDocumentation
 */

export type { BenchContext, BenchResult, BenchSection } from './bench/types.js';
export { readWfmDemoSummary, type WfmDemoSummary } from './demo/wfm-summary.js';
export { buildProgram } from './program.js';
