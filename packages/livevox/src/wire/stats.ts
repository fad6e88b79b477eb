import { z } from 'zod';
import {
  liveVoxIdSchema as id,
  liveVoxNumberSchema as lvNumber,
  liveVoxTimeSchema as time,
} from './common.js';

/**
 * The answers of the Session login, Call Data and the Real-Time statistics methods, as the seed's field
 * tables and examples show them. Objects are loose: LiveVox may add fields.
 */

/** The login answer (`POST /session/login`). */
export const loginAnswerSchema = z.looseObject({
  sessionId: z.string().min(1).describe('Send it as LV-Session on every other request'),
  clientId: z.number().int(),
  userId: z.number().int(),
  daysUntilPasswordExpires: z.number().int().optional().describe('Present when the password expires soon'),
});

/** The consumer's name on an in-progress call. */
export const consumerNameSchema = z.looseObject({
  firstName: z.string().nullable().optional(),
  lastName: z.string().nullable().optional(),
});

/** In Call Metadata (`GET /realtime/callData/inCall`). */
export const inCallMetadataSchema = z.looseObject({
  serviceId: id,
  callCenterId: id,
  account: z.string().nullable().optional(),
  totalDue: z.number().nullable().optional(),
  callDirectionOutbound: z.boolean(),
  callStartTime: time,
  zipCode: z.string().nullable().optional(),
  consumer: z
    .union([consumerNameSchema, z.array(consumerNameSchema)])
    .nullable()
    .optional()
    .describe('Documented as an Array, shown as an object in the example'),
});

/** Post Call Metadata (`GET /realtime/callData/postCall`). */
export const postCallMetadataSchema = z.looseObject({
  serviceId: id,
  callEndTime: time,
  lvResult: z.string().nullable(),
  phoneDialed: z
    .union([z.string(), z.number()])
    .nullable()
    .describe('Documented as an Integer, shown as a string'),
  termCodeName: z.string().nullable(),
});

/** Records of a campaign per time zone (`ET`, `CT`, … `SAFE`). */
export const timezoneCountSchema = z.looseObject({ timezone: z.string(), count: z.number() });

/** One campaign of Campaign Level Statistics. */
export const campaignStatsSchema = z.looseObject({
  timezoneBreakdown: z.array(timezoneCountSchema),
  campaignId: id,
  serviceId: id,
  loaded: z.number().describe('Records processed successfully'),
  uploaded: z.number().describe('Records uploaded to the platform'),
  remaining: z.number().describe('Records yet to be dialed'),
});

/** Average seconds agents spent in each state. */
export const agentAveragesSchema = z.looseObject({
  averageReadyTime: lvNumber,
  averageNotReadyTime: lvNumber,
  averageTalkTime: lvNumber,
  averageWrapupTime: lvNumber,
  averagePreviewDialTime: lvNumber,
  averageManualDialTime: lvNumber,
  averageHoldTime: lvNumber,
  averageTransferringTime: lvNumber,
  averageRegisteringTime: lvNumber,
  averageDialingTime: lvNumber,
  averageReservedTime: lvNumber,
  timeStamp: time,
});

/** Per-agent counters of Get Agent Statistics and its `Ex` version (durations in seconds). */
export const agentCountersShape = {
  inboundCalls: z.number(),
  outboundCalls: z.number(),
  readyDuration: z.number(),
  totalNotReadyDuration: z.number(),
  notReadyLunchDuration: z.number(),
  notReadyTrainingDuration: z.number(),
  notReadyBreakDuration: z.number(),
  notReadyMeetingDuration: z.number(),
  notReadyTechDiffDuration: z.number(),
  notReadyOtherDuration: z.number(),
  wrapupDuration: z.number(),
  talkDuration: z.number(),
  rpcComplete: z.number().describe('Right-party contacts, complete'),
  rpcIncomplete: z.number(),
  wpc: z.number().describe('Wrong-party contacts'),
  nonContacts: z.number(),
};

/** One agent of Get Agent Statistics. */
export const agentStatisticsSchema = z.looseObject({
  ...agentCountersShape,
  agentName: z.string(),
  agentStatus: z.string().describe('"Ready", "Not Ready", …'),
  stateChangedTime: time,
});

/** One service of an agent in Get Agent Statistics Ex. */
export const agentServiceStatisticsSchema = z.looseObject({
  ...agentCountersShape,
  id: id.describe('Service id'),
  callCenterId: id,
});

/** One agent of Get Agent Statistics Ex. */
export const agentStatisticsExSchema = z.looseObject({
  services: z.array(agentServiceStatisticsSchema),
  agentName: z.string(),
  agentLoginId: z.string(),
});

/** One agent of Get Agent Status. */
export const agentDetailSchema = z.looseObject({
  serviceId: id,
  serviceName: z.string(),
  agentLoginId: z.string(),
  agentName: z.string(),
  state: z.string().describe('"Ready", "Not Ready", "In Call", …'),
  stateId: z.number(),
  reasonCode: z.string().nullable(),
  callType: z.string().nullable(),
  stateChangedAfter: time.describe('When the agent entered the current state'),
  inboundCalls: z.number().nullable(),
  outboundCalls: z.number().nullable(),
  isAgentMonitored: z.boolean(),
  transactionId: id.nullable(),
  sessionId: z.string().nullable(),
  account: z.string().nullable(),
  agentSkill: z.string().nullable(),
  phone: z.string().nullable(),
  callCenterId: id,
  callCenterName: z.string(),
});

/** One call on hold (Get Hold Service Details). */
export const holdCallDetailSchema = z.looseObject({
  serviceName: z.string(),
  serviceId: id,
  name: z.string().nullable().describe("The consumer's name"),
  account: z.string().nullable(),
  phone: z.string().nullable(),
  timeStamp: time.describe('When the call was put on hold (epoch seconds in the seed)'),
  agentSkill: z.string().nullable(),
  priority: lvNumber.nullable(),
});

/** Right-party live connects of one 5-minute interval. */
export const liveConnectSchema = z.looseObject({ total: lvNumber, timeStamp: time });

/** One service of Get Service Statistics. */
export const serviceStatsSchema = z.looseObject({
  calls: z.array(z.record(z.string(), z.unknown())).describe('Shown empty in the seed'),
  serviceId: id,
  serviceName: z.string(),
  cip: z.number().describe('Calls in progress'),
  totalOffered: z.number(),
  totalHandled: z.number(),
  totalAbandoned: z.number(),
  abandonRate: z.number(),
  serviceLevel: z.number(),
  averageSpeedOfAnswer: z.number(),
  averageDurationToAbandon: z.number(),
  averageTalkDuration: z.number(),
  averageWrapupDuration: z.number(),
  averageHandleDuration: z.number(),
  totalCallsAnsweredWithinSLA: z.number(),
  totalCallsAbandonedWithinSLA: z.number(),
  pacingMethod: z.string(),
  throttle: lvNumber,
  units: z.string(),
  totalCallsInQueue: z.number(),
  callsWithAgent: z.number(),
  totalAgents: z.number(),
  longestCallInQueue: z.number().describe('Seconds'),
  maxHoldTime: z.number(),
  loaded: z.number(),
  remaining: z.number(),
  playingDialable: z.number(),
  percentComplete: z.number(),
  callCenterId: id,
  callCenterName: z.string(),
});

/** The answers of the statistics methods, by method. */
export const statsAnswers = {
  campaign: z.object({ stats: z.array(campaignStatsSchema) }),
  agentAverages: z.object({ agentAverages: z.array(agentAveragesSchema), timeStamp: time }),
  agentStats: z.object({ agentStatistics: z.array(agentStatisticsSchema) }),
  agentStatsEx: z.object({ agentStatistics: z.array(agentStatisticsExSchema) }),
  agentStatus: z.object({ agentDetails: z.array(agentDetailSchema), timeStamp: time }),
  holdDetails: z.object({ callsDetails: z.array(holdCallDetailSchema), timeStamp: time }),
  liveConnects: z.object({ liveConnects: z.array(liveConnectSchema) }),
  serviceStats: z.object({ stats: z.array(serviceStatsSchema) }),
};
