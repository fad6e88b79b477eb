/** Several connections (tenants) in one process: see start.ts. */
export * from './start.js';
export * from './supervisor.js';
