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

/**
 * An ISO 8601 date-time with an explicit zone: `2026-11-22T10:00:00Z`, `2026-11-22T12:00:00.123+02:00`
 * or `+0200`. Seconds and fractions are optional.
 */
const ZONED_DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|([+-])(\d{2}):?(\d{2}))$/;

/**
 * True when `value` is an ISO 8601 date-time with a zone offset or `Z` and a real calendar time. Offsets
 * up to `maxOffsetHours` (23 by default; the emulator, like real zones, stops at 14).
 */
export function isZonedDateTime(value: unknown, maxOffsetHours = 23): value is string {
  if (typeof value !== 'string') return false;
  const match = ZONED_DATETIME.exec(value);
  if (!match) return false;
  const [, year, month, day, hour, minute, second = '0', , , offsetHours = '0', offsetMinutes = '0'] = match;
  const m = Number(month);
  const lastDay = new Date(Date.UTC(Number(year), m, 0)).getUTCDate();
  return (
    m >= 1 &&
    m <= 12 &&
    Number(day) >= 1 &&
    Number(day) <= lastDay &&
    Number(hour) <= 23 &&
    Number(minute) <= 59 &&
    Number(second) <= 59 &&
    Number(offsetHours) <= maxOffsetHours &&
    Number(offsetMinutes) <= 59
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
