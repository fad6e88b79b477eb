import { z } from 'zod';

/**
 * The field rules of the WFM contract. Each rule's message is the `<rule>` half of the `<field>: <rule>`
 * errors that the client throws (as `ValidationError`) and the emulator answers, so both sides say the
 * same thing about the same value.
 */

/** An integration alias as used in the inbound paths and identifier maps: 1-64 characters of a-z, 0-9, `_` and `-`. */
export const WFM_INTEGRATION_ALIAS = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** The rule an integration alias breaks. */
export const ALIAS_RULE = 'must be 1-64 characters of a-z, 0-9, _ and - (starting with a letter or digit)';

/** An ISO 8601 date-time with a zone (`Z` or an offset). */
export const ZONED_DATE_TIME =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/;

/** The rule a date-time breaks. */
export const DATE_TIME_RULE = 'must be an ISO 8601 date-time with a zone (Z or an offset)';

/** `rule` for a wrong value, `is required` for a missing one. */
export const ruled = (rule: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : rule),
});

/** A string of 1 to `max` characters. */
export function text(max: number) {
  const rule = `must be a string of 1 to ${max} characters`;
  return z.string(ruled(rule)).min(1, rule).max(max, rule);
}

/** A string of 1 to `max` characters, or null. */
export function nullableText(max: number) {
  const rule = `must be a string of 1 to ${max} characters or null`;
  return z.string(ruled(rule)).min(1, rule).max(max, rule).nullable();
}

/** A boolean. */
export const flag = () => z.boolean(ruled('must be a boolean'));

/** A finite number >= 0, or null. */
export function nonNegativeOrNull() {
  const rule = 'must be a number >= 0 or null';
  return z.number(ruled(rule)).min(0, rule).nullable();
}

/** An ISO 8601 date-time with a zone; the value stays a string. */
export function zonedDateTime() {
  return z
    .string(ruled(DATE_TIME_RULE))
    .regex(ZONED_DATE_TIME, DATE_TIME_RULE)
    .refine((value) => !Number.isNaN(Date.parse(value)), DATE_TIME_RULE)
    .describe('ISO 8601 date-time with a zone (Z or an offset)');
}

/** A date-time as the read answers carry it (ISO 8601). */
export const isoTime = () => z.string().describe('ISO 8601 date-time');

/** An integration alias (the key of an identifier map, the `{integration}` path parameter). */
export const integrationAlias = () =>
  z.string(ruled(ALIAS_RULE)).regex(WFM_INTEGRATION_ALIAS, ALIAS_RULE).describe('Integration alias');

/**
 * The anchored regular expression of an Integration Identifier: `^(?:source)$`, so `LOGGED_IN` does not
 * match `NOT_LOGGED_IN` and an alternation such as `Break|Lunch` applies to the whole value.
 */
export function identifierRegExp(source: string, caseInsensitive = false): RegExp {
  return new RegExp(`^(?:${source})$`, caseInsensitive ? 'i' : '');
}

const IDENTIFIERS_RULE = 'must be an object of integration alias → regular expression';
const SOURCE_RULE = 'must be a regular expression of 1 to 1000 characters';

/**
 * Integration alias → regular expression, matched by Playvox against the whole incoming value: a status
 * string for task definitions, a workstream value for workstreams (the seed's "Integration Identifier
 * (Regular Expression Matching)"). Every source must compile.
 */
export const integrationIdentifiers = z
  .record(
    z.string().regex(WFM_INTEGRATION_ALIAS),
    z
      .string(ruled(SOURCE_RULE))
      .min(1, SOURCE_RULE)
      .max(1000, SOURCE_RULE)
      .superRefine((source, ctx) => {
        try {
          identifierRegExp(source);
        } catch (error) {
          ctx.addIssue({
            code: 'custom',
            message: `invalid regular expression (${(error as Error).message})`,
          });
        }
      }),
    {
      error: (issue) => (issue.code === 'invalid_key' ? `integration alias ${ALIAS_RULE}` : IDENTIFIERS_RULE),
    },
  )
  .describe(
    'Integration alias (gladly, livevox, …) → regular expression, matched against the whole incoming value (^(?:re)$).',
  );

/**
 * An id another system gave (an event, a contact, a conversation, a user there): a string of 1 to 200
 * characters, or a number (LiveVox ids are numeric), compared as its decimal string.
 */
export function externalId() {
  const rule = 'must be a string of 1 to 200 characters or a number';
  return z.union([z.string().min(1, rule).max(200, rule), z.number(ruled(rule))], ruled(rule));
}

/** A zod issue path as a field name: `['events', 1, 'timestamp']` → `events[1].timestamp`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`))
    .join('');
}

/** What {@link checkValue} found: the parsed value, or the first rule it breaks. */
export type WfmCheck<T> = { ok: true; data: T } | { ok: false; field: string; rule: string };

/**
 * Parses a value with a schema; on failure names the first broken rule as a field (relative to the
 * value, '' for the value itself) and the rule.
 */
export function checkValue<T extends z.ZodType>(schema: T, value: unknown): WfmCheck<z.output<T>> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, data: result.data };
  const issue = result.error.issues[0]!;
  return { ok: false, field: fieldPath(issue.path), rule: issue.message };
}

/** `{ data }`, the envelope of every WFM answer. */
export const data = <T extends z.ZodType>(schema: T) => z.object({ data: schema });

/** A page of a WFM list: `data[]`, plus `nextPageToken` when a further page exists. */
export const page = <T extends z.ZodType>(item: T) =>
  z.object({
    data: z.array(item),
    nextPageToken: z.string().optional().describe('Pass back as the nextPageToken query parameter.'),
  });

/** The error body of the emulator (Playvox WFM's own is not public: a documented assumption). */
export const wfmErrorBody = z.object({
  error: z.object({
    status: z.number().int(),
    code: z.string(),
    message: z.string().describe('`<field>: <rule>` for a broken field'),
    field: z.string().optional(),
  }),
});

/** Error answers by status, for an operation's `responses`. */
export function errors(...statuses: number[]) {
  const meaning: Record<number, string> = {
    400: 'A malformed request (query, path or batch shape).',
    401: 'Missing, unknown or expired credentials.',
    404: 'No such record.',
    409: 'The name is taken.',
    422: 'A field broke a rule (`error.field` names it).',
    429: 'Rate limited.',
  };
  return Object.fromEntries(
    statuses.map((status) => [status, { description: meaning[status] ?? 'Error.', schema: wfmErrorBody }]),
  ) as Record<number, { description: string; schema: typeof wfmErrorBody }>;
}
