/** Prefix of dead-letter keys that name a stored event rather than a QA interaction. */
const EVENT_PREFIX = 'event:';

/**
 * The dead-letter key of a stored event, `event:<stream, URI-encoded>:<eventId>`, so that `dlq retry`
 * can put the event back on its stream.
 */
export function eventLetterKey(stream: string, eventId: string): string {
  return `${EVENT_PREFIX}${encodeURIComponent(stream)}:${eventId}`;
}

/** The stream and event id named by a dead-letter key, or undefined for a QA interaction key. */
export function parseEventLetterKey(key: string): { stream: string; eventId: string } | undefined {
  if (!key.startsWith(EVENT_PREFIX)) return undefined;
  const rest = key.slice(EVENT_PREFIX.length);
  const separator = rest.indexOf(':');
  if (separator <= 0) return undefined;
  return { stream: decodeURIComponent(rest.slice(0, separator)), eventId: rest.slice(separator + 1) };
}
