import { createHash } from 'node:crypto';
import { DEFAULT_CONNECTION } from '../config/connections.js';
import type { InteractionType } from '../store/types.js';

/** The store's name for the LiveVox interaction feed's checkpoint. */
export const INTERACTION_STREAM = 'livevox:interaction-events';

/** Playvox's limit on `interaction_id`. */
export const MAX_INTERACTION_ID_LENGTH = 68;

/** The ids that identify one LiveVox interaction. */
export interface InteractionIdentity {
  type: InteractionType;
  sessionId: string;
  /** Voice calls: the transaction id that, with the session id, names one call. */
  transactionId?: string;
}

/** LiveVox writes `Email`, `SMS`, `VOICE`; the bridge uses upper case. */
export function normalizeInteractionType(value: unknown): InteractionType | undefined {
  const upper = typeof value === 'string' ? value.toUpperCase() : undefined;
  return upper === 'VOICE' || upper === 'SMS' || upper === 'EMAIL' ? upper : undefined;
}

const present = (value: unknown): value is string | number =>
  (typeof value === 'string' && value !== '' && value !== 'null') || typeof value === 'number';

/** The identity of the interaction an event belongs to, or the reason it has none. */
export function identifyEvent(event: Record<string, unknown>): InteractionIdentity | { error: string } {
  const type = normalizeInteractionType(event.interactionType);
  if (!type)
    return {
      error: `interactionType: must be VOICE, SMS or EMAIL, got ${JSON.stringify(event.interactionType)}`,
    };
  if (!present(event.sessionId))
    return { error: 'sessionId: is missing, so the event cannot be joined to an interaction' };
  if (type === 'VOICE') {
    if (!present(event.transactionId)) return { error: 'transactionId: is missing on a VOICE event' };
    return { type, sessionId: String(event.sessionId), transactionId: String(event.transactionId) };
  }
  return { type, sessionId: String(event.sessionId) };
}

/** The store key of an interaction. */
export function interactionKey(identity: InteractionIdentity): string {
  return identity.type === 'VOICE'
    ? `VOICE:${identity.sessionId}:${identity.transactionId}`
    : `${identity.type}:${identity.sessionId}`;
}

/**
 * The `interaction_id` sent to Playvox: readable when it fits in 68 characters, otherwise a stable
 * hash of the same ids. End-to-end checks derive it from the emulator's ground truth the same way.
 *
 * `connection` names the tenant: the `default` connection (or none) keeps the ids it always had, so an
 * upgraded deployment delivers nothing twice; any other connection's ids start with `<name>:` (a name is
 * lower case and has no `:`, while a default id starts with `VOICE-`, `SMS-` or `EMAIL-`), so two
 * connections can never send the same id. A prefixed id longer than 68 characters becomes
 * `<name>:<TYPE>=<hash>`: the `=` where a readable id has `-` keeps the two forms apart too.
 */
export function playvoxInteractionId(identity: InteractionIdentity, connection?: string): string {
  const readable =
    identity.type === 'VOICE'
      ? `VOICE-${identity.sessionId}-${identity.transactionId}`
      : `${identity.type}-${identity.sessionId}`;
  if (connection === undefined || connection === DEFAULT_CONNECTION) {
    if (readable.length <= MAX_INTERACTION_ID_LENGTH) return readable;
    return `${identity.type}-${createHash('sha256').update(interactionKey(identity)).digest('hex').slice(0, 48)}`;
  }
  const prefixed = `${connection}:${readable}`;
  if (prefixed.length <= MAX_INTERACTION_ID_LENGTH) return prefixed;
  const head = `${connection}:${identity.type}=`;
  const hash = createHash('sha256').update(interactionKey(identity)).digest('hex');
  return head + hash.slice(0, MAX_INTERACTION_ID_LENGTH - head.length);
}
