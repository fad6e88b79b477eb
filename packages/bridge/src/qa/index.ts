/**
 * The QA pipeline: LiveVox interactions (Interaction Event Feed) → durable store → assemble → enrich →
 * map → Playvox QA bulk, exactly once. `startQaBridge` runs it; the parts are exported for tests and tools.
 * @packageDocumentation
 */
export * from './ids.js';
export * from './pipeline.js';
export * from './ports.js';
export * from './sinks/playvox-qa.js';
export * from './stages/assemble.js';
export * from './stages/deliver.js';
export * from './stages/late-update.js';
export * from './stages/map.js';
export * from './stages/process.js';
export * from './stages/template.js';
export * from './start.js';
