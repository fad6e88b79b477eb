import { ValidationError } from '@voxbridge/core';
import type {
  CampaignStatsFilter,
  FilterId,
  InteractionFilter,
  LiveVoxId,
  ServiceFilter,
} from './types/common.js';

/** Smallest and largest `count` the Interaction Event feeds accept. */
export const FEED_COUNT_RANGE = { min: 500, max: 1000 } as const;

/** The filter of a request as it goes on the wire. */
export type WireFilter = Record<string, Array<{ id: LiveVoxId } | { type: string }>>;

/** Checks `count` of an Interaction Event feed: an integer from 500 to 1000, or absent (server default 1000). */
export function validateFeedCount(count: unknown): number | undefined {
  if (count === undefined) return undefined;
  if (
    typeof count !== 'number' ||
    !Number.isInteger(count) ||
    count < FEED_COUNT_RANGE.min ||
    count > FEED_COUNT_RANGE.max
  ) {
    throw new ValidationError(
      'count',
      `must be an integer from ${FEED_COUNT_RANGE.min} to ${FEED_COUNT_RANGE.max}`,
    );
  }
  return count;
}

/** Service-level filter (`service`, `callCenter`) in wire form; undefined when nothing is filtered. */
export function serviceFilterToWire(
  filter: ServiceFilter | undefined,
  field = 'filter',
): WireFilter | undefined {
  return idFilterToWire(filter, ['service', 'callCenter'], field);
}

/**
 * Campaign-statistics filter in wire form. The API treats it as an exclusive 'or' and rejects a request
 * with more than one kind, so the client refuses it before sending.
 */
export function campaignFilterToWire(filter: CampaignStatsFilter | undefined): WireFilter | undefined {
  const wire = idFilterToWire(filter, ['campaign', 'service', 'callCenter'], 'filter');
  if (wire && Object.keys(wire).length > 1) {
    throw new ValidationError(
      'filter',
      `is an exclusive 'or': give only one of campaign, service or callCenter (got ${Object.keys(wire).join(', ')})`,
    );
  }
  return wire;
}

/** Interaction Event feed filter in wire form (`interactionType: [{type}]`, `callCenter`/`service: [{id}]`). */
export function interactionFilterToWire(filter: InteractionFilter | undefined): WireFilter | undefined {
  if (filter === undefined) return undefined;
  const { interactionType, ...ids } = checkObject(filter, 'filter') as InteractionFilter;
  const wire = idFilterToWire(ids, ['callCenter', 'service'], 'filter') ?? {};
  if (interactionType !== undefined) {
    if (!Array.isArray(interactionType))
      throw new ValidationError('filter.interactionType', 'must be an array');
    const types = interactionType.map((item, i) => {
      const type = typeof item === 'object' && item !== null ? (item as { type?: unknown }).type : item;
      if (typeof type !== 'string' || type.trim() === '') {
        throw new ValidationError(
          `filter.interactionType[${i}]`,
          'must be a non-empty string (VOICE, EMAIL, SMS, …) or { type }',
        );
      }
      return { type };
    });
    if (types.length > 0) wire.interactionType = types;
  }
  return Object.keys(wire).length > 0 ? wire : undefined;
}

function idFilterToWire(
  filter: object | undefined,
  kinds: readonly string[],
  field: string,
): WireFilter | undefined {
  if (filter === undefined) return undefined;
  const record = checkObject(filter, field);
  const wire: WireFilter = {};
  for (const [kind, values] of Object.entries(record)) {
    if (values === undefined) continue;
    if (!kinds.includes(kind))
      throw new ValidationError(
        `${field}.${kind}`,
        `is not a filter of this method (use ${kinds.join(', ')})`,
      );
    if (!Array.isArray(values)) throw new ValidationError(`${field}.${kind}`, 'must be an array of ids');
    if (values.length === 0) continue;
    wire[kind] = values.map((value, i) => ({ id: checkId(value as FilterId, `${field}.${kind}[${i}]`) }));
  }
  return Object.keys(wire).length > 0 ? wire : undefined;
}

function checkObject(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ValidationError(field, 'must be an object');
  return value as Record<string, unknown>;
}

function checkId(value: FilterId, field: string): LiveVoxId {
  const id = typeof value === 'object' && value !== null ? value.id : value;
  if (typeof id === 'number' && Number.isSafeInteger(id) && id >= 0) return id;
  if (typeof id === 'string' && /^\d+$/.test(id)) return id;
  throw new ValidationError(
    field,
    'must be a non-negative integer id (a number, a string of digits, or { id })',
  );
}
