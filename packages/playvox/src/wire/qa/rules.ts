/**
 * The documented Playvox QA rules as values: the limits and vocabularies both the client's checks and the
 * emulator's validation read, and that the contract's schemas are built from.
 */

/** Metadata field types (seed playvox-python-wrapper.txt, `add_metadata` `m_type`). */
export const METADATA_TYPES = ['string', 'integer', 'float', 'list', 'boolean', 'datetime'] as const;

/** Where a metadata field can be made available (`available_in`). */
export const METADATA_AVAILABILITY = ['filters', 'display'] as const;

/** Comment types Playvox accepts (`add_comment` `comment_type`). */
export const COMMENT_TYPES = ['customer_comment', 'agent_comment', 'internal_note'] as const;

/** Statuses of a bulk job. */
export const JOB_STATUSES = ['queued', 'processing', 'completed', 'failed'] as const;

/** A metadata `field_id`: 3–30 characters of `a-z` and `_`. */
export const FIELD_ID_PATTERN = /^[a-z_]{3,30}$/;

/** Names Playvox reserves: they cannot name a datetime metadata field (seed custom-integrations guide). */
export const RESERVED_DATETIME_FIELD_IDS: readonly string[] = ['created_at', 'updated_at'];

/** Largest `data_storage_minutes` (90 days). */
export const MAX_DATA_STORAGE_MINUTES = 129_600;

/** Longest external `interaction_id`. */
export const MAX_INTERACTION_ID_LENGTH = 68;

/** Most interactions one bulk request may carry. */
export const MAX_BULK_ITEMS = 100;

/** Largest file the files endpoint takes, and the largest attachment: 10 MB (HC-ATT), read as 10 MiB. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** Most attachments one comment may carry (the emulator's bound; Playvox publishes none). */
export const MAX_ATTACHMENTS = 20;

/** Largest `per_page`. */
export const MAX_PER_PAGE = 100;

/** The page size the server uses when `per_page` is not sent. */
export const SERVER_DEFAULT_PER_PAGE = 12;

/** A user `password`: at least 10 characters with a digit, an upper-case and a lower-case letter. */
export function isStrongPassword(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length >= 10 &&
    /\d/.test(value) &&
    /[A-Z]/.test(value) &&
    /[a-z]/.test(value)
  );
}

/** The value of the two ASCII digits at `at`, or -1. */
function twoDigits(text: string, at: number): number {
  const a = text.charCodeAt(at) - 48;
  const b = text.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** Days in a month (1-12) of a year, as `Date.UTC` counts them (years 0-99 are read as 1900-1999). */
function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  const y = year < 100 ? year + 1900 : year;
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
}

/**
 * True when `value` is an ISO 8601 date-time with a zone offset or `Z` and a real calendar time:
 * `2026-11-22T10:00:00Z`, `2026-11-22T12:00:00.123+02:00` or `+0200` (seconds and a fraction of 1-9
 * digits optional). Offsets up to `maxOffsetHours` (23 by default; the emulator, like real zones, stops
 * at 14). Read character by character: bulk checks call it for every date of every item.
 */
export function isZonedDateTime(value: unknown, maxOffsetHours = 23): value is string {
  if (typeof value !== 'string' || value.length < 17) return false;
  const century = twoDigits(value, 0);
  const yy = twoDigits(value, 2);
  const month = twoDigits(value, 5);
  const day = twoDigits(value, 8);
  const hour = twoDigits(value, 11);
  const minute = twoDigits(value, 14);
  if (century < 0 || yy < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23) return false;
  if (minute < 0 || minute > 59) return false;
  if (value[4] !== '-' || value[7] !== '-' || value[10] !== 'T' || value[13] !== ':') return false;
  if (day > daysInMonth(century * 100 + yy, month)) return false;
  let at = 16;
  if (value[at] === ':') {
    const second = twoDigits(value, at + 1);
    if (second < 0 || second > 59) return false;
    at += 3;
    if (value[at] === '.') {
      const from = ++at;
      while (at < value.length && at - from < 10 && value.charCodeAt(at) >= 48 && value.charCodeAt(at) <= 57)
        at++;
      if (at === from || at - from > 9) return false;
    }
  }
  if (value[at] === 'Z') return at + 1 === value.length;
  if (value[at] !== '+' && value[at] !== '-') return false;
  const offsetHours = twoDigits(value, at + 1);
  at += value[at + 3] === ':' ? 4 : 3;
  const offsetMinutes = twoDigits(value, at);
  return (
    at + 2 === value.length &&
    offsetHours >= 0 &&
    offsetHours <= maxOffsetHours &&
    offsetMinutes >= 0 &&
    offsetMinutes <= 59
  );
}

/** True for a calendar day `YYYY-MM-DD`. */
export function isDay(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && isZonedDateTime(`${value}T00:00Z`);
}

/** A username: 1–64 characters of letters, digits and `._@+-`. */
export const USERNAME_PATTERN = /^[A-Za-z0-9._@+-]{1,64}$/;

/** A plausible email address. */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A key carrying a user's id in another system: `integrations_<name>`. */
export const INTEGRATION_KEY_PATTERN = /^integrations_[a-z0-9_]+$/;
