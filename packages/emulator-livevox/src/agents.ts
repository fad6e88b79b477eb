import { rosterPerson, type SeededRandom } from '@voxbridge/emulator-kit';
import { dayNumber } from './ids.js';
import {
  AgentState,
  Direction,
  INBOUND_SERVICES,
  NO_REASON,
  NOT_READY_REASONS,
  OUTBOUND_SERVICE,
  type TermCategory,
} from './model.js';

/** What one agent did for one service today (durations in ms). */
export interface AgentServiceTotals {
  inboundCalls: number;
  outboundCalls: number;
  readyMs: number;
  /** Not-ready time by reason (index of NOT_READY_REASONS). */
  notReadyMs: number[];
  talkMs: number;
  wrapMs: number;
  /** Completed periods per state (for averages): ready, not ready, talk, wrap. */
  periods: { ready: number; notReady: number; talk: number; wrap: number };
  rpcComplete: number;
  rpcIncomplete: number;
  wpc: number;
  nonContacts: number;
}

/** Totals of a service an agent has not worked yet (all zero). */
export function emptyTotals(): AgentServiceTotals {
  return {
    inboundCalls: 0,
    outboundCalls: 0,
    readyMs: 0,
    notReadyMs: NOT_READY_REASONS.map(() => 0),
    talkMs: 0,
    wrapMs: 0,
    periods: { ready: 0, notReady: 0, talk: 0, wrap: 0 },
    rpcComplete: 0,
    rpcIncomplete: 0,
    wpc: 0,
    nonContacts: 0,
  };
}

/** A state an agent is in, since when, and which service its time counts for. */
export interface StateTrack {
  state: AgentState;
  reason: number;
  since: number;
  /** Service index the time counts for (the call's service in a call, else the login service). */
  service: number;
}

/** A simulated agent: identity, live state, and today's totals per service. */
export class Agent {
  readonly agentId: number;
  readonly loginId: string;
  /** The name as the statistics show it (upper case). */
  readonly name: string;
  /** The roster person's first name. */
  readonly firstName: string;
  /** The roster person's last name. */
  readonly lastName: string;
  /** The roster person's email (the key the bridge matches Playvox users by); LiveVox's answers carry none. */
  readonly email: string;
  /** 0 = inbound team, 1 = outbound team. */
  readonly team: number;
  readonly teamId: number;
  /** Service index the agent logs into. */
  readonly loginService: number;
  /** The live state. */
  readonly live: StateTrack;
  /** Interaction row of the call the agent is on (or wrapping up), or -1. */
  call = -1;
  /** Sequence number of the agent's last event. */
  seq = 0;
  private totals = new Map<number, AgentServiceTotals>();
  private day = Number.NEGATIVE_INFINITY;

  constructor(
    readonly index: number,
    seed: number,
  ) {
    // One roster for every emulator: the same seed gives this agent the same person in Gladly and Playvox.
    const person = rosterPerson(seed, index);
    this.agentId = 544_001 + index;
    this.firstName = person.firstName;
    this.lastName = person.lastName;
    this.email = person.email;
    // LiveVox's statistics show agent names in upper case (`VINAY K`).
    this.name = person.name.toUpperCase();
    this.loginId = person.loginId;
    this.team = index % 3 === 2 ? 1 : 0;
    this.teamId = 1234 + this.team;
    this.loginService =
      this.team === 1 ? OUTBOUND_SERVICE : (INBOUND_SERVICES[index % INBOUND_SERVICES.length] as number);
    this.live = {
      state: AgentState.LoggedOff,
      reason: NO_REASON,
      since: Number.NaN,
      service: this.loginService,
    };
  }

  /** True when logged on (in any state but LOGOFF). */
  get loggedOn(): boolean {
    return this.live.state !== AgentState.LoggedOff;
  }

  /**
   * Moves `track` (the live state or a backlog timeline) to `next` at `time`, adding the time spent
   * in the previous state to today's totals.
   */
  move(
    track: StateTrack,
    next: AgentState,
    time: number,
    offsetMinutes: number,
    reason = NO_REASON,
    service = this.loginService,
  ): void {
    if (track.state !== AgentState.LoggedOff && Number.isFinite(track.since)) {
      const totals = this.totalsFor(track.service, time, offsetMinutes);
      if (totals) addDuration(totals, track.state, track.reason, Math.max(0, time - track.since));
    }
    track.state = next;
    track.reason = reason;
    track.since = time;
    track.service = service;
  }

  /** Counts a call connected to the agent. */
  countCall(service: number, direction: Direction, time: number, offsetMinutes: number): void {
    const totals = this.totalsFor(service, time, offsetMinutes);
    if (!totals) return;
    if (direction === Direction.Inbound) totals.inboundCalls += 1;
    else totals.outboundCalls += 1;
  }

  /** Counts the category of a term code the agent set. */
  countTerm(service: number, category: TermCategory, time: number, offsetMinutes: number): void {
    const totals = this.totalsFor(service, time, offsetMinutes);
    if (totals && category !== 'none') totals[category] += 1;
  }

  /** Today's totals per service at `now`, including the time spent so far in the live state. */
  totalsAt(now: number, offsetMinutes: number): Map<number, AgentServiceTotals> {
    const out = new Map<number, AgentServiceTotals>();
    if (dayNumber(now, offsetMinutes) !== this.day) return out;
    for (const [service, totals] of this.totals) out.set(service, structuredClone(totals));
    const track = this.live;
    if (track.state !== AgentState.LoggedOff && Number.isFinite(track.since)) {
      const totals = out.get(track.service) ?? emptyTotals();
      out.set(track.service, totals);
      const from = Math.max(track.since, this.day * 86_400_000 - offsetMinutes * 60_000);
      addDuration(totals, track.state, track.reason, Math.max(0, now - from), false);
    }
    return out;
  }

  /** The totals of `service` for the day of `time`; undefined for an earlier day than the one kept. */
  private totalsFor(service: number, time: number, offsetMinutes: number): AgentServiceTotals | undefined {
    const day = dayNumber(time, offsetMinutes);
    if (day < this.day) return undefined;
    if (day > this.day) {
      this.day = day;
      this.totals.clear();
    }
    const totals = this.totals.get(service) ?? emptyTotals();
    this.totals.set(service, totals);
    return totals;
  }
}

function addDuration(
  totals: AgentServiceTotals,
  state: AgentState,
  reason: number,
  ms: number,
  completed = true,
): void {
  const period = completed ? 1 : 0;
  switch (state) {
    case AgentState.Ready:
      totals.readyMs += ms;
      totals.periods.ready += period;
      break;
    case AgentState.NotReady: {
      const slot = reason === NO_REASON ? 1 : reason;
      totals.notReadyMs[slot] = (totals.notReadyMs[slot] ?? 0) + ms;
      totals.periods.notReady += period;
      break;
    }
    case AgentState.InCall:
      totals.talkMs += ms;
      totals.periods.talk += period;
      break;
    case AgentState.WrapUp:
      totals.wrapMs += ms;
      totals.periods.wrap += period;
      break;
    default:
      break;
  }
}

/** Picks a not-ready reason (index of NOT_READY_REASONS) and how long it lasts. */
export function drawNotReady(random: SeededRandom): { reason: number; durationMs: number } {
  let roll = random.next();
  let reason = 0;
  for (; reason < NOT_READY_REASONS.length - 1; reason++) {
    roll -= (NOT_READY_REASONS[reason] as { weight: number }).weight;
    if (roll < 0) break;
  }
  const mean = (NOT_READY_REASONS[reason] as { meanMs: number }).meanMs;
  return { reason, durationMs: Math.round(Math.min(mean * 3, Math.max(30_000, random.exponential(mean)))) };
}
