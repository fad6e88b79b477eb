/**
 * Identifier and time formats. Feed tokens and interaction event ids are time-based (version 1)
 * UUIDs like LiveVox's: the time fields carry when the token was issued (or when the event
 * happened) and the clock-sequence and node fields carry what the emulator needs to resume from
 * them: which log, which log generation (bumped on reset) and the position in the log.
 */

/** 100-ns intervals between the UUID epoch (1582-10-15) and the Unix epoch. */
const GREGORIAN_OFFSET = 122_192_928_000_000_000n;
/** Scrambles the position in the node field so that ids do not read as counters. */
const NODE_MASK_HIGH = 0xbd1649;
const NODE_MASK_LOW = 0xd297a6;
const TWO_24 = 0x1000000;
const UUID_V1 = /^([0-9a-f]{8})-([0-9a-f]{4})-1([0-9a-f]{3})-([0-9a-f]{4})-([0-9a-f]{12})$/i;

/** What a position marker refers to. */
export enum MarkerKind {
  /** A token of the interaction event feed (and the deprecated call event methods). */
  InteractionToken = 0,
  /** A token of the agent event feed. */
  AgentToken = 1,
  /** The `eventId` of an interaction event. */
  InteractionEventId = 2,
}

/** A decoded token or event id. */
export interface Marker {
  kind: MarkerKind;
  /** Log generation the marker was issued in (12 bits). */
  generation: number;
  /** Position in the log. */
  position: number;
  /** Epoch ms the marker carries (issue time for tokens, event time for event ids). */
  time: number;
}

const hex = (value: number, width: number): string => value.toString(16).padStart(width, '0');

const TWO_32 = 0x100000000;
const TWO_48 = 0x1000000000000;
/** GREGORIAN_OFFSET as two 32-bit halves, for the BigInt-free arithmetic of {@link encodeMarker}. */
const OFFSET_HIGH = Number(GREGORIAN_OFFSET / 0x100000000n);
const OFFSET_LOW = Number(GREGORIAN_OFFSET % 0x100000000n);

/**
 * Encodes a marker as a version-1 UUID string. The 60-bit tick count is computed in two 32-bit halves
 * (every intermediate below 2^53, so exact): a feed page encodes a thousand event ids, and BigInt
 * arithmetic was most of their cost.
 */
export function encodeMarker(marker: Marker): string {
  const ms = Math.max(0, Math.floor(marker.time));
  // ms * 10_000 + offset, as high * 2^32 + low: each product stays below 2^53, so exact.
  const msHigh = Math.floor(ms / TWO_32);
  const lowProduct = (ms - msHigh * TWO_32) * 10_000 + OFFSET_LOW;
  const carry = Math.floor(lowProduct / TWO_32);
  const low = lowProduct - carry * TWO_32;
  const high32 = msHigh * 10_000 + OFFSET_HIGH + carry;
  const mid = high32 % 0x10000;
  const high = (Math.floor(high32 / 0x10000) & 0x0fff) | 0x1000;
  const clockSeq = 0x8000 | ((marker.kind & 0x3) << 12) | (marker.generation & 0xfff);
  const nodeHigh = (Math.floor(marker.position / TWO_24) ^ NODE_MASK_HIGH) & 0xffffff;
  const nodeLow = ((marker.position % TWO_24) ^ NODE_MASK_LOW) & 0xffffff;
  // Fixed-width hex without padStart: a leading 1 digit added above the width and sliced off.
  const lowHex = (low + TWO_32).toString(16);
  const midHigh = (mid * 0x10000 + high + TWO_32).toString(16);
  const node = (nodeHigh * TWO_24 + nodeLow + TWO_48).toString(16);
  return `${lowHex.slice(1)}-${midHigh.slice(1, 5)}-${midHigh.slice(5)}-${clockSeq.toString(16)}-${node.slice(1)}`;
}

/** Decodes a marker, or returns undefined when the string is not one the emulator issued. */
export function decodeMarker(text: string): Marker | undefined {
  const found = UUID_V1.exec(text.trim());
  if (!found) return undefined;
  const [, low, mid, high, clockSeqHex, node] = found as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const clockSeq = Number.parseInt(clockSeqHex, 16);
  if ((clockSeq & 0xc000) !== 0x8000) return undefined;
  const ticks = (BigInt(`0x${high}`) << 48n) | (BigInt(`0x${mid}`) << 32n) | BigInt(`0x${low}`);
  const time = Number((ticks - GREGORIAN_OFFSET) / 10_000n);
  const position =
    (Number.parseInt(node.slice(0, 6), 16) ^ NODE_MASK_HIGH) * TWO_24 +
    (Number.parseInt(node.slice(6), 16) ^ NODE_MASK_LOW);
  return { kind: (clockSeq >> 12) & 0x3, generation: clockSeq & 0xfff, position, time };
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** The wall-clock fields of `ms` shifted by `offsetMinutes`, and the offset as `-04:00` parts. */
function shifted(ms: number, offsetMinutes: number) {
  const date = new Date(ms + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return { date, sign, hours: pad(Math.floor(abs / 60)), minutes: pad(abs % 60) };
}

const HOUR_MS = 3_600_000;
/** Year 10000, where `toISOString` turns to six-digit years: from there (and before 1970) Date writes it. */
const ISO_MAX_MS = 253_402_300_800_000;
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
/** `2024-03-05T14:` by hour since the epoch; a page of events spans a few hours at most. */
const hourPrefixes = new Map<number, string>();

/**
 * `new Date(ms).toISOString()` without the 'Z': the same text, from a cached hour prefix and table
 * lookups (undefined outside 1970 … 9999, which the callers leave to Date). A feed page writes a
 * thousand of these and `toISOString` was a tenth of its cost.
 */
function isoBody(ms: number): string | undefined {
  if (!(Number.isInteger(ms) && ms >= 0 && ms < ISO_MAX_MS)) return undefined;
  const hour = Math.floor(ms / HOUR_MS);
  let prefix = hourPrefixes.get(hour);
  if (prefix === undefined) {
    if (hourPrefixes.size >= 4096) hourPrefixes.clear();
    prefix = new Date(hour * HOUR_MS).toISOString().slice(0, 14);
    hourPrefixes.set(hour, prefix);
  }
  const inHour = ms - hour * HOUR_MS;
  const minutes = Math.floor(inHour / 60_000);
  const rest = inHour - minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  return `${prefix}${TWO_DIGITS[minutes]}:${TWO_DIGITS[seconds]}.${THREE_DIGITS[rest - seconds * 1000]}`;
}

/** `new Date(ms).toISOString()` (a RangeError for an invalid time, as there), faster for feed pages. */
export function isoString(ms: number): string {
  const body = isoBody(ms);
  return body === undefined ? new Date(ms).toISOString() : `${body}Z`;
}

/** `2021-04-24T04:44:08.000-04:00`: ISO-8601 with milliseconds in the contact center's offset. */
export function isoWithOffset(ms: number, offsetMinutes: number): string {
  // The suffix is the same for every event of a page: made once per offset, not per event.
  if (offsetMinutes !== lastOffset) {
    const { sign, hours, minutes } = shifted(0, offsetMinutes);
    lastOffset = offsetMinutes;
    lastSuffix = `${sign}${hours}:${minutes}`;
  }
  const local = ms + offsetMinutes * 60_000;
  const body = isoBody(local) ?? new Date(local).toISOString().slice(0, 23);
  return body + lastSuffix;
}
let lastOffset = Number.NaN;
let lastSuffix = '';

/** `2021-03-30 01:21:51-0400`: the format of LiveVox's feed error messages and keepalive comments. */
export function lvTime(ms: number, offsetMinutes: number): string {
  const { date, sign, hours, minutes } = shifted(ms, offsetMinutes);
  return `${date.toISOString().slice(0, 19).replace('T', ' ')}${sign}${hours}${minutes}`;
}

/** The calendar day (days since the epoch) of `ms` in the contact center's offset. */
export function dayNumber(ms: number, offsetMinutes: number): number {
  return Math.floor((ms + offsetMinutes * 60_000) / 86_400_000);
}

/** Parses a timestamp given as epoch ms (number or digit string) or an ISO-8601 string. */
export function parseTimestamp(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** The call session id of a voice interaction: `U5BT647DAC80T1A2B3C4D@10.111.17.102`. */
export function voiceSessionId(index: number, salt: number): string {
  const tag = (index + 0x10000).toString(16).toUpperCase();
  const random = hex(salt >>> 8, 6).toUpperCase();
  return `U${tag}T${random}@10.${(salt >>> 16) & 0xff}.${(salt >>> 8) & 0xff}.${salt & 0xff}`;
}
