import type { z } from 'zod';
import type { GladlyErrorDetailSchema } from './resources.js';

type Detail = z.infer<typeof GladlyErrorDetailSchema> & { detail: string };

/** `events[1]`, `credentials.realm`, `headers.X-Token`: Gladly's way of naming a nested field. */
function attrOf(path: readonly PropertyKey[]): string | undefined {
  let attr = '';
  for (const key of path) attr += typeof key === 'number' ? `[${key}]` : `${attr ? '.' : ''}${String(key)}`;
  return attr || undefined;
}

/** The value at a path of the request, to tell a missing field from a wrong one. */
function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let at = value;
  for (const key of path)
    at = at !== null && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[key] : undefined;
  return at;
}

/** Gladly's error code for a zod issue: `blank` for a missing value, `too_long`, else `invalid`. */
function codeOf(issue: z.core.$ZodIssue, input: unknown): string {
  const missing = issue.path.length > 0 && input == null;
  if ((issue.code === 'invalid_type' || issue.code === 'invalid_union') && missing) return 'blank';
  if (issue.code === 'too_small' && issue.minimum === 1 && issue.origin === 'string') return 'blank';
  if (issue.code === 'too_big' && issue.origin === 'string') return 'too_long';
  return 'invalid';
}

/**
 * Checks a value against a contract schema and answers as Gladly does: one `{ attr, code, detail }`
 * entry per problem, in field order; undefined when the value passes.
 */
export function gladlyErrorsOf(schema: z.ZodType, value: unknown): Detail[] | undefined {
  const result = schema.safeParse(value);
  if (result.success) return undefined;
  return result.error.issues.map((issue) => {
    const attr = attrOf(issue.path);
    const nested = issue.code === 'invalid_key' ? issue.issues[0]?.message : undefined;
    const detail = nested ? `${String(issue.path.at(-1))} ${nested}` : issue.message;
    return { ...(attr ? { attr } : {}), code: codeOf(issue, valueAt(value, issue.path)), detail };
  });
}
