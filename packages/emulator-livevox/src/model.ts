/**
 * The fixed shape of the simulated contact center: its client, call centers, services, time zones,
 * result and term codes, agent reason codes. Numbers used as codes index these tables so the event
 * logs can store them in typed arrays.
 */

/** The emulated LiveVox client (returned as `clientId` at login and carried by every event). */
export const CLIENT_ID = 83424;

/** A call center: a group of services. */
export interface CallCenter {
  id: number;
  name: string;
}

/** What a service handles. */
export type ServiceChannel = 'INBOUND' | 'OUTBOUND' | 'DIGITAL';

/** A LiveVox service (a queue for inbound, a dialing service for outbound, a sender for SMS/email). */
export interface Service {
  /** Position in {@link SERVICES}. */
  index: number;
  id: number;
  name: string;
  callCenterId: number;
  channel: ServiceChannel;
  /** The agent team that works it (-1: no agents). */
  team: number;
  pacingMethod: string;
  throttle: string;
  units: string;
  /** Longest a caller is kept in queue before being offered voicemail (seconds). */
  maxHoldTime: number;
  /** Answer within this many seconds to meet the service level. */
  serviceLevelThreshold: number;
}

/** The call centers. */
export const CALL_CENTERS: readonly CallCenter[] = [
  { id: 1623, name: 'Call Center' },
  { id: 6799, name: 'Collections Center' },
  { id: 11363, name: 'Digital Center' },
];

/** Team 0 answers inbound calls, team 1 takes predictive outbound connects. */
export const TEAM_COUNT = 2;

/** The services, by index. */
export const SERVICES: readonly Service[] = [
  {
    index: 0,
    id: 38049,
    name: 'Inbound Support',
    callCenterId: 1623,
    channel: 'INBOUND',
    team: 0,
    pacingMethod: 'Max CIP',
    throttle: '750',
    units: 'calls',
    maxHoldTime: 600,
    serviceLevelThreshold: 20,
  },
  {
    index: 1,
    id: 23068,
    name: 'Inbound Billing',
    callCenterId: 1623,
    channel: 'INBOUND',
    team: 0,
    pacingMethod: 'Max CIP',
    throttle: '750',
    units: 'calls',
    maxHoldTime: 600,
    serviceLevelThreshold: 20,
  },
  {
    index: 2,
    id: 149926,
    name: 'Outbound Collections',
    callCenterId: 6799,
    channel: 'OUTBOUND',
    team: 1,
    pacingMethod: 'Predictive',
    throttle: '100',
    units: 'percent',
    maxHoldTime: 30,
    serviceLevelThreshold: 20,
  },
  {
    index: 3,
    id: 93140,
    name: 'Digital Outreach',
    callCenterId: 11363,
    channel: 'DIGITAL',
    team: -1,
    pacingMethod: 'Max CIP',
    throttle: '100',
    units: 'messages',
    maxHoldTime: 0,
    serviceLevelThreshold: 0,
  },
];

/** Indexes of the inbound services (the live inbound stream picks one of them per call). */
export const INBOUND_SERVICES = [0, 1];
/** Index of the predictive outbound service. */
export const OUTBOUND_SERVICE = 2;
/** Index of the service sending SMS and email. */
export const DIGITAL_SERVICE = 3;

/** The call center of a service. */
export function callCenterOf(service: Service): CallCenter {
  return CALL_CENTERS.find((center) => center.id === service.callCenterId) as CallCenter;
}

/** LiveVox time zone buckets of campaign records, in the order campaign statistics list them. */
export const TIMEZONES = ['AL', 'AT', 'CHT', 'CT', 'ET', 'HI', 'MT', 'PT', 'SAFE', 'UK'] as const;
/** Share of loaded records per time zone (same order). */
export const TIMEZONE_WEIGHTS = [0.01, 0.02, 0, 0.25, 0.38, 0.01, 0.1, 0.21, 0.02, 0];
/** States whose area codes fall in each time zone (empty: no state). */
export const TIMEZONE_STATES: readonly (readonly string[])[] = [
  ['AK'],
  ['PR'],
  ['GU'],
  ['TX', 'IL', 'MN', 'WI', 'MO'],
  ['NY', 'FL', 'GA', 'OH', 'PA', 'NC'],
  ['HI'],
  ['CO', 'AZ', 'UT'],
  ['CA', 'WA', 'OR', 'NV'],
  [''],
  [''],
];

/** Interaction channels, as stored in the interaction table. */
export enum InteractionType {
  Voice = 0,
  Sms = 1,
  Email = 2,
}
/** Names of {@link InteractionType} in truth counts and feed filters. */
export const INTERACTION_TYPE_NAMES = ['VOICE', 'SMS', 'EMAIL'] as const;
/** A name of {@link INTERACTION_TYPE_NAMES}. */
export type InteractionTypeName = (typeof INTERACTION_TYPE_NAMES)[number];

/** Call directions. */
export enum Direction {
  Inbound = 0,
  Outbound = 1,
}

/** Kinds of event in the interaction event log; `CALL_EVENT_TYPES` of the contract names the voice kinds. */
export enum EventKind {
  CallStart = 0,
  CallTermination = 1,
  CallDisposition = 2,
  SmsAttempt = 3,
  EmailAttempt = 4,
}

/** LiveVox results of a call (`lvResult` / `lvResultId`). */
export const LV_RESULTS = [
  { id: 661, name: 'Operator Transfer (Agent Terminated Call)' },
  { id: 662, name: 'Operator Transfer (Customer Terminated Call)' },
  { id: 605, name: 'Caller Abandoned in Queue' },
  { id: 604, name: 'Dropped - No Agent Available' },
  { id: 101, name: 'No Answer' },
  { id: 102, name: 'Busy' },
  { id: 103, name: 'Answering Machine' },
  { id: 104, name: 'Invalid Phone Number' },
] as const;
/** Indexes of {@link LV_RESULTS}. */
export enum LvResult {
  AgentTerminated = 0,
  CustomerTerminated = 1,
  Abandoned = 2,
  Dropped = 3,
  NoAnswer = 4,
  Busy = 5,
  Machine = 6,
  InvalidNumber = 7,
}

/** How a term code counts in agent statistics. */
export type TermCategory = 'rpcComplete' | 'rpcIncomplete' | 'wpc' | 'nonContacts' | 'none';

/** Term codes an agent (or the system, for calls without an agent) sets at disposition. */
export const TERM_CODES: ReadonlyArray<{ name: string; category: TermCategory }> = [
  { name: 'Issue Resolved', category: 'none' },
  { name: 'Escalated', category: 'none' },
  { name: 'Callback Requested', category: 'none' },
  { name: 'Billing Question Answered', category: 'none' },
  { name: 'RPC - Promise To Pay', category: 'rpcComplete' },
  { name: 'RPC - Refused To Pay', category: 'rpcIncomplete' },
  { name: 'Wrong Party Contact', category: 'wpc' },
  { name: 'Left Message With Third Party', category: 'nonContacts' },
  { name: 'System - No Agent', category: 'nonContacts' },
];
/** Term codes agents pick on inbound calls. */
export const INBOUND_TERM_CODES = [0, 1, 2, 3];
/** Term codes agents pick on outbound connects. */
export const OUTBOUND_TERM_CODES = [4, 5, 6, 7];
/** Term code of calls that ended without an agent. */
export const SYSTEM_TERM_CODE = 8;
/** "No term code yet" in the interaction table. */
export const NO_TERM_CODE = 255;

/** Agent states; the numbers are LiveVox's `stateId`, which index the contract's `AGENT_EVENT_TYPES`. */
export enum AgentState {
  LoggedOff = 0,
  LoggedOn = 1,
  Ready = 2,
  NotReady = 3,
  InCall = 4,
  WrapUp = 5,
}
/** Display names of the states (agent status and statistics). */
export const AGENT_STATE_NAMES = [
  'Logged Off',
  'Logged On',
  'Ready',
  'Not Ready',
  'In Call',
  'Wrap Up',
] as const;

/** Not-ready reason codes with their share and mean duration (ms). */
export const NOT_READY_REASONS = [
  { code: 'BREAK', weight: 0.35, meanMs: 10 * 60_000 },
  { code: 'OTHER', weight: 0.25, meanMs: 3 * 60_000 },
  { code: 'MEETING', weight: 0.12, meanMs: 20 * 60_000 },
  { code: 'TRAINING', weight: 0.1, meanMs: 15 * 60_000 },
  { code: 'LUNCH', weight: 0.13, meanMs: 30 * 60_000 },
  { code: 'TECH_DIFF', weight: 0.05, meanMs: 5 * 60_000 },
] as const;
/** "No reason" in agent columns. */
export const NO_REASON = 255;

/** First names of simulated people. */
export const FIRST_NAMES = [
  'John',
  'Maria',
  'James',
  'Linda',
  'Robert',
  'Patricia',
  'Michael',
  'Jennifer',
  'William',
  'Elizabeth',
  'David',
  'Susan',
  'Carlos',
  'Aisha',
  'Kevin',
  'Priya',
  'Thomas',
  'Sofia',
  'Daniel',
  'Grace',
  'Vinay',
  'Mei',
  'Omar',
  'Chloe',
  'Lucas',
  'Hannah',
  'Diego',
  'Fatima',
  'Ethan',
  'Nora',
];
/** Last names of simulated people. */
export const LAST_NAMES = [
  'Smith',
  'Garcia',
  'Johnson',
  'Lee',
  'Brown',
  'Martinez',
  'Davis',
  'Nguyen',
  'Wilson',
  'Lopez',
  'Clark',
  'Patel',
  'Lewis',
  'Kim',
  'Walker',
  'Hall',
  'Young',
  'Allen',
  'King',
  'Wright',
  'Mcgee',
  'Kumar',
  'Scott',
  'Green',
  'Baker',
  'Adams',
  'Nelson',
  'Hill',
  'Rivera',
  'Campbell',
];
