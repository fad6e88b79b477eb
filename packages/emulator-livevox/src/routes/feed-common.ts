import type { LiveVoxEmulatorConfig } from '../config.js';
import type { LiveVoxRuntime } from '../context.js';
import type { AppendLog, LogSlice } from '../event-log.js';
import { type IdFilter, lvError } from '../http-util.js';
import { decodeMarker, encodeMarker, lvTime, MarkerKind } from '../ids.js';
import { InteractionType } from '../model.js';

/**
 * Where a feed request starts reading. A blank token starts at the head of the log (or, with
 * `feed.blankTokenFrom: 'oldest'`, at the oldest retained event); a token resumes at its position;
 * an interaction `eventId` (where allowed) resumes just after that event. A token from another log
 * or an earlier generation is refused with 400, one older than `feed.tokenMaxAgeMs` with code 202.
 */
export function resolveStart(
  runtime: LiveVoxRuntime,
  log: AppendLog,
  token: unknown,
  kinds: MarkerKind[],
): number {
  const config = runtime.config();
  const now = runtime.clock.now();
  if (token !== undefined && token !== null && typeof token !== 'string')
    throw lvError(400, 'token: must be a string');
  if (token === undefined || token === null || token.trim() === '') {
    return config.feed.blankTokenFrom === 'oldest'
      ? log.firstAppendedSince(now - config.feed.tokenMaxAgeMs)
      : log.length;
  }
  const marker = decodeMarker(token);
  if (
    !marker ||
    !kinds.includes(marker.kind) ||
    marker.generation !== log.generation ||
    marker.position > log.length
  )
    throw lvError(400, 'Invalid token');
  if (now - marker.time > config.feed.tokenMaxAgeMs) throw tokenTooOld(marker.time, config);
  return marker.kind === MarkerKind.InteractionEventId ? marker.position + 1 : marker.position;
}

function tokenTooOld(time: number, config: LiveVoxEmulatorConfig) {
  const hours = Math.round((config.feed.tokenMaxAgeMs / 3_600_000) * 100) / 100;
  const when = lvTime(time, config.timezoneOffsetMinutes);
  return lvError(
    400,
    `Time "${when}" is more than ${hours} hours old. This type of data is kept for ${hours} hours.`,
    202,
  );
}

/** A fresh token for `position` of a log, issued now. */
export function tokenFor(
  runtime: LiveVoxRuntime,
  log: AppendLog,
  kind: MarkerKind,
  position: number,
): string {
  return encodeMarker({ kind, generation: log.generation, position, time: runtime.clock.now() });
}

/** The predicate of an interaction-feed filter: types, services and call centers must all match (absent = any). */
export function interactionAcceptor(
  runtime: LiveVoxRuntime,
  filter: IdFilter,
  voiceOnly = false,
): ((position: number) => boolean) | undefined {
  const types = voiceOnly ? new Set(['VOICE']) : filter.interactionType;
  if (!types && !filter.service && !filter.callCenter) return undefined;
  const allowed = [types?.has('VOICE') ?? true, types?.has('SMS') ?? true, types?.has('EMAIL') ?? true];
  const { events, interactions } = runtime.state;
  return (position) => {
    const row = events.interactionAt(position);
    if (!allowed[interactions.typeOf(row)]) return false;
    if (!filter.service && !filter.callCenter) return true;
    const service = interactions.serviceOf(row);
    if (filter.service && !filter.service.has(service.id)) return false;
    return !filter.callCenter || filter.callCenter.has(service.callCenterId);
  };
}

/** Voice-only acceptor of the deprecated call event methods. */
export function voiceOnly(runtime: LiveVoxRuntime): (position: number) => boolean {
  const { events, interactions } = runtime.state;
  return (position) => interactions.typeOf(events.interactionAt(position)) === InteractionType.Voice;
}

/**
 * Reads up to `count` events from `start`; when there are none, waits up to `waitMs` (real time) and
 * answers as soon as matching events arrive. Resolves undefined when the client went away.
 */
export function longPoll(
  log: AppendLog,
  start: number,
  count: number,
  accept: ((position: number) => boolean) | undefined,
  waitMs: number,
  signal: AbortSignal,
): Promise<LogSlice | undefined> {
  const readFrom = (from: number): LogSlice => {
    let found = log.read(from, count, accept);
    while (found.positions.length === 0 && found.next < log.length)
      found = log.read(found.next, count, accept);
    return found;
  };
  let slice = readFrom(start);
  if (slice.positions.length > 0 || waitMs <= 0) return Promise.resolve(slice);
  return new Promise((resolve) => {
    const finish = (result: LogSlice | undefined) => {
      clearTimeout(timer);
      unsubscribe();
      signal.removeEventListener('abort', aborted);
      resolve(result);
    };
    const aborted = () => finish(undefined);
    const timer = setTimeout(() => finish(slice), waitMs);
    const unsubscribe = log.onAppend(() => {
      slice = readFrom(slice.next);
      if (slice.positions.length > 0) finish(slice);
    });
    if (signal.aborted) return finish(undefined);
    signal.addEventListener('abort', aborted, { once: true });
  });
}
