import type { LiveVoxTime } from '../time.js';
import type { InteractionType, LiveVoxId } from './common.js';

/** Agent states an agent event reports (the API may add others). */
export type AgentEventType =
  | 'LOGON'
  | 'LOGOFF'
  | 'READY'
  | 'NOT_READY'
  | 'IN_CALL'
  | 'WRAP_UP'
  | (string & {});

/**
 * One agent state change from the Agent Event Feed (`POST /realtime/agentEvent/feed`), with every field
 * the seed shows. Fields are optional because LiveVox leaves out what does not apply.
 */
export interface AgentEvent {
  /** When the state changed; epoch milliseconds in the seed. */
  timestamp?: LiveVoxTime;
  clientId?: LiveVoxId;
  agentId?: LiveVoxId;
  /** The service the agent is logged into. */
  agentServiceId?: LiveVoxId;
  agentTeamId?: LiveVoxId;
  /** `"ACD"` for the automatic call distribution line. */
  lineNumber?: string;
  eventType?: AgentEventType;
  /** Why the agent is Not Ready (`"OTHER"`, `"LUNCH"`, …). */
  notReadyReasonCode?: string | null;
  /** The service of the call the event relates to. */
  callServiceId?: LiveVoxId | null;
  transactionId?: LiveVoxId | null;
  /** The call's session id. */
  sessionId?: string | null;
  phoneNumber?: string | null;
  /** The call result (term code) on a wrap-up. */
  result?: string | null;
  campaignType?: string | null;
  /** A second agent (transfer, conference). */
  agent2Id?: LiveVoxId | null;
  supervisorSessionId?: string | null;
  supervisorPhoneNumber?: string | null;
  /** Sequence number of the event for this agent. */
  seqNum?: number;
  /** Unique id of the event (`cid=…:aid=…:time=…:seq=…`). */
  eventId?: string;
  /** Added by the client: `timestamp` read with `parseLiveVoxTime`. */
  occurredAt: Date | undefined;
}

/** Voice call event kinds of the Interaction Event feeds. */
export type CallEventType = 'CALL_START' | 'CALL_DISPOSITION' | 'CALL_TERMINATION' | (string & {});

/**
 * One event of the Interaction Event feeds (long-poll `POST /realtime/event/feed` and SSE
 * `POST /realtime/event/feed/sse`): voice call start, disposition and termination, outbound e-mail and
 * outbound SMS. Every field from the seed's field table and examples is here; which appear depends on
 * `interactionType` and `callEventType`. Ids and numbers arrive as numbers or strings; `"null"` (a
 * string) appears where a value is missing.
 */
export interface InteractionEvent {
  /** Unique id of the event; also the resume token of the SSE feed. */
  eventId: string;
  /** `"VOICE"`, `"SMS"`, `"Email"` — spelled as the API sends it. */
  interactionType?: InteractionType;
  /** `CALL_START`, `CALL_DISPOSITION`, `CALL_TERMINATION` (voice only). */
  callEventType?: CallEventType;
  /** `"Attempt"` and the like (e-mail, SMS). */
  eventType?: string;
  clientId?: LiveVoxId;
  callCenterId?: LiveVoxId;
  serviceId?: LiveVoxId;
  campaignId?: LiveVoxId | null;
  campaignType?: string | null;
  campaignTypeId?: LiveVoxId;
  /** When the event happened: ISO string with offset in the seed. */
  timestamp?: LiveVoxTime;
  /** Voice call start (ISO string). */
  start?: LiveVoxTime;
  /** Voice call end (ISO string). */
  end?: LiveVoxTime;
  /** Interaction start as epoch milliseconds in a string (SMS). */
  callStartTime?: LiveVoxTime;
  sessionId?: string;
  transactionId?: LiveVoxId;
  acctTransactionId?: LiveVoxId;
  threadId?: string | null;
  account?: string | null;
  accountNumber?: string | null;
  phoneNumber?: string | null;
  phoneDialed?: string | null;
  phonePosition?: LiveVoxId | null;
  callerId?: string | null;
  operatorPhone?: string | null;
  areaCodeState?: string | null;
  zipCode?: string | null;
  /** `"MANUAL"`, `"INBOUND"`, `"OUTBOUND"`. */
  callDirection?: string | null;
  agentId?: LiveVoxId | null;
  agentLoginId?: string | null;
  agentSkillId?: LiveVoxId | null;
  agentActionType?: string | null;
  /** SMS/e-mail carrier (`"sap_sms365"`, `"sendgrid"`). */
  carrier?: string | null;
  smsCode?: string | null;
  fromEmail?: string | null;
  toEmail?: string | null;
  /** Call duration in seconds. */
  duration?: number | null;
  roundedIvrDuration?: number | null;
  transferHoldDuration?: number | null;
  serviceLevelThreshold?: number | null;
  priority?: number | null;
  lvResult?: string | null;
  lvResultId?: LiveVoxId | null;
  operatorTransfer?: number | null;
  operatorTransferSuccessful?: number | null;
  callOutcome1?: string | null;
  callOutcome2?: string | null;
  callOutcome3?: string | null;
  /** Added by the client: `timestamp` read with `parseLiveVoxTime`. */
  occurredAt: Date | undefined;
  /** Added by the client: `start`, else `callStartTime`, read with `parseLiveVoxTime`. */
  startedAt: Date | undefined;
  /** Added by the client: `end` read with `parseLiveVoxTime`. */
  endedAt: Date | undefined;
}

/**
 * One event of the deprecated Call Event methods (`POST /realtime/callEvent/feed`), with the fields
 * public clients read. Replaced by {@link InteractionEvent}.
 */
export interface CallEvent {
  eventId?: string;
  callEventType?: CallEventType;
  agentId?: LiveVoxId | null;
  agentLoginId?: string | null;
  serviceId?: LiveVoxId;
  callCenterId?: LiveVoxId;
  sessionId?: string;
  transactionId?: LiveVoxId;
  account?: string | null;
  phoneDialed?: string | null;
  lvResult?: string | null;
  /** Seconds. */
  duration?: number | null;
  start?: LiveVoxTime;
  end?: LiveVoxTime;
  timestamp?: LiveVoxTime;
  /** Added by the client: `timestamp`, else `start`, read with `parseLiveVoxTime`. */
  occurredAt: Date | undefined;
  /** Added by the client: `start` read with `parseLiveVoxTime`. */
  startedAt: Date | undefined;
  /** Added by the client: `end` read with `parseLiveVoxTime`. */
  endedAt: Date | undefined;
}
