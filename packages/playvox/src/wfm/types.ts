/**
 * Wire types of Playvox WFM (formerly Agyle Time). The read shapes follow the public clients
 * (tap-playvox schemas, an R script); the write and inbound shapes are voxbridge's design, served by
 * `@voxbridge/emulator-playvox` — see WFM.md.
 */
import type { Page } from '@voxbridge/core';

/** A page of a WFM list: `data[]` plus an opaque `nextPageToken` when a further page exists. */
export interface WfmPage<T> extends Page<T> {
  /** The token to pass back for the next page; undefined on the last page. */
  nextPageToken: string | undefined;
}

/** A user's id in one integration (the Gladly agent id, the LiveVox agent id). */
export interface WfmUserIntegration {
  /** The integration alias (`gladly`, `livevox`). */
  integrationAlias: string;
  /** The user's id in that system. */
  identifier: string;
}

/** A WFM user, as `GET /api/organisation/users` returns it (`data[]`). */
export interface WfmUser {
  id: number;
  _id?: string;
  firstName: string | null;
  lastName: string | null;
  name?: string | null;
  /** The login email; match it case-insensitively. */
  email: string;
  timezone: string | null;
  organisationId: number | null;
  roles: unknown[];
  startAt: string | null;
  updatedAt: string | null;
  /** Per-integration identifiers that user sync keeps correct. */
  integrations: WfmUserIntegration[];
  team?: { id: number; name: string } | null;
  teamId: number | null;
  teamName: string | null;
  systemRole?: { id: number; name: string; category: string } | null;
  isActive: boolean;
  permissions: unknown[];
}

/**
 * Integration alias → regular expression, matched by Playvox against the whole incoming value
 * (`^(?:re)$`): a status string for task definitions, a workstream value for workstreams.
 */
export type WfmIntegrationIdentifiers = Record<string, string>;

/** A Task definition (`GET /api/schedule/tasks/definitions`). */
export interface WfmTaskDefinition {
  id: number;
  name: string;
  /** Short code copied into each interval's `taskIdentifier`. */
  taskIdentifier: string;
  taskTypeIdentifier: string | null;
  colour: string;
  categoryName: string | null;
  workloadChannel: string | null;
  isPaid: boolean;
  isPlanned: boolean;
  isLeave: boolean;
  isBreak: boolean;
  isProductive: boolean;
  integrationIdentifiers: WfmIntegrationIdentifiers;
  createdAt: string;
  updatedAt: string;
}

/** What a task definition is created or updated from (`voxbridge apply`). */
export interface WfmTaskDefinitionInput {
  name: string;
  taskIdentifier?: string;
  taskTypeIdentifier?: string | null;
  colour?: string;
  categoryName?: string | null;
  workloadChannel?: string | null;
  isPaid?: boolean;
  isPlanned?: boolean;
  isLeave?: boolean;
  isBreak?: boolean;
  isProductive?: boolean;
  integrationIdentifiers?: WfmIntegrationIdentifiers;
}

/** A Workstream: a queue or inbox that contacts are counted against. */
export interface WfmWorkstream {
  id: number;
  name: string;
  /** Channel reported in agent metrics for this workstream's contacts (`voice`, `chat`, …). */
  channel: string | null;
  waitTimeThreshold: number | null;
  gradeOfService: number | null;
  ahtGoal: number | null;
  abandonThreshold: number | null;
  integrationIdentifiers: WfmIntegrationIdentifiers;
  createdAt: string;
  updatedAt: string;
}

/** What a workstream is created or updated from. */
export interface WfmWorkstreamInput {
  name: string;
  channel?: string | null;
  waitTimeThreshold?: number | null;
  gradeOfService?: number | null;
  ahtGoal?: number | null;
  abandonThreshold?: number | null;
  integrationIdentifiers?: WfmIntegrationIdentifiers;
}

/** 0 or 1: how WFM reports the task flags on intervals. */
export type WfmFlag = 0 | 1;

/** An agent-status interval (task data), as `GET /api/workactivity/tasks` returns it. */
export interface WfmTaskInterval {
  id: number;
  createdAt: string;
  updatedAt: string | null;
  startTime: string;
  /** Null while the interval is open (the user's latest status). */
  endTime: string | null;
  taskId: number;
  taskIdentifier: string | null;
  taskTypeIdentifier: unknown;
  colour: string | null;
  name: string;
  integrationAlias: string | null;
  userId: number;
  userEmail: string;
  isProductive: WfmFlag | null;
  isLeave: WfmFlag | null;
  isBreak: WfmFlag | null;
  isPaid: WfmFlag | null;
  shiftDataId: number | null;
  shiftId: string | null;
}

/**
 * One channel record of the agent metrics: `channel` plus about 90 numeric `total*` / `average*`
 * metrics (tap-playvox's `agent_metrics.json`); each may be null.
 */
export interface WfmAgentChannelMetrics {
  channel: string | null;
  totalInteractions?: number | null;
  totalHandleTime?: number | null;
  totalWorkstreamsHandled?: number | null;
  averageHandleTime?: number | null;
  handledCalls?: number | null;
  [metric: string]: number | string | null | undefined;
}

/** One user's metrics on one date. */
export interface WfmAgentMetricsUser {
  id: number | null;
  firstName: string | null;
  lastName: string | null;
  channels: WfmAgentChannelMetrics[];
}

/** The agent metrics (`data` of `GET /api/workactivity/workstreams/metrics/agents`). */
export interface WfmAgentMetrics {
  dates: Array<{ date: string | null; users: WfmAgentMetricsUser[] }>;
}

/** Who an inbound event is about: the email, or the user's id in the sending integration (or both). */
export interface WfmUserReference {
  userEmail?: string;
  userId?: string | number;
}

/** One agent-status event for the inbound endpoint (voxbridge's design). */
export interface WfmAgentStatusEvent extends WfmUserReference {
  /** Unique per integration; a repeated id is accepted and ignored, which makes re-sending safe. */
  eventId: string;
  /** The status string the task definitions' identifiers match (`LOGGED_IN`, `Lunch`, `AvailableFor:VOICE`). */
  status: string;
  /** When the status began: a Date, or ISO 8601 with a zone. */
  timestamp: Date | string;
}

/** One contact event for the inbound endpoint (voxbridge's design). */
export interface WfmContactEvent extends WfmUserReference {
  eventId: string;
  event: 'created' | 'closed';
  contactId: string;
  /** Matched against the workstreams' identifiers (an inbox id or name, a LiveVox service id or name). */
  workstream: string;
  startTime: Date | string;
  endTime?: Date | string;
  handleTimeSeconds?: number;
  conversationId?: string;
  channel?: string;
  direction?: 'inbound' | 'outbound';
}

/** How the emulator (or Playvox) resolved one inbound event. */
export type WfmMatch = 'matched' | 'unmatched' | 'ambiguous' | 'unknown_user';

/** The outcome of one inbound event. */
export interface WfmInboundItemResult {
  eventId: string;
  outcome: 'accepted' | 'duplicate';
  match?: WfmMatch;
  taskId?: number | null;
  workstreamId?: number | null;
  userId?: number | null;
}

/** The outcome of an inbound send (every batch of it added up). */
export interface WfmInboundResult {
  received: number;
  accepted: number;
  duplicates: number;
  /** Accepted events by how they resolved. */
  matches: Record<WfmMatch, number>;
  results: WfmInboundItemResult[];
}

/** A status or contact the receiver kept without a single match (the unmatched report). */
export interface WfmIssue {
  kind: 'status' | 'contact';
  reason: 'unmatched' | 'ambiguous' | 'unknown_user';
  integrationAlias: string;
  eventId: string;
  /** The status string, or the contact's workstream value. */
  value: string;
  userEmail: string | null;
  userId: string | null;
  timestamp: string;
  receivedAt: string;
  candidates: Array<{ id: number; name: string }>;
}

/** A contact as the receiver holds it. */
export interface WfmContact {
  integrationAlias: string;
  contactId: string;
  conversationId: string | null;
  workstream: string;
  workstreamId: number | null;
  workstreamName: string | null;
  workstreamMatch: 'matched' | 'unmatched' | 'ambiguous';
  userId: number | null;
  userEmail: string | null;
  channel: string | null;
  direction: 'inbound' | 'outbound' | null;
  status: 'open' | 'closed';
  startTime: string;
  endTime: string | null;
  handleTimeSeconds: number | null;
  createdAt: string;
  updatedAt: string;
}

/** What an `apply*` call did, by name. */
export interface WfmApplyResult<T> {
  created: T[];
  updated: T[];
  unchanged: T[];
}

/** One change of a user's identifier in an integration (voxbridge's design): by email or Playvox user id. */
export interface WfmUserMapping {
  /** The Playvox user's email (matched case-insensitively) … */
  email?: string;
  /** … or the Playvox user id. */
  userId?: number;
  /** The user's id in the integration (the Gladly agent id); null removes it. */
  identifier: string | null;
}

/** What a mapping did to one user. */
export interface WfmUserMappingResult {
  email: string | null;
  userId: number | null;
  identifier: string | null;
  /** `mapped`: set or changed; `cleared`: removed; `unchanged`; `unknown_user`: no such user. */
  outcome: 'mapped' | 'cleared' | 'unchanged' | 'unknown_user';
  /** The identifier the user held before. */
  previous: string | null;
  /** The Playvox id of another user who held the identifier and lost it. */
  takenFrom: number | null;
}

/** A user holding an identifier of an integration. */
export interface WfmUserMappingView {
  userId: number;
  email: string;
  identifier: string;
}
