import { CALL_EVENT_TYPES } from '@voxbridge/livevox/wire';
import { isoWithOffset } from './ids.js';
import { CLIENT_ID, Direction, EventKind, LV_RESULTS } from './model.js';
import { FROM_EMAIL, interactionEventId, TERM_CODE_ID_BASE } from './serialize.js';
import type { SimulationState } from './state.js';

/**
 * The Interaction Event feed's events written straight to JSON text: the same text as
 * `JSON.stringify(interactionEvent(state, position))` (same keys, same order, same values; a test
 * compares the two over whole backlogs), without building the object first and walking it again.
 * A feed page of 1,000 events spent more CPU on those two steps than on anything else.
 */

/** A JSON string of text from the simulation's tables (names, states, results): escaped as JSON does. */
const text = (value: string): string => JSON.stringify(value);
/** A JSON string or `null`. */
const textOrNull = (value: string | null | undefined): string =>
  value === null || value === undefined ? 'null' : JSON.stringify(value);
/** A JSON number as `JSON.stringify` writes it (`null` for NaN and infinities). */
const num = (value: number): string => (Number.isFinite(value) ? String(value) : 'null');

const CLIENT_ID_JSON = num(CLIENT_ID);
const CLIENT_ID_TEXT_JSON = text(String(CLIENT_ID));
const EVENT_TYPE_JSON = CALL_EVENT_TYPES.map((type) => text(type));
const FROM_EMAIL_JSON = text(FROM_EMAIL);

/** One interaction feed event as JSON text; see {@link interactionEvent} for what it says. */
export function interactionEventJson(state: SimulationState, position: number): string {
  const { events, interactions: table, agents, campaigns } = state;
  const row = events.interactionAt(position);
  const kind = events.kindAt(position);
  const service = table.serviceOf(row);
  const campaignRow = table.campaignOf(row);
  const campaign = campaignRow >= 0 ? campaigns.campaigns[campaignRow] : undefined;
  // Event ids are hex UUIDs and times ISO-8601: nothing in them needs escaping.
  const eventId = `"${interactionEventId(state, position)}"`;

  if (kind === EventKind.SmsAttempt || kind === EventKind.EmailAttempt) {
    const sms = kind === EventKind.SmsAttempt;
    const start = table.startOf(row);
    const shown = sms ? Math.floor(start / 1000) * 1000 : start;
    const tx = text(String(table.transactionId(row)));
    const common =
      `{"eventId":${eventId},"interactionType":${sms ? '"SMS"' : '"Email"'},"clientId":${CLIENT_ID_TEXT_JSON}` +
      `,"callCenterId":${text(String(service.callCenterId))},"serviceId":${text(String(service.id))}` +
      `,"timestamp":"${isoWithOffset(shown, state.offset)}","campaignId":${text(String(campaign?.id ?? ''))}` +
      `,"sessionId":${text(table.sessionId(row))}`;
    if (sms) {
      return (
        `${common},"phoneNumber":${text(table.phoneText(row))},"acctTransactionId":${tx},"eventType":"Attempt"` +
        `,"threadId":${tx},"accountNumber":${text(table.accountText(row))},"campaignType":"OB"` +
        `,"carrier":"sap_sms365","smsCode":"53063","campaignTypeId":${text(campaign?.campaignTypeId ?? '6')}` +
        `,"callStartTime":${text(String(shown))}}`
      );
    }
    return (
      `${common},"fromEmail":${FROM_EMAIL_JSON},"toEmail":${text(table.email(row))}` +
      `,"acctTransactionId":${tx},"eventType":"Attempt","threadId":${tx}` +
      `,"accountNumber":${text(table.accountText(row))},"campaignType":"OB"` +
      `,"campaignTypeId":${text(campaign?.campaignTypeId ?? '11')},"carrier":"sendgrid"}`
    );
  }

  const start = table.startOf(row);
  const answer = table.answerOf(row);
  const agentIndex = table.agentOf(row);
  const agent =
    agentIndex >= 0 && (kind !== EventKind.CallStart || answer === start) ? agents[agentIndex] : undefined;
  const direction = table.directionOf(row) === Direction.Inbound ? 'INBOUND' : 'OUTBOUND';
  const startIso = `"${new Date(start).toISOString()}"`;
  let json =
    `{"eventId":${eventId},"callEventType":${EVENT_TYPE_JSON[kind]},"interactionType":"VOICE"` +
    `,"transactionId":${num(table.transactionId(row))},"clientId":${CLIENT_ID_JSON}` +
    `,"serviceId":${num(service.id)},"callCenterId":${num(service.callCenterId)}` +
    `,"sessionId":${text(table.sessionId(row))},"campaignId":${campaign ? num(campaign.id) : 'null'}` +
    `,"phoneDialed":${text(table.phoneText(row))},"account":${text(table.accountText(row))}`;
  if (kind !== EventKind.CallDisposition) {
    json +=
      `,"operatorPhone":"0","areaCodeState":${textOrNull(table.stateOf(row) || null)}` +
      `,"callDirection":"${direction}","campaignType":"${direction}"`;
  }
  json +=
    `,"agentLoginId":${textOrNull(agent?.loginId)},"agentId":${agent ? text(String(agent.agentId)) : 'null'}` +
    `,"start":${startIso}`;
  if (kind === EventKind.CallStart) return `${json},"timestamp":${startIso}}`;
  if (kind === EventKind.CallTermination) {
    const end = table.endOf(row);
    const result = LV_RESULTS[table.resultOf(row) ?? 0] as { id: number; name: string };
    const connected = !Number.isNaN(answer);
    const endIso = `"${new Date(end).toISOString()}"`;
    const transferred = connected ? 1 : 0;
    return (
      `${json},"end":${endIso},"timestamp":${endIso}` +
      `,"callerId":${direction === 'INBOUND' ? text(table.phoneText(row)) : 'null'}` +
      `,"serviceLevelThreshold":${num(service.serviceLevelThreshold)},"transferHoldDuration":0` +
      `,"roundedIvrDuration":0,"duration":${num(Math.round((connected ? end - answer : end - start) / 1000))}` +
      `,"agentSkillId":"","lvResultId":${num(result.id)},"priority":308,"lvResult":${text(result.name)}` +
      `,"operatorTransferSuccessful":${transferred},"operatorTransfer":${transferred}}`
    );
  }
  const termCode = table.termCodeOf(row);
  return (
    `${json},"areaCodeState":${text(table.stateOf(row) || 'null')},"zipCode":${text(table.zipText(row) ?? 'null')}` +
    `,"lvResultId":${termCode === undefined ? 'null' : num(TERM_CODE_ID_BASE + termCode)}` +
    `,"lvResult":${textOrNull(table.termCodeName(row))}` +
    `,"timestamp":"${new Date(events.timeAt(position)).toISOString()}"}`
  );
}
