/**
 * Types of the Playvox WFM client. The wire types are inferred from the WFM contract
 * (`@voxbridge/playvox/wire`, `wfm`) and re-exported here under their names; what is only the client's
 * (pages, tallies, events that may carry a `Date`) is declared on top of them.
 */
import type { Page } from '@voxbridge/core';
import type {
  WfmAgentStatusWire,
  WfmContactWire,
  WfmInboundItemResult,
  WfmMatch,
} from '../wire/wfm/types.js';

export type {
  WfmAgentChannelMetrics,
  WfmAgentMetrics,
  WfmAgentMetricsUser,
  WfmContact,
  WfmFlag,
  WfmInboundItemResult,
  WfmIntegrationIdentifiers,
  WfmIssue,
  WfmMatch,
  WfmTaskDefinition,
  WfmTaskDefinitionInput,
  WfmTaskInterval,
  WfmUser,
  WfmUserIntegration,
  WfmUserMapping,
  WfmUserMappingResult,
  WfmUserMappingView,
  WfmWorkstream,
  WfmWorkstreamInput,
} from '../wire/wfm/types.js';

/** A page of a WFM list: `data[]` plus an opaque `nextPageToken` when a further page exists. */
export interface WfmPage<T> extends Page<T> {
  /** The token to pass back for the next page; undefined on the last page. */
  nextPageToken: string | undefined;
}

/** Who an inbound event is about: the email, or the user's id in the sending integration (or both). */
export type WfmUserReference = Pick<WfmAgentStatusWire, 'userEmail' | 'userId'>;

/** One agent-status event for the inbound endpoint; `timestamp` may be a Date (sent as ISO 8601). */
export type WfmAgentStatusEvent = Omit<WfmAgentStatusWire, 'eventId' | 'timestamp'> & {
  /** Unique per integration; a repeated id is accepted and ignored, which makes re-sending safe. */
  eventId: string;
  /** When the status began: a Date, or ISO 8601 with a zone. */
  timestamp: Date | string;
};

/** One contact event for the inbound endpoint; the times may be Dates. */
export type WfmContactEvent = Omit<
  WfmContactWire,
  'eventId' | 'contactId' | 'conversationId' | 'startTime' | 'endTime'
> & {
  eventId: string;
  contactId: string;
  conversationId?: string;
  startTime: Date | string;
  endTime?: Date | string;
};

/** The outcome of an inbound send (every batch of it added up). */
export interface WfmInboundResult {
  received: number;
  accepted: number;
  duplicates: number;
  /** Accepted events by how they resolved. */
  matches: Record<WfmMatch, number>;
  results: WfmInboundItemResult[];
}

/** What an `apply*` call did, by name. */
export interface WfmApplyResult<T> {
  created: T[];
  updated: T[];
  unchanged: T[];
}
