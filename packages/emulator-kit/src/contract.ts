import { type WireOperation, wireProblems } from '@voxbridge/core';
import { z } from 'zod';
import { type Handler, InvalidRequestError, type RouteContext, type Router } from './router.js';

/**
 * Emulators serve their API from the wire contract the client package exports: routes are registered
 * from operations (so the document cannot miss one), requests are validated with the operation's
 * schemas, and the OpenAPI document is generated from the same operations.
 */

/** How a router answers a request that fails an operation's schemas. */
export interface ValidationPolicy {
  /** The status to answer (Playvox says 422, LiveVox and Gladly 400). Default 400. */
  status?: number;
  /** Turns the problems (`field: rule; …`) into the message handed to the emulator's `errorBody`. */
  message?: (problems: string, part: 'params' | 'query' | 'body') => string;
}

/** Converts an OpenAPI path template (`/a/{id}`) to a router pattern (`/a/:id`). */
export function routePattern(template: string): string {
  return template.replace(/\{([^}]+)\}/g, ':$1');
}

/** Converts a router pattern (`/a/:id`) to an OpenAPI path template (`/a/{id}`). */
export function pathTemplate(pattern: string): string {
  return pattern.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/**
 * Registers a handler for a contract operation: the route comes from the operation's path, and the path
 * parameters, query and body are checked against its schemas before the handler runs. The body the
 * handler sees is the parsed (defaulted, coerced) value.
 */
export function serveOperation(
  router: Router,
  op: WireOperation,
  handler: Handler,
  policy: ValidationPolicy = {},
): Router {
  const status = policy.status ?? 400;
  const describe = policy.message ?? ((problems: string) => problems);
  const check = (schema: z.ZodType | undefined, value: unknown, part: 'params' | 'query' | 'body') => {
    if (!schema) return value;
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    throw new InvalidRequestError(status, describe(wireProblems(schema, value) ?? 'invalid', part));
  };
  // The answer to an empty query never changes: checked once (most requests have no query at all).
  let emptyQuery: { problem?: InvalidRequestError } | undefined;
  const checkQuery = (query: z.ZodType, ctx: RouteContext) => {
    if (ctx.query.size > 0) return void check(query, Object.fromEntries(ctx.query), 'query');
    if (!emptyQuery) {
      try {
        check(query, {}, 'query');
        emptyQuery = {};
      } catch (error) {
        if (!(error instanceof InvalidRequestError)) throw error;
        emptyQuery = { problem: error };
      }
    }
    if (emptyQuery.problem)
      throw new InvalidRequestError(emptyQuery.problem.status, emptyQuery.problem.message);
  };
  router.add(op.method, routePattern(op.path), (ctx) => {
    check(op.params, ctx.params, 'params');
    if (op.query) checkQuery(op.query, ctx);
    if (op.body) ctx.body = check(op.body, ctx.body, 'body');
    return handler(ctx);
  });
  router.operations.push(op);
  return router;
}

/** What the document says about the API as a whole. */
export interface OpenApiInfo {
  title: string;
  version: string;
  description?: string;
  /** Security schemes by name (`basicAuth: { type: 'http', scheme: 'basic' }`). */
  securitySchemes?: Record<string, unknown>;
  /** The default security requirement of every operation that is not `public`. */
  security?: Array<Record<string, string[]>>;
}

const toSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });

/** The OpenAPI 3.1 document of a set of operations. */
export function openApiDocument(
  info: OpenApiInfo,
  operations: Iterable<WireOperation>,
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const parameters: unknown[] = [];
    for (const [where, shape] of [
      ['path', op.params],
      ['query', op.query],
    ] as const) {
      if (!shape) continue;
      for (const [name, field] of Object.entries(shape.shape as Record<string, z.ZodType>)) {
        const schema = toSchema(field, 'input') as Record<string, unknown>;
        parameters.push({
          name,
          in: where,
          required: where === 'path' || !field.safeParse(undefined).success,
          ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
          schema,
        });
      }
    }
    const responses: Record<string, unknown> = {};
    for (const [code, answer] of Object.entries(op.responses)) {
      const examples = op.responseExamples?.[Number(code)];
      responses[code] = {
        description: answer.description,
        ...(answer.headers
          ? {
              headers: Object.fromEntries(
                Object.entries(answer.headers).map(([name, header]) => [
                  name,
                  { description: header.description, schema: toSchema(header.schema, 'output') },
                ]),
              ),
            }
          : {}),
        ...(answer.schema || examples
          ? {
              content: {
                [answer.contentType ?? 'application/json']: {
                  ...(answer.schema ? { schema: toSchema(answer.schema, 'output') } : {}),
                  ...(examples ? { examples } : {}),
                },
              },
            }
          : {}),
      };
    }
    const item = paths[op.path] ?? {};
    paths[op.path] = item;
    item[op.method.toLowerCase()] = {
      operationId: op.operationId,
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      ...(op.tags ? { tags: [...op.tags] } : {}),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(op.body
        ? {
            requestBody: {
              required: !op.body.safeParse(undefined).success,
              content: {
                [op.bodyContentType ?? 'application/json']: {
                  schema: toSchema(op.body, 'input'),
                  ...(op.requestExamples ? { examples: op.requestExamples } : {}),
                },
              },
            },
          }
        : {}),
      ...(op.public ? { security: [] } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: info.title,
      version: info.version,
      ...(info.description ? { description: info.description } : {}),
    },
    ...(info.security ? { security: info.security } : {}),
    ...(info.securitySchemes ? { components: { securitySchemes: info.securitySchemes } } : {}),
    paths,
  };
}

/** `METHOD /pattern` of every route that the document does not describe (a route the contract misses). */
export function undocumentedRoutes(router: Router, document: unknown): string[] {
  const paths = (document as { paths?: Record<string, Record<string, unknown>> }).paths ?? {};
  return router.routes
    .filter((route) => !paths[pathTemplate(route.pattern)]?.[route.method.toLowerCase()])
    .map((route) => `${route.method} ${route.pattern}`);
}

/**
 * Every example of the operations that fails its own schema, as `operationId example: problems`; empty
 * when all pass. A contract test asserts it is empty.
 */
export function invalidExamples(operations: Iterable<WireOperation>): string[] {
  const failures: string[] = [];
  for (const op of operations) {
    for (const [name, example] of Object.entries(op.requestExamples ?? {})) {
      const problems = op.body ? wireProblems(op.body, example.value) : 'the operation takes no body';
      if (problems) failures.push(`${op.operationId} request ${name}: ${problems}`);
    }
    for (const [code, examples] of Object.entries(op.responseExamples ?? {})) {
      const schema = op.responses[Number(code)]?.schema;
      for (const [name, example] of Object.entries(examples)) {
        const problems = schema ? wireProblems(schema, example.value) : `no schema for status ${code}`;
        if (problems) failures.push(`${op.operationId} ${code} ${name}: ${problems}`);
      }
    }
  }
  return failures;
}
