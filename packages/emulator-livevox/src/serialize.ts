import {
  AGENT_EVENT_TYPES,
  type agentEventSchema,
  CALL_EVENT_TYPES,
  type callEventSchema,
  type interactionEventSchema,
} from '@voxbridge/livevox/wire';
import type { z } from 'zod';
import { encodeMarker, isoString, isoWithOffset, MarkerKind } from './ids.js';
import {
  AgentState,
  CLIENT_ID,
  Direction,
  EventKind,
  LV_RESULTS,
  NO_REASON,
  NOT_READY_REASONS,
  SERVICES,
  type Service,
} from './model.js';
import type { SimulationState } from './state.js';

/**
 * Builds the JSON of feed events from the compact logs, at the moment they are served. Each event
 * only reads what was fixed when it was appended (the agent on CALL_START only when the call was
 * connected at once, the end only on CALL_TERMINATION), so an event reads the same whenever served.
 */

/** An item of the contract (`@voxbridge/livevox/wire`), as the emulator builds it. */
type Wire<S extends z.ZodType> = z.input<S>;

/** Sender address of simulated emails. */
const FROM_EMAIL = 'outreach@demo-collections.example.com';
/** `lvResultId` of a term code on CALL_DISPOSITION (term codes are numbered from here). */
export const TERM_CODE_ID_BASE = 700;

/** The `eventId` of the interaction event at `position`. */
function interactionEventId(state: SimulationState, position: number): string {
  const { events } = state;
  return encodeMarker({
    kind: MarkerKind.InteractionEventId,
    generation: events.generation,
    position,
    time: events.timeAt(position),
  });
}

/** One interaction feed event, as the seed's Interaction Event Feed shows it. */
export function interactionEvent(
  state: SimulationState,
  position: number,
): Wire<typeof interactionEventSchema> {
  const { events, interactions: table, agents, campaigns } = state;
  const row = events.interactionAt(position);
  const kind = events.kindAt(position);
  const time = events.timeAt(position);
  const service = table.serviceOf(row);
  const campaignRow = table.campaignOf(row);
  const campaign = campaignRow >= 0 ? campaigns.campaigns[campaignRow] : undefined;
  const eventId = interactionEventId(state, position);

  if (kind === EventKind.SmsAttempt || kind === EventKind.EmailAttempt) {
    const sms = kind === EventKind.SmsAttempt;
    const start = table.startOf(row);
    const shown = sms ? Math.floor(start / 1000) * 1000 : start;
    const tx = String(table.transactionId(row));
    const common = {
      eventId,
      interactionType: sms ? 'SMS' : 'Email',
      clientId: String(CLIENT_ID),
      callCenterId: String(service.callCenterId),
      serviceId: String(service.id),
      timestamp: isoWithOffset(shown, state.offset),
      campaignId: String(campaign?.id ?? ''),
      sessionId: table.sessionId(row),
    };
    if (sms) {
      return {
        ...common,
        phoneNumber: table.phoneText(row),
        acctTransactionId: tx,
        eventType: 'Attempt',
        threadId: tx,
        accountNumber: table.accountText(row),
        campaignType: 'OB',
        carrier: 'sap_sms365',
        smsCode: '53063',
        campaignTypeId: campaign?.campaignTypeId ?? '6',
        callStartTime: String(shown),
      };
    }
    return {
      ...common,
      fromEmail: FROM_EMAIL,
      toEmail: table.email(row),
      acctTransactionId: tx,
      eventType: 'Attempt',
      threadId: tx,
      accountNumber: table.accountText(row),
      campaignType: 'OB',
      campaignTypeId: campaign?.campaignTypeId ?? '11',
      carrier: 'sendgrid',
    };
  }

  const start = table.startOf(row);
  const answer = table.answerOf(row);
  const agentIndex = table.agentOf(row);
  const agent =
    agentIndex >= 0 && (kind !== EventKind.CallStart || answer === start) ? agents[agentIndex] : undefined;
  const direction = table.directionOf(row) === Direction.Inbound ? 'INBOUND' : 'OUTBOUND';
  const event: Wire<typeof interactionEventSchema> = {
    eventId,
    callEventType: CALL_EVENT_TYPES[kind],
    interactionType: 'VOICE',
    transactionId: table.transactionId(row),
    clientId: CLIENT_ID,
    serviceId: service.id,
    callCenterId: service.callCenterId,
    sessionId: table.sessionId(row),
    campaignId: campaign?.id ?? null,
    phoneDialed: table.phoneText(row),
    account: table.accountText(row),
  };
  if (kind !== EventKind.CallDisposition) {
    event.operatorPhone = '0';
    event.areaCodeState = table.stateOf(row) || null;
    event.callDirection = direction;
    event.campaignType = direction;
  }
  event.agentLoginId = agent?.loginId ?? null;
  event.agentId = agent ? String(agent.agentId) : null;
  event.start = isoString(start);
  if (kind === EventKind.CallStart) {
    event.timestamp = event.start;
    return event;
  }
  if (kind === EventKind.CallTermination) {
    const end = table.endOf(row);
    const result = LV_RESULTS[table.resultOf(row) ?? 0] as { id: number; name: string };
    const connected = !Number.isNaN(answer);
    event.end = isoString(end);
    event.timestamp = event.end;
    event.callerId = direction === 'INBOUND' ? table.phoneText(row) : null;
    event.serviceLevelThreshold = service.serviceLevelThreshold;
    event.transferHoldDuration = 0;
    event.roundedIvrDuration = 0;
    event.duration = Math.round((connected ? end - answer : end - start) / 1000);
    event.agentSkillId = '';
    event.lvResultId = result.id;
    event.priority = 308;
    event.lvResult = result.name;
    event.operatorTransferSuccessful = connected ? 1 : 0;
    event.operatorTransfer = connected ? 1 : 0;
    return event;
  }
  const termCode = table.termCodeOf(row);
  event.areaCodeState = table.stateOf(row) || 'null';
  event.zipCode = table.zipText(row) ?? 'null';
  event.lvResultId = termCode === undefined ? null : TERM_CODE_ID_BASE + termCode;
  event.lvResult = table.termCodeName(row);
  event.timestamp = isoString(time);
  return event;
}

/**
 * An event of the deprecated Call Event methods: the voice events with epoch-millisecond times and
 * numeric ids, as the public clients of those methods (dialer-metrics, livevox_ex) read them.
 */
export function legacyCallEvent(state: SimulationState, position: number): Wire<typeof callEventSchema> {
  const event = interactionEvent(state, position);
  const ms = (value: unknown) => (typeof value === 'string' ? Date.parse(value) : null);
  return {
    ...event,
    agentId: event.agentId === null ? null : Number(event.agentId),
    start: ms(event.start),
    end: ms(event.end),
    timestamp: ms(event.timestamp),
    duration: event.duration ?? 0,
  };
}

/** One agent feed event, as the seed's Agent Event Feed shows it. */
export function agentEvent(state: SimulationState, position: number): Wire<typeof agentEventSchema> {
  const event = state.agentEvents.at(position);
  const agent = state.agents[event.agent];
  const table = state.interactions;
  const call = event.call >= 0 && event.call < table.length ? event.call : -1;
  const callService: Service | undefined = call >= 0 ? table.serviceOf(call) : undefined;
  const loginService = SERVICES[event.service] as Service;
  const reason = event.reason === NO_REASON ? undefined : NOT_READY_REASONS[event.reason];
  return {
    timestamp: event.time,
    clientId: CLIENT_ID,
    agentId: agent?.agentId,
    agentServiceId: loginService.id,
    agentTeamId: agent?.teamId,
    lineNumber: 'ACD',
    eventType: AGENT_EVENT_TYPES[event.state],
    notReadyReasonCode: reason?.code ?? null,
    callServiceId: callService?.id ?? null,
    transactionId: call >= 0 ? table.transactionId(call) : null,
    sessionId: call >= 0 ? table.sessionId(call) : null,
    phoneNumber: call >= 0 ? table.phoneText(call) : null,
    result: call >= 0 && event.state === AgentState.WrapUp ? table.resultName(call) : null,
    campaignType: call >= 0 ? (table.directionOf(call) === Direction.Inbound ? 'INBOUND' : 'OUTBOUND') : null,
    agent2Id: null,
    supervisorSessionId: null,
    supervisorPhoneNumber: null,
    seqNum: event.seq,
    eventId: `cid=${CLIENT_ID}:aid=${agent?.agentId ?? 0}:time=${event.time}:seq=${event.seq}`,
  };
}
