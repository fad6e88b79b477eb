import { parseLiveVoxTime } from './time.js';
import type { AgentEvent, CallEvent, InteractionEvent } from './types/events.js';

// The normalisers add parsed Date fields to the objects JSON.parse just built (no copy: feeds move tens
// of thousands of events a second) and keep every raw field as it came.

type Raw = Record<string, unknown>;

/** Adds `occurredAt` to a raw agent event. */
export function normaliseAgentEvent(raw: unknown): AgentEvent {
  const event = raw as Raw;
  event.occurredAt = parseLiveVoxTime(event.timestamp);
  return event as unknown as AgentEvent;
}

/** Adds `occurredAt`, `startedAt` and `endedAt` to a raw interaction event. */
export function normaliseInteractionEvent(raw: unknown): InteractionEvent {
  const event = raw as Raw;
  event.occurredAt = parseLiveVoxTime(event.timestamp);
  event.startedAt = parseLiveVoxTime(event.start ?? event.callStartTime);
  event.endedAt = parseLiveVoxTime(event.end);
  return event as unknown as InteractionEvent;
}

/** Adds `occurredAt`, `startedAt` and `endedAt` to a raw (deprecated) call event. */
export function normaliseCallEvent(raw: unknown): CallEvent {
  const event = raw as Raw;
  event.startedAt = parseLiveVoxTime(event.start);
  event.endedAt = parseLiveVoxTime(event.end);
  event.occurredAt = parseLiveVoxTime(event.timestamp) ?? (event.startedAt as Date | undefined);
  return event as unknown as CallEvent;
}

/** Adds `target` = `source` read as a time to an object from a response, when it is an object. */
export function withTime<T>(raw: unknown, source: string, target: string): T {
  if (raw !== null && typeof raw === 'object') {
    const record = raw as Raw;
    record[target] = parseLiveVoxTime(record[source]);
  }
  return raw as T;
}

/** An array field of a response, or an empty array when it is missing or not an array. */
export function listOf(body: unknown, field: string): unknown[] {
  const value = body !== null && typeof body === 'object' ? (body as Raw)[field] : undefined;
  return Array.isArray(value) ? value : [];
}
