/**
 * `@voxbridge/gladly/wire` — the Gladly API's wire contract: one set of zod schemas and operations that
 * the client infers its types from, the emulator validates requests with and generates its OpenAPI
 * document from. It depends on zod and `@voxbridge/core` only, so both sides can import it.
 * @packageDocumentation
 */
export * from './events.js';
export * from './examples.js';
export * from './exports.js';
export * from './operations.js';
export * from './problems.js';
export * from './reports.js';
export * from './resources.js';
export * from './vocabulary.js';
export * from './webhooks.js';
