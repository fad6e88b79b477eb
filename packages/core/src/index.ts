/**
 * @voxbridge/core — the HTTP core every voxbridge client is built on: undici transport, per-attempt
 * timeouts, one retry policy, per-credential rate limiting, circuit breaking per destination, proxies, typed errors, redaction and pagination.
 * @packageDocumentation
 */
export * from './circuit.js';
export * from './dispatchers.js';
export * from './errors.js';
export type { ResponseType } from './http-body.js';
export * from './http-client.js';
export * from './http-types.js';
export * from './listen.js';
export * from './pagination.js';
export * from './rate-limiter.js';
export * from './redact.js';
export * from './retry.js';
export * from './signals.js';
export { formEncode, queryString } from './url.js';
export * from './wire.js';
