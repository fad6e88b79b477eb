import { ValidationError } from '@voxbridge/core';
import {
  ALIAS_RULE,
  agentStatusEvent,
  contactEvent,
  userMapping,
  WFM_INTEGRATION_ALIAS,
  ZONED_DATE_TIME,
} from '../wire/wfm/index.js';
import type {
  WfmAgentStatusEvent,
  WfmContactEvent,
  WfmInboundItemResult,
  WfmInboundResult,
  WfmMatch,
  WfmUserMapping,
} from './types.js';
import { contractBody } from './validate.js';

export { WFM_INTEGRATION_ALIAS, WFM_MAX_USER_MAPPINGS } from '../wire/wfm/index.js';

/** Events per inbound request unless the caller says otherwise (the emulator accepts up to 500). */
export const WFM_DEFAULT_INBOUND_BATCH = 500;

/** Checks an integration alias. */
export function assertIntegrationAlias(alias: string): void {
  if (typeof alias !== 'string' || !WFM_INTEGRATION_ALIAS.test(alias))
    throw new ValidationError('integration', ALIAS_RULE);
}

/** A Date or a zoned ISO string as ISO 8601; anything else is a ValidationError naming `field`. */
export function toWfmTime(value: Date | string, field: string): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new ValidationError(field, 'must be a valid Date');
    return value.toISOString();
  }
  if (typeof value !== 'string' || !ZONED_DATE_TIME.test(value) || Number.isNaN(Date.parse(value))) {
    throw new ValidationError(field, 'must be a Date or an ISO 8601 date-time with a zone (Z or an offset)');
  }
  return value;
}

/** A valid Date becomes ISO 8601; anything else goes to the contract as it is (which names the field). */
const wireTime = (value: unknown) =>
  value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString() : value;

/** The wire form of an agent-status event, checked against the contract. */
export function statusEventBody(event: WfmAgentStatusEvent, prefix: string): Record<string, unknown> {
  return contractBody(agentStatusEvent, { ...event, timestamp: wireTime(event?.timestamp) }, prefix);
}

/** The wire form of a contact event, checked against the contract. */
export function contactEventBody(event: WfmContactEvent, prefix: string): Record<string, unknown> {
  const times = { startTime: wireTime(event?.startTime), endTime: wireTime(event?.endTime) };
  return contractBody(contactEvent, { ...event, ...times }, prefix);
}

/** Splits a list into chunks of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** An empty tally, to which each batch's answer is added. */
export function emptyInboundResult(): WfmInboundResult {
  return {
    received: 0,
    accepted: 0,
    duplicates: 0,
    matches: { matched: 0, unmatched: 0, ambiguous: 0, unknown_user: 0 },
    results: [],
  };
}

/** Adds one batch's `data` to the tally. */
export function addInboundBatch(total: WfmInboundResult, results: WfmInboundItemResult[]): void {
  for (const result of results) {
    total.received += 1;
    total.results.push(result);
    if (result.outcome === 'duplicate') {
      total.duplicates += 1;
      continue;
    }
    total.accepted += 1;
    if (result.match !== undefined && result.match in total.matches)
      total.matches[result.match as WfmMatch] += 1;
  }
}

/** The wire form of a user mapping, checked against the contract. */
export function userMappingBody(mapping: WfmUserMapping, prefix: string): Record<string, unknown> {
  return contractBody(userMapping, mapping, prefix);
}
