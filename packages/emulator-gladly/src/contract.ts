import type { WireOperation } from '@voxbridge/core';
import {
  type Handler,
  type OpenApiInfo,
  openApiDocument,
  type RouteContext,
  type Router,
  serveOperation,
} from '@voxbridge/emulator-kit';
import { GLADLY_OPERATIONS, gladlyErrorsOf } from '@voxbridge/gladly/wire';
import { GLADLY_ADMIN_OPERATIONS } from './admin.js';
import { gladlyError } from './errors.js';

/** The query as an object: a repeated parameter (`entities=A&entities=B`) becomes a list. */
function queryObject(query: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(query.keys())) {
    const values = query.getAll(key);
    out[key] = values.length === 1 ? (values[0] as string) : values;
  }
  return out;
}

/**
 * Serves a Gladly operation of the contract (`@voxbridge/gladly/wire`). Gladly names every field at
 * fault (`{ attr, code, detail }` per problem) where the kit's check answers a single message, so the
 * operation's own schemas are checked first here, in Gladly's words; the kit's check then passes and
 * hands the handler the parsed body. `prepare` may normalise the request before either check.
 */
export function serveGladly(
  router: Router,
  op: WireOperation,
  handler: Handler,
  prepare?: (ctx: RouteContext) => void,
): void {
  serveOperation(router, op, handler);
  const route = router.routes.at(-1)!;
  const checked = route.handler;
  route.handler = (ctx) => {
    prepare?.(ctx);
    for (const [schema, value] of [
      [op.query, op.query ? queryObject(ctx.query) : undefined],
      [op.body, ctx.body],
    ] as const) {
      const problems = schema ? gladlyErrorsOf(schema, value) : undefined;
      if (problems) throw gladlyError(400, problems);
    }
    return checked(ctx);
  };
}

/**
 * Serves an emulator admin operation (documented under `/_emulator/…`) on the admin router, which the
 * kit mounts under `/_emulator`: the route drops that prefix, the document keeps it.
 */
export function serveAdmin(router: Router, op: WireOperation, handler: Handler): void {
  const local = { ...op, path: op.path.replace(/^\/_emulator/, '') };
  serveOperation(router, local, handler, {
    // The kit names the whole body `(root)`; the emulator's messages have always said `body`.
    message: (problems) => problems.replaceAll('(root):', 'body:'),
  });
  router.operations[router.operations.length - 1] = op;
}

const INFO: OpenApiInfo = {
  title: 'Gladly API (voxbridge emulator)',
  version: '1.0',
  description:
    'The parts of the Gladly REST API voxbridge uses, generated from the wire contract of @voxbridge/gladly, over a simulated organisation; plus the emulator admin API under /_emulator/.',
  securitySchemes: {
    basicAuth: { type: 'http', scheme: 'basic', description: 'agent email : API token' },
  },
  security: [{ basicAuth: [] }],
};

/** The emulator's OpenAPI document, generated from the operations its routers serve. */
export function gladlyDocument(api: Router, admin: Router): Record<string, unknown> {
  return openApiDocument(INFO, [...api.operations, ...admin.operations]);
}

/**
 * The OpenAPI 3.1 document of what the Gladly emulator serves (`GET /_emulator/openapi.json`, where the
 * kit adds its shared admin paths), generated from the Gladly contract and the emulator's admin operations.
 */
export function gladlyOpenApi(): Record<string, unknown> {
  return openApiDocument(INFO, [...GLADLY_OPERATIONS, ...GLADLY_ADMIN_OPERATIONS]);
}
