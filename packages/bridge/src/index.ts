/**
 * @voxbridge/bridge — the voxbridge pipelines: LiveVox interactions into Playvox QA, exactly once,
 * with a durable store, checkpoints, retries, dead letters and metrics.
 * @packageDocumentation
 */
export * from './apply/apply.js';
export * from './apply/plan.js';
export * from './config/load.js';
export * from './config/schema.js';
export * from './ids.js';
export * from './observability/logger.js';
export * from './observability/metrics.js';
export * from './observability/server.js';
export * from './pipeline.js';
export * from './runtime.js';
export * from './stages/assemble.js';
export * from './stages/deliver.js';
export * from './stages/map.js';
export * from './stages/ports.js';
export * from './stages/process.js';
export * from './stages/source.js';
export * from './store/letters.js';
export * from './store/sqlite.js';
export * from './store/types.js';
export * from './template.js';
export * from './wfm/index.js';
