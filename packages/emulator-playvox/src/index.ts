/**
 * @voxbridge/emulator-playvox — a stateful emulator of the Playvox QA REST API v1 (integrations,
 * metadata, interactions, bulk jobs, comments, users, teams and seeded QA data), built on
 * @voxbridge/emulator-kit. The wire contract it follows is docs/playvox-wire.md.
 * @packageDocumentation
 */
export * from './config.js';
export * from './emulator.js';
export {
  errorCode,
  type FieldProblem,
  type PlayvoxErrorBody,
  type PlayvoxErrorDetail,
  playvoxErrorBody,
} from './errors.js';
export { BulkJobRunner } from './jobs.js';
export { buildPlayvoxOpenApi } from './openapi.js';
export { PlayvoxStore } from './store.js';
export type * from './types.js';
export * from './wfm/index.js';
