import { z } from 'zod';

/**
 * Building blocks of the LiveVox wire contract: ids, times, the error body, request filters and
 * Context Data entries. Every schema describes what the seed documents show, quirks included (the same
 * id as a number in one answer and a string in the next).
 */

/** An id as LiveVox sends it: a JSON number in one answer, a string of digits in the next. */
export const liveVoxIdSchema = z
  .union([z.number(), z.string()])
  .describe('An id; LiveVox sends it as a number or as a string');

/**
 * A timestamp as LiveVox sends it: epoch milliseconds as a number or a string of digits, or an ISO-8601
 * string with an offset. Kept a plain string, not a checked date-time: the seeds show malformed times
 * (`2021-04-24T07:52:16-100-04:00`) and one bad time must not reject a whole answer.
 */
export const liveVoxTimeSchema = z
  .union([z.number(), z.string()])
  .describe('Epoch milliseconds (number or digit string) or an ISO-8601 date-time');

/** A count or a duration: a number, or a string of digits (`"3"`). */
export const liveVoxNumberSchema = z.union([z.number(), z.string()]);

/** LiveVox's error body: an application code (not always the HTTP status) and a message. */
export const liveVoxErrorSchema = z.object({
  code: z.number().int().describe('Application code; 202 with a 400 on the feeds: token older than 24 hours'),
  message: z.string(),
});

/** An id in a request filter: a non-negative integer, or a string of digits (the seeds use both). */
export const filterIdSchema = z.union([
  z.number().int().nonnegative(),
  z.string().regex(/^\s*\d+\s*$/, 'must be a numeric id'),
]);

/** A filter list of ids in wire form: `[{"id": "38049"}, {"id": 11363}]` (null reads as absent). */
export const idListSchema = z.array(z.object({ id: filterIdSchema }));

/** The filter of the service-level Real-Time methods: services, call centers, or both (an 'or'). */
export const serviceFilterSchema = z.object({
  service: idListSchema.nullable().optional(),
  callCenter: idListSchema.nullable().optional(),
});

/** The filter of Campaign Level Statistics: an exclusive 'or' (at most one kind; the emulator checks that). */
export const campaignFilterSchema = z.object({
  campaign: idListSchema.nullable().optional(),
  service: idListSchema.nullable().optional(),
  callCenter: idListSchema.nullable().optional(),
});

/** An interaction type of the feed filter (`EMAIL`; the API's own spelling varies, so case is ignored). */
export const interactionTypeSchema = z
  .string()
  .regex(/^\s*(voice|sms|email)\s*$/i, 'must be VOICE, SMS or EMAIL');

/** The filter of the Interaction Event feeds; every given kind must match. */
export const interactionFilterSchema = z.object({
  interactionType: z
    .array(z.object({ type: interactionTypeSchema }))
    .nullable()
    .optional(),
  callCenter: idListSchema.nullable().optional(),
  service: idListSchema.nullable().optional(),
});

/** A feed token: absent, null or empty to start a new feed. */
export const feedTokenSchema = z
  .string()
  .nullable()
  .optional()
  .describe('The token of the previous answer; absent or empty for the first request');

/** One key/value pair of Call Context Data. Keys are case-sensitive; the value is optional. */
export const contextEntrySchema = z.object({
  key: z.string().min(1),
  value: z.string().nullable().optional(),
});

/** The body of Read Context Data and Update Context Data: `{"entry": [{key, value}]}`. */
export const contextEntriesSchema = z.object({ entry: z.array(contextEntrySchema) });

/** An integer path or query value (`txId`, `transaction`, `client`). */
export const integerTextSchema = z.string().regex(/^\d+$/, 'must be an integer');

/** The error answers every operation may give. */
export function errorAnswers() {
  return {
    400: { description: 'Invalid request: the message names the field', schema: liveVoxErrorSchema },
    401: { description: 'Missing, invalid or expired session', schema: liveVoxErrorSchema },
    429: { description: 'Rate limit exceeded (when configured)', schema: liveVoxErrorSchema },
  };
}

/** The error answers of an operation that answers 404 when what it names does not exist. */
export function notFoundAnswers(description: string) {
  return { ...errorAnswers(), 404: { description, schema: liveVoxErrorSchema } };
}
