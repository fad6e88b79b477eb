import type { z } from 'zod';
import type { LiveVoxTime } from '../time.js';
import type { liveVoxNumberSchema } from '../wire/common.js';
import type {
  agentAveragesSchema,
  agentDetailSchema,
  agentServiceStatisticsSchema,
  agentStatisticsExSchema,
  agentStatisticsSchema,
  campaignStatsSchema,
  consumerNameSchema,
  holdCallDetailSchema,
  inCallMetadataSchema,
  liveConnectSchema,
  loginAnswerSchema,
  postCallMetadataSchema,
  serviceStatsSchema,
  timezoneCountSchema,
} from '../wire/stats.js';

// The answer types are the contract's schemas (`@voxbridge/livevox/wire`); where the client adds a
// parsed Date next to a LiveVox time, the type says so.

/**
 * An answer item with the `Date` the client adds: `callStartedAt` from `callStartTime`, `callEndedAt` from
 * `callEndTime`, `updatedAt` and `onHoldSince` and `at` from `timeStamp`, `stateChangedAt` from
 * `stateChangedTime` or `stateChangedAfter`, each read with `parseLiveVoxTime` (undefined when unreadable).
 */
type WithDate<S extends z.ZodType, K extends string> = z.output<S> & { [P in K]: Date | undefined };

/** A count or a duration. LiveVox sends some as numbers and some as strings of digits (`"3"`). */
export type LiveVoxNumber = z.output<typeof liveVoxNumberSchema>;

/** The login answer (`POST /session/login`), without the session id, which the client keeps to itself. */
export type SessionInfo = Omit<z.output<typeof loginAnswerSchema>, 'sessionId'>;

/** The consumer's name on an in-progress call. */
export type ConsumerName = z.output<typeof consumerNameSchema>;

/** In Call Metadata (`GET /realtime/callData/inCall`). */
export type InCallMetadata = WithDate<typeof inCallMetadataSchema, 'callStartedAt'>;

/** Post Call Metadata (`GET /realtime/callData/postCall`). */
export type PostCallMetadata = WithDate<typeof postCallMetadataSchema, 'callEndedAt'>;

/** Records of a campaign per time zone (`"ET"`, `"CT"`, … `"SAFE"`). */
export type TimezoneCount = z.output<typeof timezoneCountSchema>;

/** One campaign of Campaign Level Statistics (`POST /realtime/campaign/stats`). */
export type CampaignStats = z.output<typeof campaignStatsSchema>;

/** Average seconds agents spent in each state (`POST /realtime/service/agents/averages`). */
export type AgentAverages = WithDate<typeof agentAveragesSchema, 'updatedAt'>;

/** An answer that holds a list under `K` and the server's `timeStamp`, with the client's parsed `updatedAt`. */
type TimedList<K extends string, T> = { [P in K]: T[] } & {
  /** The server's time of the answer (for Agent Averages: the last update of the agent service). */
  timeStamp: LiveVoxTime;
  /** Added by the client: `timeStamp` read with `parseLiveVoxTime`. */
  updatedAt: Date | undefined;
};

/** Answer of Get Agent Averages. */
export type AgentAveragesResponse = TimedList<'agentAverages', AgentAverages>;

/** Per-agent counters shared by Get Agent Statistics and its `Ex` version (durations in seconds). */
export type AgentCounters = Omit<z.output<typeof agentServiceStatisticsSchema>, 'id' | 'callCenterId'>;

/** One agent of Get Agent Statistics (`POST /realtime/service/agent/stats`). */
export type AgentStatistics = WithDate<typeof agentStatisticsSchema, 'stateChangedAt'>;

/** One service of an agent in Get Agent Statistics Ex. */
export type AgentServiceStatistics = z.output<typeof agentServiceStatisticsSchema>;

/** One agent of Get Agent Statistics Ex (`POST /realtime/service/agent/stats/ex`). */
export type AgentStatisticsEx = z.output<typeof agentStatisticsExSchema>;

/** One agent of Get Agent Status (`POST /realtime/service/agents/status`). */
export type AgentDetail = WithDate<typeof agentDetailSchema, 'stateChangedAt'>;

/** Answer of Get Agent Status. */
export type AgentStatusResponse = TimedList<'agentDetails', AgentDetail>;

/** One call on hold (`POST /realtime/service/calls/status`). */
export type HoldCallDetail = WithDate<typeof holdCallDetailSchema, 'onHoldSince'>;

/** Answer of Get Hold Service Details. */
export type HoldDetailsResponse = TimedList<'callsDetails', HoldCallDetail>;

/** Right-party live connects of one 5-minute interval (`POST /realtime/service/liveConnects`). */
export type LiveConnect = WithDate<typeof liveConnectSchema, 'at'>;

/** One service of Get Service Statistics (`POST /realtime/service/stats`). */
export type ServiceStats = z.output<typeof serviceStatsSchema>;
