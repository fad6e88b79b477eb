import { agentStatusOf, type GladlyEvent } from '@voxbridge/gladly';

export { gladlyStatusVocabulary, liveVoxStatusVocabulary } from './vocabulary.js';

/** Gladly event types that carry an agent status (the others are conversations or ignored). */
export const GLADLY_STATUS_EVENT_TYPES: readonly string[] = [
  'AGENT_STATUS/LOGGED_IN',
  'AGENT_STATUS/LOGGED_OUT',
  'AGENT_STATUS/WENT_AWAY',
  'AGENT_STATUS/RETURNED_FROM_AWAY',
  'AGENT_AVAILABILITY/UPDATED',
];

/** The LiveVox agent states the connector turns into statuses. */
export const LIVEVOX_AGENT_STATES: readonly string[] = [
  'LOGON',
  'READY',
  'NOT_READY',
  'IN_CALL',
  'WRAP_UP',
  'LOGOFF',
];

/**
 * The status string of a Gladly event, as the seed's task table matches it: `LOGGED_IN`, `LOGGED_OUT`,
 * the away reason's name or `WENT_AWAY`, `RETURNED_FROM_AWAY`, `AvailableFor:<channels>` or
 * `Unavailable`. Null for events that carry no agent status.
 */
export function gladlyStatusOf(event: GladlyEvent): string | null {
  return agentStatusOf(event);
}

/**
 * The status string of a LiveVox agent event: `LOGON`, `READY`, `NOT_READY:<reason>` (`NOT_READY`
 * without a reason code), `IN_CALL`, `WRAP_UP`, `LOGOFF`. Null for an event type this list lacks.
 */
export function liveVoxStatusOf(event: { eventType?: unknown; notReadyReasonCode?: unknown }): string | null {
  const type = typeof event.eventType === 'string' ? event.eventType.toUpperCase() : '';
  if (!LIVEVOX_AGENT_STATES.includes(type)) return null;
  if (type !== 'NOT_READY') return type;
  const reason = typeof event.notReadyReasonCode === 'string' ? event.notReadyReasonCode.trim() : '';
  return reason ? `NOT_READY:${reason}` : 'NOT_READY';
}

/**
 * Where a status goes among statuses of the same agent at the same millisecond: a login comes before
 * what it enables, a logout after everything. WFM orders ties by arrival, and webhook deliveries of
 * one instant may arrive in any order, so the connector sends ties in this order.
 */
export function statusTieRank(status: string): number {
  if (status === 'LOGGED_IN' || status === 'LOGON') return 0;
  if (status === 'LOGGED_OUT' || status === 'LOGOFF') return 2;
  return 1;
}
