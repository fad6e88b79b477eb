import { z } from 'zod';
import { integrationIdentifiers, isoTime } from './fields.js';

/**
 * The read shapes of Playvox WFM. Users, task intervals and agent metrics follow the public clients
 * (tap-playvox's schemas, where any field may be null); task definitions follow an R script; workstreams,
 * contacts, issues and mappings are voxbridge's design (see WFM.md).
 */

/** A user's id in one integration (the Gladly agent id, the LiveVox agent id). */
export const userIntegration = z.object({
  integrationAlias: z.string().describe('The integration alias (gladly, livevox).'),
  identifier: z.string().describe("The user's id in that system."),
});

/** A WFM user, as `GET /api/organisation/users` returns it (`data[]`, tap-playvox `users.json`). */
export const user = z.object({
  id: z.number().int(),
  _id: z.string().optional(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  name: z.string().nullable().optional(),
  email: z.string().describe('The login email; match it case-insensitively.'),
  timezone: z.string().nullable(),
  organisationId: z.number().int().nullable(),
  roles: z.array(z.unknown()),
  startAt: isoTime().nullable(),
  updatedAt: isoTime().nullable(),
  integrations: z
    .array(userIntegration)
    .describe('Per-integration identifiers that user sync keeps correct.'),
  team: z.object({ id: z.number().int(), name: z.string() }).nullable().optional(),
  teamId: z.number().int().nullable(),
  teamName: z.string().nullable(),
  systemRole: z
    .object({ id: z.number().int(), name: z.string(), category: z.string() })
    .nullable()
    .optional(),
  isActive: z.boolean(),
  permissions: z.array(z.unknown()),
});

/** The token answer's `data`; the lifetime field is `expiresIn` (tap-playvox) or `expireIn` (Fivetran). */
export const token = z.object({
  accessToken: z.string().min(1),
  tokenType: z.string().optional(),
  expiresIn: z.number().optional().describe('Lifetime in seconds (tap-playvox).'),
  expireIn: z.number().optional().describe('Lifetime in seconds (Fivetran).'),
});

/** A Task definition (`GET /api/schedule/tasks/definitions`). */
export const taskDefinition = z.object({
  id: z.number().int(),
  name: z.string(),
  taskIdentifier: z.string().describe("Short code copied into each interval's taskIdentifier."),
  taskTypeIdentifier: z.string().nullable(),
  colour: z.string(),
  categoryName: z.string().nullable(),
  workloadChannel: z.string().nullable(),
  isPaid: z.boolean(),
  isPlanned: z.boolean(),
  isLeave: z.boolean(),
  isBreak: z.boolean(),
  isProductive: z.boolean(),
  integrationIdentifiers,
  createdAt: isoTime(),
  updatedAt: isoTime(),
});

/** A Workstream: a queue or inbox that contacts are counted against. */
export const workstream = z.object({
  id: z.number().int(),
  name: z.string(),
  channel: z
    .string()
    .nullable()
    .describe("Channel reported in agent metrics for this workstream's contacts (voice, chat, …)."),
  waitTimeThreshold: z.number().nullable(),
  gradeOfService: z.number().nullable(),
  ahtGoal: z.number().nullable(),
  abandonThreshold: z.number().nullable(),
  integrationIdentifiers,
  createdAt: isoTime(),
  updatedAt: isoTime(),
});

/** 0 or 1: how WFM reports the task flags on intervals. */
export const flag01 = z.literal([0, 1]);

/** An agent-status interval (task data), as `GET /api/workactivity/tasks` returns it. */
export const taskInterval = z.object({
  id: z.number().int(),
  createdAt: isoTime(),
  updatedAt: isoTime().nullable(),
  startTime: isoTime(),
  endTime: isoTime().nullable().describe("Null while the interval is open (the user's latest status)."),
  taskId: z.number().int(),
  taskIdentifier: z.string().nullable(),
  taskTypeIdentifier: z.unknown(),
  colour: z.string().nullable(),
  name: z.string(),
  integrationAlias: z.string().nullable(),
  userId: z.number().int(),
  userEmail: z.string(),
  isProductive: flag01.nullable(),
  isLeave: flag01.nullable(),
  isBreak: flag01.nullable(),
  isPaid: flag01.nullable(),
  shiftDataId: z.number().int().nullable(),
  shiftId: z.string().nullable(),
});

/**
 * The per-channel metric names of the agent metrics, as tap-playvox's `agent_metrics.json` lists them
 * (each a number or null).
 */
export const WFM_AGENT_METRIC_NAMES = [
  ...['totalNumberOfTouches', 'totalInteractions', 'totalHandleTime', 'totalPhoneHandleTime'],
  ...['totalChatHandleTime', 'totalInboundHandleTime', 'totalOutboundHandleTime'],
  ...['totalFirstAnswerHandleTimeOccupancy', 'totalFirstSolvedHandleTime', 'totalFirstSolvedCompleted'],
  ...['totalTouchTime', 'totalTouchTimePostFirstAnswer', 'totalWaitTime', 'totalWrapTime', 'totalTalkTime'],
  ...['totalHoldTime', 'totalOutboundWrapTime', 'totalOutboundTalkTime', 'totalOutboundHoldTime'],
  ...['totalOutboundWaitTime', 'totalInboundWrapTime', 'totalInboundTalkTime', 'totalInboundHoldTime'],
  ...['totalInboundWaitTime', 'totalPositiveCsatResponses', 'totalCsatResponses', 'totalWorkstreamsHandled'],
  ...['totalOutboundWorkstreamsHandled', 'totalInboundWorkstreamsHandled', 'totalResolved'],
  ...['totalFirstReplyCompleted', 'totalPhoneFirstReplyCompleted', 'totalInboundPhoneFirstReplyCompleted'],
  ...['totalOutboundPhoneFirstReplyCompleted', 'totalChatFirstReplyCompleted'],
  ...['totalOutboundPhoneInteractions', 'totalInboundPhoneInteractions', 'totalQualityResponses'],
  ...['totalQualityScores', 'totalReopens', 'totalReplies', 'totalReassigns', 'totalFirstInteraction'],
  ...['totalPrivateComments', 'totalPublicComments', 'totalMissedChats', 'totalChatInteractions'],
  ...['totalAcceptedChats', 'totalAssignedChats', 'totalSelfAssignedChats', 'totalChatInteractionHandleTime'],
  ...['missedCalls', 'declinedCalls', 'handledCalls', 'skippedTickets', 'skippedTicketsPercentage'],
  ...['totalResolutions', 'totalWorkstreams', 'averageQualityScore', 'positiveCsatPercentage'],
  ...['averageTouchTime', 'averageTouches', 'averageWaitTime', 'averageWrapTime', 'averageTalkTime'],
  ...['averageHoldTime', 'averagePhoneHandleTime', 'averageChatHandleTime', 'averageHandleTime'],
  ...['averageOutboundWrapTime', 'averageOutboundWaitTime', 'averageOutboundTalkTime'],
  ...['averageOutboundHoldTime', 'averageInboundWrapTime', 'averageInboundWaitTime'],
  ...['averageInboundTalkTime', 'averageInboundHoldTime', 'averageTotalOutboundHandleTime'],
  ...['averageTotalInboundHandleTime', 'averageOutboundHandleTime', 'averageInboundHandleTime'],
  ...['averageTotalHandleTime', 'averageFirstSolvedHandleTime', 'reopenRate', 'firstInteractionResolution'],
  ...['missedChatsPercentage', 'missedCallsPercentage', 'declinedCallsPercentage', 'handledCallsPercentage'],
] as const;

/** One of {@link WFM_AGENT_METRIC_NAMES}. */
export type WfmAgentMetricName = (typeof WFM_AGENT_METRIC_NAMES)[number];

/** One channel record of the agent metrics: `channel` plus the numeric metrics, each possibly null. */
export const agentChannelMetrics = z
  .object({
    channel: z.string().nullable(),
    ...(Object.fromEntries(
      WFM_AGENT_METRIC_NAMES.map((name) => [name, z.number().nullable().optional()]),
    ) as Record<WfmAgentMetricName, z.ZodOptional<z.ZodNullable<z.ZodNumber>>>),
  })
  // Playvox may add metrics; a client keeps what it does not know.
  .catchall(z.union([z.number(), z.string(), z.null()]));

/** One user's metrics on one date (`id: null` when the request asked for no user grouping). */
export const agentMetricsUser = z.object({
  id: z.number().int().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  channels: z.array(agentChannelMetrics),
});

/** The `data` of `GET /api/workactivity/workstreams/metrics/agents`. */
export const agentMetrics = z.object({
  dates: z.array(
    z.object({
      date: z.string().nullable().describe('YYYY-MM-DD; null when the request asked for no date grouping.'),
      users: z.array(agentMetricsUser),
    }),
  ),
});

/** How the receiver resolved one inbound event. */
export const match = z.enum(['matched', 'unmatched', 'ambiguous', 'unknown_user']);

/** The outcome of one inbound event. */
export const inboundItemResult = z.object({
  eventId: z.string(),
  outcome: z.enum(['accepted', 'duplicate']),
  match: match
    .optional()
    .describe('Statuses: how the status resolved. Contacts: how the workstream resolved, or unknown_user.'),
  taskId: z.number().int().nullable().optional(),
  workstreamId: z.number().int().nullable().optional(),
  userId: z.number().int().nullable().optional(),
});

/** The `data` of an inbound POST. */
export const inboundSummary = z.object({
  received: z.number().int(),
  accepted: z.number().int(),
  duplicates: z.number().int(),
  results: z.array(inboundItemResult),
});

/** A status or contact the receiver kept without a single match (the unmatched report). */
export const issue = z.object({
  kind: z.enum(['status', 'contact']),
  reason: z.enum(['unmatched', 'ambiguous', 'unknown_user']),
  integrationAlias: z.string(),
  eventId: z.string(),
  value: z.string().describe("The status string, or the contact's workstream value."),
  userEmail: z.string().nullable(),
  userId: z.string().nullable(),
  timestamp: isoTime().describe("The event's time (statuses) or the contact's start (contacts)."),
  receivedAt: isoTime(),
  candidates: z
    .array(z.object({ id: z.number().int(), name: z.string() }))
    .describe('The records that all matched (ambiguous only).'),
});

/** A contact as the receiver holds it. */
export const contact = z.object({
  integrationAlias: z.string(),
  contactId: z.string(),
  conversationId: z.string().nullable(),
  workstream: z.string().describe('The workstream value as sent.'),
  workstreamId: z.number().int().nullable(),
  workstreamName: z.string().nullable(),
  workstreamMatch: z.enum(['matched', 'unmatched', 'ambiguous']),
  userId: z.number().int().nullable(),
  userEmail: z.string().nullable(),
  channel: z.string().nullable(),
  direction: z.enum(['inbound', 'outbound']).nullable(),
  status: z.enum(['open', 'closed']),
  startTime: isoTime(),
  endTime: isoTime().nullable(),
  handleTimeSeconds: z.number().nullable(),
  createdAt: isoTime(),
  updatedAt: isoTime(),
});

/** What a mapping did to one user. */
export const userMappingResult = z.object({
  email: z.string().nullable(),
  userId: z.number().int().nullable(),
  identifier: z.string().nullable(),
  outcome: z
    .enum(['mapped', 'cleared', 'unchanged', 'unknown_user'])
    .describe('mapped: set or changed; cleared: removed; unchanged; unknown_user: no such user.'),
  previous: z.string().nullable().describe('The identifier the user held before.'),
  takenFrom: z
    .number()
    .int()
    .nullable()
    .describe('The Playvox id of another user who held the identifier and lost it.'),
});

/** A user holding an identifier of an integration. */
export const userMappingView = z.object({
  userId: z.number().int(),
  email: z.string(),
  identifier: z.string(),
});
