/**
 * The documented Playvox rules, checked before a request is sent. Each check throws core's
 * `ValidationError(field, rule)`, whose message names the field and the rule but never the value (a
 * value may be a password).
 */
import { ValidationError } from '@voxbridge/core';
import type { CommentType, MetadataAvailability, MetadataType } from './types.js';
import {
  COMMENT_TYPES,
  FIELD_ID_PATTERN,
  isDay,
  isStrongPassword,
  isZonedDateTime,
  MAX_DATA_STORAGE_MINUTES,
  MAX_INTERACTION_ID_LENGTH,
  METADATA_AVAILABILITY,
  METADATA_TYPES,
  RESERVED_DATETIME_FIELD_IDS,
} from './wire/qa/rules.js';

/** Strings that start like a date-time; these must then carry a zone to be sent. */
const DATETIME_LIKE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** Throws unless `value` is a non-empty string. */
export function requireText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw new ValidationError(field, 'must be a non-empty string');
  return value;
}

/** Throws unless `value` is a usable Playvox id (non-empty, not a path step such as `..`). */
export function requireId(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '' || value === '.' || value === '..') {
    throw new ValidationError(field, 'must be a non-empty id string');
  }
  return value;
}

/** Throws unless `value` is a list of accepted metadata values: non-empty strings or finite numbers. */
export function requireAllowedList(value: unknown, field: string): Array<string | number> {
  if (!Array.isArray(value)) throw new ValidationError(field, 'must be an array of strings or numbers');
  for (const [index, item] of value.entries()) {
    const ok =
      (typeof item === 'string' && item !== '') || (typeof item === 'number' && Number.isFinite(item));
    if (!ok) throw new ValidationError(`${field}[${index}]`, 'must be a non-empty string or a finite number');
  }
  return [...value];
}

/** Throws unless `value` is a list of non-empty strings. */
export function requireTextList(
  value: unknown,
  field: string,
  options: { nonEmpty?: boolean } = {},
): string[] {
  if (!Array.isArray(value)) throw new ValidationError(field, 'must be an array of strings');
  if (options.nonEmpty && value.length === 0)
    throw new ValidationError(field, 'must contain at least one entry');
  for (const [index, item] of value.entries()) requireText(item, `${field}[${index}]`);
  return [...value];
}

/** Throws unless `value` is a metadata `field_id` (3–30 characters of `a-z` and `_`). */
export function assertFieldId(value: unknown, field = 'fieldId'): string {
  if (typeof value !== 'string' || !FIELD_ID_PATTERN.test(value)) {
    throw new ValidationError(field, 'must be 3-30 characters of a-z and _');
  }
  return value;
}

/** Throws unless `value` is one of the metadata types. */
export function assertMetadataType(value: unknown, field = 'type'): MetadataType {
  if (!(METADATA_TYPES as readonly unknown[]).includes(value))
    throw new ValidationError(field, `must be one of ${METADATA_TYPES.join(', ')}`);
  return value as MetadataType;
}

/** Throws unless `value` is a list drawn from `filters` and `display`. */
export function assertAvailability(value: unknown, field = 'availableIn'): MetadataAvailability[] {
  if (
    !Array.isArray(value) ||
    value.some((item) => !(METADATA_AVAILABILITY as readonly unknown[]).includes(item))
  ) {
    throw new ValidationError(field, 'must be a list drawn from filters, display');
  }
  return [...value];
}

/** Throws when a datetime field would take one of the reserved names `created_at`, `updated_at`. */
export function assertNotReservedDatetime(
  fieldId: string,
  type: MetadataType | undefined,
  field = 'fieldId',
): void {
  if (type === 'datetime' && RESERVED_DATETIME_FIELD_IDS.includes(fieldId)) {
    throw new ValidationError(
      field,
      'created_at and updated_at are reserved by Playvox and cannot name a datetime field',
    );
  }
}

/** Throws unless `value` is an integer number of minutes in 1..129600. */
export function assertDataStorageMinutes(value: unknown, field = 'dataStorageMinutes'): number {
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < 1 ||
    value > MAX_DATA_STORAGE_MINUTES
  ) {
    throw new ValidationError(field, `must be an integer from 1 to ${MAX_DATA_STORAGE_MINUTES} (90 days)`);
  }
  return value;
}

/** Throws unless `value` is an external interaction id of 1..68 characters. */
export function assertInteractionId(value: unknown, field = 'interactionId'): string {
  if (typeof value !== 'string' || value.length < 1 || value.length > MAX_INTERACTION_ID_LENGTH) {
    throw new ValidationError(field, `must be a string of 1 to ${MAX_INTERACTION_ID_LENGTH} characters`);
  }
  return value;
}

/** Throws unless `value` is a comment type. */
export function assertCommentType(value: unknown, field = 'type'): CommentType {
  if (!(COMMENT_TYPES as readonly unknown[]).includes(value))
    throw new ValidationError(field, `must be one of ${COMMENT_TYPES.join(', ')}`);
  return value as CommentType;
}

/**
 * Throws unless `value` is an acceptable password: at least 10 characters with a digit, an upper-case
 * and a lower-case letter. The message never contains the password.
 */
export function assertPassword(value: unknown, field = 'password'): string {
  if (!isStrongPassword(value))
    throw new ValidationError(
      field,
      'must be at least 10 characters with a digit, an upper-case and a lower-case letter',
    );
  return value;
}

/** Throws unless `value` is an integer in `min..max`. */
export function assertIntegerInRange(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ValidationError(
      field,
      max === Number.MAX_SAFE_INTEGER
        ? `must be an integer of at least ${min}`
        : `must be an integer from ${min} to ${max}`,
    );
  }
  return value;
}

/** True when a string starts like a date-time (`YYYY-MM-DDTHH:MM`), so it must carry a zone. */
export function looksLikeDateTime(value: string): boolean {
  return DATETIME_LIKE.test(value);
}

/**
 * A date-time as Playvox takes it: a `Date` becomes `toISOString()` (UTC, `Z`); a string must already
 * be ISO 8601 with a zone offset or `Z` and is sent unchanged (its offset kept).
 */
export function toPlayvoxDateTime(value: Date | string, field: string): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new ValidationError(field, 'must be a valid Date');
    const iso = value.toISOString();
    // Years outside 0000..9999 print as +YYYYYY, which is not ISO 8601's basic form.
    if (!isZonedDateTime(iso))
      throw new ValidationError(field, 'must be a Date between the years 0000 and 9999');
    return iso;
  }
  if (typeof value !== 'string' || !isZonedDateTime(value)) {
    throw new ValidationError(
      field,
      'must be a Date or an ISO 8601 date-time with a zone offset or Z (e.g. 2026-11-22T10:00:00.000Z)',
    );
  }
  return value;
}

/** Throws unless `value` is a calendar day `YYYY-MM-DD`. */
export function assertDay(value: unknown, field: string): string {
  if (!isDay(value)) throw new ValidationError(field, 'must be a day in the form YYYY-MM-DD');
  return value;
}

/**
 * Re-throws a {@link ValidationError} with `prefix` in front of its field (`items[3].` + `interactionId`),
 * so a failure inside a batch names the item.
 */
export function withFieldPrefix<T>(prefix: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof ValidationError) throw new ValidationError(`${prefix}${error.field}`, error.rule);
    throw error;
  }
}
