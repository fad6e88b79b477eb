import { FieldError } from './errors.js';

/** A JSON object, or a 422 naming `field`. */
export function asObject(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new FieldError(field, 'must be a JSON object');
  return value as Record<string, unknown>;
}

/** A string of `min`..`max` characters; undefined when absent and not required. */
export function readString(
  obj: Record<string, unknown>,
  key: string,
  prefix: string,
  rule: { required?: boolean; min?: number; max?: number } = {},
): string | undefined {
  const value = obj[key];
  const field = `${prefix}${key}`;
  if (value === undefined || value === null) {
    if (rule.required) throw new FieldError(field, 'is required');
    return undefined;
  }
  const min = rule.min ?? 1;
  const max = rule.max ?? 500;
  if (typeof value !== 'string' || value.length < min || value.length > max)
    throw new FieldError(field, `must be a string of ${min} to ${max} characters`);
  return value;
}

/** A boolean; undefined when absent. */
export function readBoolean(obj: Record<string, unknown>, key: string, prefix: string): boolean | undefined {
  const value = obj[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw new FieldError(`${prefix}${key}`, 'must be a boolean');
  return value;
}

/** A finite number >= 0 (or null); undefined when absent. */
export function readNonNegative(
  obj: Record<string, unknown>,
  key: string,
  prefix: string,
): number | null | undefined {
  const value = obj[key];
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    throw new FieldError(`${prefix}${key}`, 'must be a number >= 0');
  return value;
}

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/;

/** An ISO 8601 date-time with a zone (`Z` or an offset) as epoch ms; undefined when absent and not required. */
export function readTimestamp(
  obj: Record<string, unknown>,
  key: string,
  prefix: string,
  required: boolean,
): number | undefined {
  const value = obj[key];
  const field = `${prefix}${key}`;
  if (value === undefined || value === null) {
    if (required) throw new FieldError(field, 'is required');
    return undefined;
  }
  const ms = typeof value === 'string' && ISO_WITH_ZONE.test(value) ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms))
    throw new FieldError(field, 'must be an ISO 8601 date-time with a zone (Z or an offset)');
  return ms;
}

/** Parses a query parameter as an ISO date-time with a zone; a FieldError names the parameter. */
export function parseQueryTime(value: string | null, name: string, required: boolean): number | undefined {
  return readTimestamp({ [name]: value ?? undefined }, name, '', required);
}

/** An integration alias as used in paths and identifier maps: 1-64 characters of a-z, 0-9, `_`, `-`. */
export const INTEGRATION_ALIAS = /^[a-z0-9][a-z0-9_-]{0,63}$/;
