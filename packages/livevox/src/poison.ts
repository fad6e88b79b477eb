import { wireProblems } from '@voxbridge/core';
import type { z } from 'zod';
import { agentEventSchema, interactionEventSchema } from './wire/events.js';

/**
 * Poison items: one malformed item of a feed answer (not an object, wrong types, missing ids, an SSE
 * message that is not JSON) must never stop the feed. The feeds yield the good events and report each
 * bad one on the batch, with its raw text and the reason, so a caller can dead-letter it and move on;
 * the batch's token advances past it like past any other event.
 */

/** One item of a feed answer that could not be read as an event. */
export interface PoisonItem {
  /** The item as it came: the SSE message's data, or the item's JSON text for a long-poll page. */
  raw: string;
  /** Why it was refused (`not an object (string)`, `eventId: Invalid input: …`). */
  reason: string;
}

/** Reads a raw item as an event: the reason it is poison, or undefined when it is fine. */
export type ItemCheck = (raw: unknown) => string | undefined;

/** The text of a parsed item, for the dead-letter store (JSON where it can be, else `String`). */
export function rawText(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

function objectCheck(schema: z.ZodType, required: readonly string[]): ItemCheck {
  return (raw) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      return `not an object (${kindOf(raw)})`;
    const record = raw as Record<string, unknown>;
    const missing = required.filter(
      (key) => record[key] === undefined || record[key] === null || record[key] === '',
    );
    if (missing.length > 0) return `missing ${missing.join(', ')}`;
    return wireProblems(schema, raw);
  };
}

/** An interaction event must be an object of the contract's shape with an `eventId` and a `sessionId`. */
export const checkInteractionEvent: ItemCheck = objectCheck(interactionEventSchema, ['eventId', 'sessionId']);

/** An agent event must be an object of the contract's shape with an `agentId`. */
export const checkAgentEvent: ItemCheck = objectCheck(agentEventSchema, ['agentId']);

/** A deprecated call event only has to be an object (those methods promise no ids). */
export const checkObject: ItemCheck = (raw) =>
  typeof raw === 'object' && raw !== null && !Array.isArray(raw)
    ? undefined
    : `not an object (${kindOf(raw)})`;

/** Splits the items of an answer into normalised events and poison items, keeping their order. */
export function sortItems<T>(
  items: readonly unknown[],
  check: ItemCheck,
  normalise: (raw: unknown) => T,
): { events: T[]; poison: PoisonItem[] } {
  const events: T[] = [];
  const poison: PoisonItem[] = [];
  for (const item of items) {
    const reason = check(item);
    if (reason === undefined) events.push(normalise(item));
    else poison.push({ raw: rawText(item), reason });
  }
  return { events, poison };
}
