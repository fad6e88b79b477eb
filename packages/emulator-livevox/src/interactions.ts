import { Column } from './columns.js';
import { voiceSessionId } from './ids.js';
import {
  type Direction,
  FIRST_NAMES,
  INTERACTION_TYPE_NAMES,
  InteractionType,
  type InteractionTypeName,
  LAST_NAMES,
  LV_RESULTS,
  NO_TERM_CODE,
  SERVICES,
  type Service,
  TERM_CODES,
  TIMEZONE_STATES,
} from './model.js';

/** First transaction id; an interaction's transaction id is this plus its row number. */
export const TRANSACTION_ID_BASE = 1_229_726_100_000;

/** "Not set" in the result and term-code columns. */
const UNSET_CODE = 255;

/** What a new interaction row starts with. */
export interface NewInteraction {
  type: InteractionType;
  direction: Direction;
  service: Service;
  /** Row of the campaign it was dialed or sent from (-1 for inbound calls). */
  campaign: number;
  start: number;
  phone: number;
  account: number;
  salt: number;
  timezone: number;
  zip: number;
  firstName: number;
  lastName: number;
  totalDueCents: number;
  hasContext: boolean;
}

/**
 * Every interaction generated so far, stored column by column (about 90 bytes a row) so that a
 * backlog of a million events stays small. Strings (session ids, accounts, phone numbers) are
 * derived from the stored numbers when an event is served.
 */
export class InteractionTable {
  length = 0;
  private readonly type = new Column(Uint8Array);
  private readonly direction = new Column(Uint8Array);
  private readonly service = new Column(Uint8Array);
  private readonly campaign = new Column(Int32Array, -1);
  private readonly agent = new Column(Int32Array, -1);
  private readonly start = new Column(Float64Array, Number.NaN);
  private readonly answer = new Column(Float64Array, Number.NaN);
  private readonly end = new Column(Float64Array, Number.NaN);
  private readonly disposition = new Column(Float64Array, Number.NaN);
  private readonly phone = new Column(Float64Array);
  private readonly account = new Column(Float64Array);
  private readonly salt = new Column(Uint32Array);
  private readonly result = new Column(Uint8Array, UNSET_CODE);
  private readonly termCode = new Column(Uint8Array, UNSET_CODE);
  private readonly timezone = new Column(Uint8Array);
  private readonly zip = new Column(Uint32Array);
  private readonly names = new Column(Uint16Array);
  private readonly due = new Column(Uint32Array);
  private readonly flags = new Column(Uint8Array);
  private readonly events = new Column(Uint8Array);
  private readonly counts = [0, 0, 0];

  /** Adds a row and returns its index. */
  add(row: NewInteraction): number {
    const i = this.length++;
    this.type.set(i, row.type);
    this.direction.set(i, row.direction);
    this.service.set(i, row.service.index);
    this.campaign.set(i, row.campaign);
    this.start.set(i, row.start);
    this.phone.set(i, row.phone);
    this.account.set(i, row.account);
    this.salt.set(i, row.salt);
    this.timezone.set(i, row.timezone);
    this.zip.set(i, row.zip);
    this.names.set(i, row.firstName * 256 + row.lastName);
    this.due.set(i, row.totalDueCents);
    this.flags.set(i, row.hasContext ? 1 : 0);
    this.counts[row.type] = (this.counts[row.type] as number) + 1;
    return i;
  }

  /** Drops every row. */
  clear(): void {
    this.length = 0;
    this.counts.fill(0);
    for (const column of [
      this.type,
      this.direction,
      this.service,
      this.campaign,
      this.agent,
      this.start,
      this.answer,
      this.end,
    ])
      column.clear();
    for (const column of [
      this.disposition,
      this.phone,
      this.account,
      this.salt,
      this.result,
      this.termCode,
      this.timezone,
    ])
      column.clear();
    for (const column of [this.zip, this.names, this.due, this.flags, this.events]) column.clear();
  }

  /** Interactions generated so far, by type. */
  countsByType(): Record<InteractionTypeName, number> {
    return {
      VOICE: this.counts[0] as number,
      SMS: this.counts[1] as number,
      EMAIL: this.counts[2] as number,
    };
  }

  typeOf(i: number): InteractionType {
    return this.type.get(i);
  }
  directionOf(i: number): Direction {
    return this.direction.get(i);
  }
  serviceOf(i: number): Service {
    return SERVICES[this.service.get(i)] as Service;
  }
  campaignOf(i: number): number {
    return this.campaign.get(i);
  }
  agentOf(i: number): number {
    return this.agent.get(i);
  }
  startOf(i: number): number {
    return this.start.get(i);
  }
  answerOf(i: number): number {
    return this.answer.get(i);
  }
  endOf(i: number): number {
    return this.end.get(i);
  }
  dispositionOf(i: number): number {
    return this.disposition.get(i);
  }
  /** Index into LV_RESULTS, or undefined before termination. */
  resultOf(i: number): number | undefined {
    const code = this.result.get(i);
    return code === UNSET_CODE ? undefined : code;
  }
  /** Index into TERM_CODES, or undefined before disposition. */
  termCodeOf(i: number): number | undefined {
    const code = this.termCode.get(i);
    return code === UNSET_CODE ? undefined : code;
  }
  timezoneOf(i: number): number {
    return this.timezone.get(i);
  }
  saltOf(i: number): number {
    return this.salt.get(i);
  }
  hasContext(i: number): boolean {
    return this.flags.get(i) === 1;
  }
  /** How many feed events the interaction has produced so far. */
  eventCountOf(i: number): number {
    return this.events.get(i);
  }

  /** Records that the call was connected to an agent. */
  connect(i: number, agentIndex: number, time: number): void {
    this.agent.set(i, agentIndex);
    this.answer.set(i, time);
  }
  /** Records the end of the call and its LiveVox result. */
  terminate(i: number, time: number, result: number): void {
    this.end.set(i, time);
    this.result.set(i, result);
  }
  /** Records the disposition (term code). */
  dispose(i: number, time: number, termCode: number): void {
    this.disposition.set(i, time);
    this.termCode.set(i, termCode === NO_TERM_CODE ? UNSET_CODE : termCode);
  }
  /** Counts one more feed event of the interaction. */
  countEvent(i: number): void {
    this.events.set(i, this.events.get(i) + 1);
  }

  transactionId(i: number): number {
    return TRANSACTION_ID_BASE + i;
  }
  /** The interaction's session id, in the format of its channel. */
  sessionId(i: number): string {
    const type = this.type.get(i);
    if (type === InteractionType.Voice) return voiceSessionId(i, this.salt.get(i));
    const separator = type === InteractionType.Sms ? '-' : '_';
    const service = SERVICES[this.service.get(i)] as Service;
    return [service.id, this.transactionId(i), this.start.get(i)].join(separator);
  }
  accountText(i: number): string {
    return String(this.account.get(i)).padStart(9, '0');
  }
  phoneText(i: number): string {
    return String(this.phone.get(i));
  }
  /** Two-letter state of the phone number's area code ('' when unknown). */
  stateOf(i: number): string {
    const states = TIMEZONE_STATES[this.timezone.get(i)] as readonly string[];
    return states[this.salt.get(i) % states.length] as string;
  }
  zipText(i: number): string | null {
    const zip = this.zip.get(i);
    return zip === 0 ? null : String(zip).padStart(5, '0');
  }
  firstName(i: number): string {
    return FIRST_NAMES[Math.floor(this.names.get(i) / 256)] as string;
  }
  lastName(i: number): string {
    return LAST_NAMES[this.names.get(i) % 256] as string;
  }
  totalDue(i: number): number {
    return this.due.get(i) / 100;
  }
  email(i: number): string {
    return `${this.firstName(i)}.${this.lastName(i)}${this.salt.get(i) % 100}@example.com`.toLowerCase();
  }
  typeName(i: number): InteractionTypeName {
    return INTERACTION_TYPE_NAMES[this.type.get(i)] as InteractionTypeName;
  }
  resultName(i: number): string | null {
    const code = this.resultOf(i);
    return code === undefined ? null : (LV_RESULTS[code] as { name: string }).name;
  }
  termCodeName(i: number): string | null {
    const code = this.termCodeOf(i);
    return code === undefined ? null : (TERM_CODES[code] as { name: string }).name;
  }
}
