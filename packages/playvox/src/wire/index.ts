/**
 * `@voxbridge/playvox/wire` — the wire contracts of Playvox QA (`qa`) and Playvox WFM (`wfm`): zod schemas
 * and operations that the clients infer their types from and the emulators serve and document.
 * @packageDocumentation
 */
export * as qa from './qa/index.js';
export * as wfm from './wfm/index.js';
