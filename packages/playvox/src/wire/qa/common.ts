/**
 * Building blocks of the Playvox QA contract: ids, time stamps, the list query parameters, the answer
 * envelopes and the error body (docs/playvox-wire.md, "Envelopes" and "List parameters").
 */
import type { WireResponse } from '@voxbridge/core';
import { z } from 'zod';
import { isZonedDateTime, MAX_PER_PAGE, SERVER_DEFAULT_PER_PAGE } from './rules.js';

/** A Playvox id: 24 lower-case hex characters (Mongo-style `_id`). */
export const objectId = z
  .string()
  .regex(/^[0-9a-f]{24}$/)
  .describe('24-character hex id');

/** An ISO 8601 date-time with a zone offset or `Z`. */
export const zonedDateTime = z
  .string()
  .refine((value) => isZonedDateTime(value), 'must be an ISO 8601 date-time with a zone offset or Z')
  .describe('ISO 8601 date-time with a zone offset or Z');

/** `created_at` / `updated_at`, which stored records carry. */
export const stamps = {
  created_at: z.string().optional(),
  updated_at: z.string().optional(),
};

/** A path parameter naming a record. */
export const pathId = (description: string) => z.string().min(1).describe(description);

/** An integer query parameter; empty values are ignored, as the server does. */
const queryInteger = (description: string) =>
  z
    .union([z.literal(''), z.string().regex(/^\s*\d+\s*$/, 'must be an integer')])
    .optional()
    .describe(description);

/** The query parameters every collection GET accepts (seed playvox-python-wrapper.txt, every `get`). */
export const listQuery = z.object({
  page: queryInteger('page number for data pagination (1-based, default 1)'),
  per_page: queryInteger(
    `number of resources per page for data pagination (1..${MAX_PER_PAGE}, default ${SERVER_DEFAULT_PER_PAGE})`,
  ),
  query: z.string().optional().describe('JSON specifying resource filters'),
  fields: z.string().optional().describe('comma separated list of fields to be returned from the resource'),
  sort: z
    .string()
    .optional()
    .describe('comma separated list of sort attributes; + prefix ascending, - prefix descending'),
  include: z
    .enum(['', 'all'])
    .optional()
    .describe("use include='all' to include all related objects information"),
});

/** `{ success: true }`, the answer of a write without a new id. */
export const success = z.object({ success: z.literal(true) });

/** `{ success: true, result }` with one object. */
export const oneResult = <T extends z.ZodType>(result: T) => z.object({ success: z.literal(true), result });

/** A list answer: `{ success, result, page, per_page, next_page, total }`. */
export const listEnvelope = <T extends z.ZodType>(item: T) =>
  z.object({
    success: z.literal(true),
    result: z.array(item),
    page: z.number().int().min(1),
    per_page: z.number().int().min(1),
    next_page: z.boolean().describe('true when page+1 has items'),
    total: z.number().int().min(0),
  });

/** The answer of `POST integrations` and `POST integrations/{id}/interactions`: the new id at the top. */
export const createdTopLevel = z.object({ success: z.literal(true), _id: objectId });

/** The answer of `POST teams`, `POST users`, `POST interactions/{id}/comments`: the new id in `result`. */
export const createdInResult = oneResult(z.object({ _id: objectId }));

/** One broken rule: the field and `<field>: <rule>`. */
export const fieldProblem = z.object({ field: z.string(), message: z.string() });

/** The body of every error answer. */
export const errorBody = z.object({
  success: z.literal(false),
  error: z.object({
    code: z.string().describe('validation_error, not_found, unauthorized, conflict, bad_request, …'),
    message: z.string().describe('`<field>: <rule>` when a field is at fault'),
    field: z.string().optional(),
  }),
  errors: z.array(fieldProblem),
});

const ERROR_MEANING: Record<number, string> = {
  400: 'malformed JSON, a bad list parameter or too many bulk items',
  401: 'missing or invalid HTTP Basic credentials',
  404: 'unknown id (the field names the path parameter)',
  409: 'duplicate unique name',
  422: 'a value breaks a rule; the message is `<field>: <rule>`',
  429: 'rate limit exceeded',
};

const RATE_HEADERS = {
  'Retry-After': { description: 'seconds to wait', schema: z.number().int() },
  'X-RateLimit-Remaining': { description: 'requests left in the window', schema: z.number().int() },
  'X-RateLimit-Reset': { description: 'epoch seconds', schema: z.number().int() },
};

/** The error answers of an operation: 401 and 429 always, plus the given statuses. */
export function errors(...statuses: number[]): Record<number, WireResponse> {
  return Object.fromEntries(
    [401, 429, ...statuses].map((status) => [
      status,
      {
        description: ERROR_MEANING[status] ?? 'error',
        schema: errorBody,
        ...(status === 429 ? { headers: RATE_HEADERS } : {}),
      },
    ]),
  );
}

/** A 200 answer with a schema. */
export const answer = (description: string, schema: z.ZodType): WireResponse => ({ description, schema });
