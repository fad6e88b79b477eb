/**
 * @voxbridge/emulator-playvox — a stateful emulator of the Playvox QA REST API v1 (integrations,
 * metadata, interactions, bulk jobs, comments, users, teams and seeded QA data), built on
 * @voxbridge/emulator-kit. It serves, validates with and documents the wire contract of
 * `@voxbridge/playvox/wire` (`qa`), which docs/playvox-wire.md explains.
 * @packageDocumentation
 */
export * from './config.js';
export { buildPlayvoxOpenApi, PLAYVOX_OPENAPI_INFO } from './document.js';
export * from './emulator.js';
export {
  errorCode,
  type FieldProblem,
  type PlayvoxErrorBody,
  type PlayvoxErrorDetail,
  playvoxErrorBody,
} from './errors.js';
export { FileStore, type StoredFile } from './file-store.js';
export { BulkJobRunner } from './jobs.js';
export { EICAR_SIGNATURE, FILE_DOWNLOAD_ROUTE } from './routes/index.js';
export { PlayvoxStore } from './store.js';
export { type PlayvoxTruth, playvoxTruth, TRUTH_OPERATION } from './truth.js';
export type * from './types.js';
export * from './wfm/index.js';
