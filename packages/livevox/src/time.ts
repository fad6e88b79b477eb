import type { z } from 'zod';
import type { liveVoxTimeSchema } from './wire/common.js';

/**
 * A LiveVox timestamp as it comes over the wire. The API mixes three forms, sometimes within one
 * response: epoch milliseconds as a JSON number (`1463032800000`), the same as a string of digits
 * (`"1417075930315"`), and ISO-8601 strings with an offset (`"2021-04-24T04:44:08.000-04:00"`).
 */
export type LiveVoxTime = z.output<typeof liveVoxTimeSchema>;

/**
 * Numbers below this are read as epoch seconds, not milliseconds. 1e11 ms is March 1973 (no LiveVox data
 * is that old) while 1e11 s is the year 5138, so the two ranges cannot be confused. The seeds show
 * seconds once (the hold-details `timeStamp` `"1417066734"`) next to milliseconds everywhere else.
 */
const SECONDS_BELOW = 1e11;

/** Dates beyond ±8.64e15 ms are invalid in JavaScript. */
const MAX_EPOCH_MS = 8.64e15;

/** A Gregorian 400-year cycle: 146,097 days. */
const MS_PER_400_YEARS = 146_097 * 86_400_000;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Character codes the canonical-shape reader compares against. */
const ZERO = 48;
const DASH = 45;
const PLUS = 43;
const DOT = 46;
const COLON = 58;
const SPACE = 32;
const UPPER_T = 84;
const UPPER_Z = 90;

const DIGITS = /^[+-]?\d+(?:\.\d+)?$/;

/**
 * `2021-04-24T04:44:08.000-04:00`, `2023-06-05T09:36:00.000Z`, `2021-03-30 01:21:51-0400` (the form in
 * LiveVox error messages and SSE keepalives), a date alone, or a local time without offset (read as UTC).
 */
const ISO_LIKE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * Reads a LiveVox timestamp in any of the forms the API uses: epoch milliseconds as a number or a string
 * of digits (values below 1e11 are taken as epoch seconds), an ISO-8601 string with `Z`, an offset
 * (`-04:00`, `-0400`, `-04`) or none (then UTC), with `T` or a space between date and time, or a `Date`.
 * Returns `undefined` for `null`, `undefined`, `""`, `"null"` and anything unreadable (the seeds contain
 * a malformed `"2021-04-24T07:52:16-100-04:00"`); it never throws.
 */
export function parseLiveVoxTime(value: unknown): Date | undefined {
  if (typeof value === 'number') return fromEpoch(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : new Date(value.getTime());
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (DIGITS.test(text)) return fromEpoch(Number(text));
  return fromIsoLike(text);
}

/**
 * The epoch milliseconds of a LiveVox timestamp (see {@link parseLiveVoxTime}), or `undefined`.
 * Cheaper than building a `Date` when only ordering or arithmetic is needed.
 */
export function liveVoxTimeToMs(value: unknown): number | undefined {
  return parseLiveVoxTime(value)?.getTime();
}

/**
 * A value for a request field the API documents as `dateTime`: JSON requests take epoch milliseconds.
 * Accepts a `Date`, epoch milliseconds, or any string {@link parseLiveVoxTime} reads; `undefined` when
 * the value is unreadable.
 */
export function toLiveVoxTime(value: Date | number | string): number | undefined {
  return liveVoxTimeToMs(value);
}

function fromEpoch(value: number): Date | undefined {
  if (!Number.isFinite(value)) return undefined;
  const ms = Math.abs(value) < SECONDS_BELOW ? value * 1000 : value;
  if (Math.abs(ms) > MAX_EPOCH_MS) return undefined;
  return new Date(Math.trunc(ms));
}

function fromIsoLike(text: string): Date | undefined {
  const ms = canonicalIsoMs(text) ?? regexIsoMs(text);
  return ms === undefined ? undefined : new Date(ms);
}

/**
 * The common shape `YYYY-MM-DD[T ]HH:MM:SS[.fff][Z|±HH:MM|±HHMM]`, read character by character: feeds
 * carry one or more such strings per event, and this is several times faster than the regular expression.
 * Undefined for anything else (the regular expression then decides).
 */
function canonicalIsoMs(text: string): number | undefined {
  const length = text.length;
  if (length < 19 || text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH) return undefined;
  if (text.charCodeAt(13) !== COLON || text.charCodeAt(16) !== COLON) return undefined;
  const separator = text.charCodeAt(10);
  if (separator !== UPPER_T && separator !== SPACE) return undefined;
  const century = twoDigits(text, 0);
  const yearOfCentury = twoDigits(text, 2);
  if (century < 0 || yearOfCentury < 0) return undefined;
  let i = 19;
  let millis = 0;
  if (text.charCodeAt(i) === DOT) {
    let digits = 0;
    for (i += 1; i < length; i++) {
      const digit = text.charCodeAt(i) - ZERO;
      if (digit < 0 || digit > 9) break;
      if (digits < 3) millis = millis * 10 + digit;
      digits += 1;
    }
    if (digits === 0 || digits > 9) return undefined;
    for (let pad = digits; pad < 3; pad++) millis *= 10;
  }
  let offset = 0;
  if (i < length) {
    const sign = text.charCodeAt(i);
    if (sign === UPPER_Z && i + 1 === length) offset = 0;
    else if (sign === PLUS || sign === DASH) {
      const colon = length === i + 6 && text.charCodeAt(i + 3) === COLON;
      if (!colon && length !== i + 5) return undefined;
      const hours = twoDigits(text, i + 1);
      const minutes = twoDigits(text, colon ? i + 4 : i + 3);
      if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return undefined;
      offset = (sign === DASH ? -1 : 1) * (hours * 60 + minutes);
    } else return undefined;
  }
  const fields = [
    twoDigits(text, 5),
    twoDigits(text, 8),
    twoDigits(text, 11),
    twoDigits(text, 14),
    twoDigits(text, 17),
  ] as const;
  return epochMs(century * 100 + yearOfCentury, ...fields, millis, offset);
}

/** The other ISO-like forms: a date alone, no seconds, `-04` offsets, lower-case `t`/`z`, no offset. */
function regexIsoMs(text: string): number | undefined {
  const match = ISO_LIKE.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone] = match;
  const offset = zoneOffsetMinutes(zone);
  if (offset === undefined) return undefined;
  const millis =
    fraction === '' ? 0 : Number(fraction.length >= 3 ? fraction.slice(0, 3) : fraction.padEnd(3, '0'));
  return epochMs(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s), millis, offset);
}

/** Epoch ms of a calendar date and time at `offset` minutes from UTC; undefined when a field is out of range. */
function epochMs(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millis: number,
  offset: number,
): number | undefined {
  // A day beyond the month's end would roll over (Feb 30 becomes Mar 2): it was not a real date.
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  // Date.UTC reads years 0-99 as 19xx; shift such years by one 400-year cycle (same calendar) and back.
  const shifted = year < 100;
  const utc = Date.UTC(shifted ? year + 400 : year, month - 1, day, hour, minute, second, millis);
  const ms = utc - (shifted ? MS_PER_400_YEARS : 0) - offset * 60_000;
  return Math.abs(ms) > MAX_EPOCH_MS ? undefined : ms;
}

/** The value of two decimal digits at `at`, or -1 when either is not a digit. */
function twoDigits(text: string, at: number): number {
  const tens = text.charCodeAt(at) - ZERO;
  const ones = text.charCodeAt(at + 1) - ZERO;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : -1;
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return DAYS_IN_MONTH[month - 1] ?? 0;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

function zoneOffsetMinutes(zone: string | undefined): number | undefined {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  if (hours > 23 || minutes > 59) return undefined;
  return sign * (hours * 60 + minutes);
}
