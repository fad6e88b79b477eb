import type { LiveVoxTime } from '../time.js';
import type { LiveVoxId } from './common.js';

/** A count or a duration. LiveVox sends some as numbers and some as strings of digits (`"3"`). */
export type LiveVoxNumber = number | string;

/** The login answer (`POST /session/login`), without the session id, which the client keeps to itself. */
export interface SessionInfo {
  clientId: number;
  userId: number;
  /** Present when the password expires soon. */
  daysUntilPasswordExpires?: number;
}

/** The consumer's name on an in-progress call. */
export interface ConsumerName {
  firstName?: string | null;
  lastName?: string | null;
}

/** In Call Metadata (`GET /realtime/callData/inCall`). */
export interface InCallMetadata {
  serviceId: LiveVoxId;
  callCenterId: LiveVoxId;
  account?: string | null;
  totalDue?: number | null;
  callDirectionOutbound: boolean;
  callStartTime: LiveVoxTime;
  zipCode?: string | null;
  /** Documented as an Array, shown as an object in the example: both are accepted. */
  consumer?: ConsumerName | ConsumerName[] | null;
  /** Added by the client: `callStartTime` read with `parseLiveVoxTime`. */
  callStartedAt: Date | undefined;
}

/** Post Call Metadata (`GET /realtime/callData/postCall`). */
export interface PostCallMetadata {
  serviceId: LiveVoxId;
  callEndTime: LiveVoxTime;
  lvResult: string | null;
  /** Documented as an Integer, shown as a string. */
  phoneDialed: string | number | null;
  termCodeName: string | null;
  /** Added by the client: `callEndTime` read with `parseLiveVoxTime`. */
  callEndedAt: Date | undefined;
}

/** Records of a campaign per time zone. */
export interface TimezoneCount {
  /** `"ET"`, `"CT"`, `"MT"`, `"PT"`, `"AL"`, `"HI"`, `"AT"`, `"CHT"`, `"UK"`, `"SAFE"`. */
  timezone: string;
  count: number;
}

/** One campaign of Campaign Level Statistics (`POST /realtime/campaign/stats`). */
export interface CampaignStats {
  timezoneBreakdown: TimezoneCount[];
  campaignId: LiveVoxId;
  serviceId: LiveVoxId;
  /** Records processed successfully. */
  loaded: number;
  /** Records uploaded to the platform. */
  uploaded: number;
  /** Records yet to be dialed. */
  remaining: number;
}

/** Average seconds agents spent in each state (`POST /realtime/service/agents/averages`). */
export interface AgentAverages {
  averageReadyTime: LiveVoxNumber;
  averageNotReadyTime: LiveVoxNumber;
  averageTalkTime: LiveVoxNumber;
  averageWrapupTime: LiveVoxNumber;
  averagePreviewDialTime: LiveVoxNumber;
  averageManualDialTime: LiveVoxNumber;
  averageHoldTime: LiveVoxNumber;
  averageTransferringTime: LiveVoxNumber;
  averageRegisteringTime: LiveVoxNumber;
  averageDialingTime: LiveVoxNumber;
  averageReservedTime: LiveVoxNumber;
  timeStamp: LiveVoxTime;
  /** Added by the client: `timeStamp` read with `parseLiveVoxTime`. */
  updatedAt: Date | undefined;
}

/** Answer of Get Agent Averages. */
export interface AgentAveragesResponse {
  agentAverages: AgentAverages[];
  /** Last time the agent service was updated. */
  timeStamp: LiveVoxTime;
  /** Added by the client: `timeStamp` read with `parseLiveVoxTime`. */
  updatedAt: Date | undefined;
}

/** Per-agent counters shared by Get Agent Statistics and its `Ex` version (durations in seconds). */
export interface AgentCounters {
  inboundCalls: number;
  outboundCalls: number;
  readyDuration: number;
  totalNotReadyDuration: number;
  notReadyLunchDuration: number;
  notReadyTrainingDuration: number;
  notReadyBreakDuration: number;
  notReadyMeetingDuration: number;
  notReadyTechDiffDuration: number;
  notReadyOtherDuration: number;
  wrapupDuration: number;
  talkDuration: number;
  /** Right-party contacts, complete. */
  rpcComplete: number;
  rpcIncomplete: number;
  /** Wrong-party contacts. */
  wpc: number;
  nonContacts: number;
}

/** One agent of Get Agent Statistics (`POST /realtime/service/agent/stats`). */
export interface AgentStatistics extends AgentCounters {
  agentName: string;
  /** `"Ready"`, `"Not Ready"`, … */
  agentStatus: string;
  stateChangedTime: LiveVoxTime;
  /** Added by the client: `stateChangedTime` read with `parseLiveVoxTime`. */
  stateChangedAt: Date | undefined;
}

/** One service of an agent in Get Agent Statistics Ex. */
export interface AgentServiceStatistics extends AgentCounters {
  /** Service id. */
  id: LiveVoxId;
  callCenterId: LiveVoxId;
}

/** One agent of Get Agent Statistics Ex (`POST /realtime/service/agent/stats/ex`). */
export interface AgentStatisticsEx {
  services: AgentServiceStatistics[];
  agentName: string;
  agentLoginId: string;
}

/** One agent of Get Agent Status (`POST /realtime/service/agents/status`). */
export interface AgentDetail {
  serviceId: LiveVoxId;
  serviceName: string;
  agentLoginId: string;
  agentName: string;
  /** `"Ready"`, `"Not Ready"`, `"In Call"`, … */
  state: string;
  stateId: number;
  reasonCode: string | null;
  callType: string | null;
  /** When the agent entered the current state. */
  stateChangedAfter: LiveVoxTime;
  inboundCalls: number | null;
  outboundCalls: number | null;
  isAgentMonitored: boolean;
  transactionId: LiveVoxId | null;
  sessionId: string | null;
  account: string | null;
  agentSkill: string | null;
  phone: string | null;
  callCenterId: LiveVoxId;
  callCenterName: string;
  /** Added by the client: `stateChangedAfter` read with `parseLiveVoxTime`. */
  stateChangedAt: Date | undefined;
}

/** Answer of Get Agent Status. */
export interface AgentStatusResponse {
  agentDetails: AgentDetail[];
  timeStamp: LiveVoxTime;
  /** Added by the client: `timeStamp` read with `parseLiveVoxTime`. */
  updatedAt: Date | undefined;
}

/** One call on hold (`POST /realtime/service/calls/status`). */
export interface HoldCallDetail {
  serviceName: string;
  serviceId: LiveVoxId;
  /** The consumer's name. */
  name: string | null;
  account: string | null;
  phone: string | null;
  /** When the call was put on hold (epoch seconds in the seed's example). */
  timeStamp: LiveVoxTime;
  agentSkill: string | null;
  priority: LiveVoxNumber | null;
  /** Added by the client: `timeStamp` read with `parseLiveVoxTime`. */
  onHoldSince: Date | undefined;
}

/** Answer of Get Hold Service Details. */
export interface HoldDetailsResponse {
  callsDetails: HoldCallDetail[];
  /** Current server time. */
  timeStamp: LiveVoxTime;
  /** Added by the client: `timeStamp` read with `parseLiveVoxTime`. */
  updatedAt: Date | undefined;
}

/** Right-party live connects of one 5-minute interval (`POST /realtime/service/liveConnects`). */
export interface LiveConnect {
  total: LiveVoxNumber;
  timeStamp: LiveVoxTime;
  /** Added by the client: `timeStamp` read with `parseLiveVoxTime`. */
  at: Date | undefined;
}

/** One service of Get Service Statistics (`POST /realtime/service/stats`). */
export interface ServiceStats {
  /** Listed as an array; the seed shows it empty, so its items are not typed further. */
  calls: Array<Record<string, unknown>>;
  serviceId: LiveVoxId;
  serviceName: string;
  /** Calls in progress. */
  cip: number;
  totalOffered: number;
  totalHandled: number;
  totalAbandoned: number;
  abandonRate: number;
  serviceLevel: number;
  averageSpeedOfAnswer: number;
  averageDurationToAbandon: number;
  averageTalkDuration: number;
  averageWrapupDuration: number;
  averageHandleDuration: number;
  totalCallsAnsweredWithinSLA: number;
  totalCallsAbandonedWithinSLA: number;
  /** `"Max CIP"`, … */
  pacingMethod: string;
  throttle: LiveVoxNumber;
  /** `"calls"`, … */
  units: string;
  totalCallsInQueue: number;
  callsWithAgent: number;
  totalAgents: number;
  /** Seconds. */
  longestCallInQueue: number;
  maxHoldTime: number;
  loaded: number;
  remaining: number;
  playingDialable: number;
  percentComplete: number;
  callCenterId: LiveVoxId;
  callCenterName: string;
}
