/**
 * The emulator's OpenAPI document (`GET /_emulator/openapi.json`), generated from the Playvox QA wire
 * contract: the operations the routes serve, plus the emulator's own admin route (`truth`).
 */
import type { WireOperation } from '@voxbridge/core';
import { type OpenApiInfo, openApiDocument } from '@voxbridge/emulator-kit';
import { qa } from '@voxbridge/playvox/wire';
import { TRUTH_OPERATION } from './truth.js';

/** What the document says about the API as a whole. */
export const PLAYVOX_OPENAPI_INFO: OpenApiInfo = {
  title: 'Playvox QA API v1 (voxbridge emulator)',
  version: '1.0.0',
  description:
    'Generated from the wire contract of @voxbridge/playvox/wire (qa), which the client and this emulator share; docs/playvox-wire.md explains it. Auth: HTTP Basic uid:key on every API route.',
  securitySchemes: {
    basicAuth: { type: 'http', scheme: 'basic', description: 'uid as user, API key as password' },
  },
  security: [{ basicAuth: [] }],
};

/**
 * The OpenAPI 3.1 document of the given operations; by default every operation of the contract and the
 * `truth` admin route, which is what the emulator serves.
 */
export function buildPlayvoxOpenApi(
  operations: Iterable<WireOperation> = [...qa.OPERATIONS, TRUTH_OPERATION],
): Record<string, unknown> {
  return {
    ...openApiDocument(PLAYVOX_OPENAPI_INFO, operations),
    servers: [{ url: 'http://127.0.0.1:4010' }],
  };
}
