import type { z } from 'zod';
import type { integrationIdentifiers } from './fields.js';
import type {
  agentStatusEvent,
  contactEvent,
  taskDefinitionInput,
  userMapping,
  workstreamInput,
} from './inputs.js';
import type {
  agentChannelMetrics,
  agentMetrics,
  agentMetricsUser,
  contact,
  flag01,
  inboundItemResult,
  inboundSummary,
  issue,
  match,
  taskDefinition,
  taskInterval,
  token,
  user,
  userIntegration,
  userMappingResult,
  userMappingView,
  workstream,
} from './models.js';

/**
 * The TypeScript types of the WFM wire, inferred from the schemas: answers as parsed (`z.output`),
 * request bodies as sent (`z.input`). The client re-exports them under the same names.
 */

/** A user's id in one integration (the Gladly agent id, the LiveVox agent id). */
export type WfmUserIntegration = z.output<typeof userIntegration>;
/** A WFM user, as `GET /api/organisation/users` returns it (`data[]`). */
export type WfmUser = z.output<typeof user>;
/** The token answer's `data`. */
export type WfmToken = z.output<typeof token>;
/** Integration alias → regular expression, matched against the whole incoming value (`^(?:re)$`). */
export type WfmIntegrationIdentifiers = z.output<typeof integrationIdentifiers>;
/** A Task definition (`GET /api/schedule/tasks/definitions`). */
export type WfmTaskDefinition = z.output<typeof taskDefinition>;
/** What a task definition is created or updated from (`voxbridge apply`). */
export type WfmTaskDefinitionInput = z.input<typeof taskDefinitionInput>;
/** A Workstream: a queue or inbox that contacts are counted against. */
export type WfmWorkstream = z.output<typeof workstream>;
/** What a workstream is created or updated from. */
export type WfmWorkstreamInput = z.input<typeof workstreamInput>;
/** 0 or 1: how WFM reports the task flags on intervals. */
export type WfmFlag = z.output<typeof flag01>;
/** An agent-status interval (task data), as `GET /api/workactivity/tasks` returns it. */
export type WfmTaskInterval = z.output<typeof taskInterval>;
/** One channel record of the agent metrics: `channel` plus about 90 numeric metrics, each possibly null. */
export type WfmAgentChannelMetrics = z.output<typeof agentChannelMetrics>;
/** One user's metrics on one date. */
export type WfmAgentMetricsUser = z.output<typeof agentMetricsUser>;
/** The agent metrics (`data` of `GET /api/workactivity/workstreams/metrics/agents`). */
export type WfmAgentMetrics = z.output<typeof agentMetrics>;
/** One agent-status event as the inbound endpoint takes it. */
export type WfmAgentStatusWire = z.input<typeof agentStatusEvent>;
/** One contact event as the inbound endpoint takes it. */
export type WfmContactWire = z.input<typeof contactEvent>;
/** How the receiver resolved one inbound event. */
export type WfmMatch = z.output<typeof match>;
/** The outcome of one inbound event. */
export type WfmInboundItemResult = z.output<typeof inboundItemResult>;
/** The `data` of one inbound POST. */
export type WfmInboundSummary = z.output<typeof inboundSummary>;
/** A status or contact the receiver kept without a single match (the unmatched report). */
export type WfmIssue = z.output<typeof issue>;
/** A contact as the receiver holds it. */
export type WfmContact = z.output<typeof contact>;
/** One change of a user's identifier in an integration: by email or Playvox user id. */
export type WfmUserMapping = z.input<typeof userMapping>;
/** What a mapping did to one user. */
export type WfmUserMappingResult = z.output<typeof userMappingResult>;
/** A user holding an identifier of an integration. */
export type WfmUserMappingView = z.output<typeof userMappingView>;
