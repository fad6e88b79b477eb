import { z } from 'zod';
import { liveVoxIdSchema as id, liveVoxTimeSchema as time } from './common.js';

/**
 * The event items of the feeds and the pages that carry them. Items are loose objects (LiveVox adds
 * fields over time) with every field optional where LiveVox leaves out what does not apply. A page is
 * checked as an envelope (`token` plus an array); the client reads its items one by one, so one
 * malformed item never rejects the page around it.
 */

/** A string that also names the values the seeds show (`LOGON`, …), for editors and the document. */
function openEnum<const T extends string>(values: readonly T[], what: string) {
  return z.string().describe(`${what}: ${values.join(', ')} (others may appear)`) as unknown as z.ZodType<
    T | (string & {})
  >;
}

const text = z.string().nullable().optional();
const maybeId = id.nullable().optional();
const maybeNumber = z.number().nullable().optional();

/** Agent states an agent event reports, indexed by LiveVox's `stateId` (0 logged off … 5 wrap-up). */
export const AGENT_EVENT_TYPES = ['LOGOFF', 'LOGON', 'READY', 'NOT_READY', 'IN_CALL', 'WRAP_UP'] as const;

/** One agent state change of the Agent Event Feed, with every field the seed shows. */
export const agentEventSchema = z.looseObject({
  timestamp: time.optional().describe('When the state changed; epoch milliseconds in the seed'),
  clientId: id.optional(),
  agentId: id.optional(),
  agentServiceId: id.optional().describe('The service the agent is logged into'),
  agentTeamId: id.optional(),
  lineNumber: z.string().optional().describe('"ACD" for the automatic call distribution line'),
  eventType: openEnum(AGENT_EVENT_TYPES, 'Agent state').optional(),
  notReadyReasonCode: text.describe('Why the agent is Not Ready ("OTHER", "LUNCH", …)'),
  callServiceId: maybeId.describe('The service of the call the event relates to'),
  transactionId: maybeId,
  sessionId: text.describe("The call's session id"),
  phoneNumber: text,
  result: text.describe('The call result (term code) on a wrap-up'),
  campaignType: text,
  agent2Id: maybeId.describe('A second agent (transfer, conference)'),
  supervisorSessionId: text,
  supervisorPhoneNumber: text,
  seqNum: z.number().optional().describe('Sequence number of the event for this agent'),
  eventId: z.string().optional().describe('Unique id of the event (cid=…:aid=…:time=…:seq=…)'),
});

/** Voice call event kinds of the Interaction Event feeds, in the order a call produces them (as the seed shows). */
export const CALL_EVENT_TYPES = ['CALL_START', 'CALL_TERMINATION', 'CALL_DISPOSITION'] as const;

/** Interaction types, as filters name them (events spell them `VOICE`, `SMS`, `Email`). */
export const INTERACTION_TYPES = ['VOICE', 'EMAIL', 'SMS', 'CHAT'] as const;

/**
 * One event of the Interaction Event feeds (long poll and SSE): voice call start, disposition and
 * termination, outbound e-mail and SMS. Every field of the seed's field table and examples; which appear
 * depends on `interactionType` and `callEventType`. `"null"` (a string) appears where a value is missing.
 */
export const interactionEventSchema = z.looseObject({
  eventId: z.string().min(1).describe('Unique id of the event; also the resume token of the SSE feed'),
  interactionType: openEnum(INTERACTION_TYPES, 'Spelled as the API sends it ("Email")').optional(),
  callEventType: openEnum(CALL_EVENT_TYPES, 'Voice only').optional(),
  eventType: z.string().optional().describe('"Attempt" and the like (e-mail, SMS)'),
  clientId: id.optional(),
  callCenterId: id.optional(),
  serviceId: id.optional(),
  campaignId: maybeId,
  campaignType: text,
  campaignTypeId: id.optional(),
  timestamp: time.optional().describe('When the event happened'),
  start: time.optional().describe('Voice call start'),
  end: time.optional().describe('Voice call end'),
  callStartTime: time.optional().describe('Interaction start, epoch milliseconds in a string (SMS)'),
  sessionId: z.string().optional(),
  transactionId: id.optional(),
  acctTransactionId: id.optional(),
  threadId: text,
  account: text,
  accountNumber: text,
  phoneNumber: text,
  phoneDialed: text,
  phonePosition: maybeId,
  callerId: text,
  operatorPhone: text,
  areaCodeState: text,
  zipCode: text,
  callDirection: text.describe('"MANUAL", "INBOUND", "OUTBOUND"'),
  agentId: maybeId,
  agentLoginId: text,
  agentSkillId: maybeId,
  agentActionType: text,
  carrier: text.describe('SMS/e-mail carrier ("sap_sms365", "sendgrid")'),
  smsCode: text,
  fromEmail: text,
  toEmail: text,
  duration: maybeNumber.describe('Call duration in seconds'),
  roundedIvrDuration: maybeNumber,
  transferHoldDuration: maybeNumber,
  serviceLevelThreshold: maybeNumber,
  priority: maybeNumber,
  lvResult: text,
  lvResultId: maybeId,
  operatorTransfer: maybeNumber,
  operatorTransferSuccessful: maybeNumber,
  callOutcome1: text,
  callOutcome2: text,
  callOutcome3: text,
});

/** One event of the deprecated Call Event methods: voice events with the fields public clients read. */
export const callEventSchema = z.looseObject({
  eventId: z.string().optional(),
  callEventType: openEnum(CALL_EVENT_TYPES, 'Voice call event').optional(),
  agentId: maybeId,
  agentLoginId: text,
  serviceId: id.optional(),
  callCenterId: id.optional(),
  sessionId: z.string().optional(),
  transactionId: id.optional(),
  account: text,
  phoneDialed: text,
  lvResult: text,
  duration: maybeNumber.describe('Seconds'),
  start: time.nullable().optional(),
  end: time.nullable().optional(),
  timestamp: time.nullable().optional(),
});

const token = z.string().min(1).describe('Send it back as `token` to continue right after this page');

/** An answer of the Agent Event Feed and the deprecated Agent Event method. */
export const agentEventPageSchema = z.object({
  token,
  agentEvent: z.array(agentEventSchema).optional(),
});

/** An answer of the Interaction Event Feed (long poll). */
export const interactionEventPageSchema = z.object({
  token,
  events: z.array(interactionEventSchema),
});

/** An answer of the deprecated Call Event methods: events under `callEvent` (clients) or `events` (seed). */
export const callEventPageSchema = z.object({
  token,
  callEvent: z.array(callEventSchema).optional(),
  events: z.array(callEventSchema).optional(),
});
