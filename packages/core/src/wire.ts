import type { z } from 'zod';

/**
 * The wire-contract vocabulary every API package speaks. A client package exports its API's operations
 * (under its `wire` entry point); the client infers its types from them, the emulator validates requests
 * with them and generates its OpenAPI document from them. One description of each API, read by both sides.
 */

/** An HTTP method an operation uses. */
export type WireMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One possible answer of an operation. */
export interface WireResponse {
  /** What the answer means, for the generated document. */
  description: string;
  /** The body's schema; absent for an answer without a body (204) or one that is not JSON and has no schema. */
  schema?: z.ZodType;
  /** The body's media type. Default `application/json`. */
  contentType?: string;
  /** Answer headers worth documenting (`Retry-After`). */
  headers?: Record<string, { description: string; schema: z.ZodType }>;
}

/** A named example, as OpenAPI's `examples` map holds it. */
export interface WireExample {
  /** Where the example comes from (`seed: livevox-realtime-reporting-api.txt`). */
  summary: string;
  value: unknown;
}

/** One operation of an API: what is sent, what comes back, and examples of both. */
export interface WireOperation {
  /** Unique within its API (`createInteraction`). */
  operationId: string;
  method: WireMethod;
  /** OpenAPI path template: `/api/v1/integrations/{integrationId}`. */
  path: string;
  summary: string;
  description?: string;
  /** Groups operations in the generated document. */
  tags?: readonly string[];
  /** Path parameters, one key per `{name}` of the template. */
  params?: z.ZodObject;
  /** Query parameters (values arrive as strings: use `z.coerce` for numbers). */
  query?: z.ZodObject;
  /** The request body. */
  body?: z.ZodType;
  /** The request body's media type. Default `application/json`. */
  bodyContentType?: string;
  /** Answers by status code. */
  responses: Record<number, WireResponse>;
  /** Example request bodies; each must pass {@link WireOperation.body}. */
  requestExamples?: Record<string, WireExample>;
  /** Example answers by status; each must pass that status's schema. */
  responseExamples?: Record<number, Record<string, WireExample>>;
  /** True for an operation that needs no credentials (a login). */
  public?: boolean;
}

/** Declares an operation, keeping its literal types for inference. */
export function operation<const T extends WireOperation>(op: T): T {
  return op;
}

/** The request body type of an operation. */
export type WireRequestBody<T extends WireOperation> = T['body'] extends z.ZodType
  ? z.input<T['body']>
  : never;

/** The parsed answer type of an operation for a status (200 by default). */
export type WireAnswer<
  T extends WireOperation,
  S extends keyof T['responses'] = 200,
> = T['responses'][S] extends { schema: infer Z extends z.ZodType } ? z.output<Z> : never;

/**
 * Checks a value against a schema and describes every problem as `path: message`, or returns undefined
 * when it passes. Used by emulators for requests and by tests for answers and examples.
 */
export function wireProblems(schema: z.ZodType, value: unknown): string | undefined {
  const result = schema.safeParse(value);
  if (result.success) return undefined;
  return result.error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}
