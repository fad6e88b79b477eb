import type { ClockScheduler } from '@voxbridge/emulator-kit';
import { SeededRandom } from '@voxbridge/emulator-kit';
import { type Agent, drawNotReady } from './agents.js';
import {
  drawHangup,
  drawInteraction,
  drawOutboundOutcome,
  drawPatienceMs,
  drawRingMs,
  drawTalkMs,
  drawTermCode,
  drawTimezone,
  drawWrapMs,
} from './calls.js';
import {
  AgentState,
  DIGITAL_SERVICE,
  Direction,
  EventKind,
  INBOUND_SERVICES,
  InteractionType,
  LvResult,
  OUTBOUND_SERVICE,
  SERVICES,
  type Service,
  SYSTEM_TERM_CODE,
  TERM_CODES,
} from './model.js';
import type { SimulationState } from './state.js';

/** Live traffic rates (per simulated minute) and the number of agents logged on. */
export interface TrafficRates {
  agents: number;
  callsPerMinute: number;
  smsPerMinute: number;
  emailsPerMinute: number;
}

/** Rates used for keys a start request leaves out. */
export const DEFAULT_TRAFFIC: TrafficRates = {
  agents: 12,
  callsPerMinute: 4,
  smsPerMinute: 2,
  emailsPerMinute: 1,
};

type Stream = 'inbound' | 'outbound' | 'sms' | 'email';

/**
 * Live traffic: Poisson arrivals of inbound calls, predictive outbound dials, SMS and emails, each
 * call following its life (queue, agent, talk, wrap-up, disposition) on the scheduler, and agents
 * moving through their states as calls reach them.
 */
export class LiveTraffic {
  /** The running rates, or undefined when stopped. */
  rates: TrafficRates | undefined;
  private generation = 0;
  private drainWaiters: Array<() => void> = [];
  /** Agents to log off once their current call is dispositioned. */
  private readonly leaving = new Set<number>();
  /** Guards the scheduled end of a not-ready period against later state changes. */
  private readonly breakTokens = new Map<number, number>();

  constructor(
    private readonly state: SimulationState,
    private readonly scheduler: ClockScheduler,
  ) {}

  /** Starts (or changes) live traffic at simulated time `time`. */
  start(options: Partial<TrafficRates> & { seed?: number }, time: number): TrafficRates {
    if (options.seed !== undefined) this.state.random = new SeededRandom(options.seed);
    const rates: TrafficRates = { ...DEFAULT_TRAFFIC, ...this.rates, ...definedOnly(options) };
    this.rates = rates;
    const generation = ++this.generation;
    this.staff(rates.agents, time);
    const inboundShare = this.state.sim.inboundShare;
    this.scheduleNext('inbound', rates.callsPerMinute * inboundShare, time, generation);
    this.scheduleNext('outbound', rates.callsPerMinute * (1 - inboundShare), time, generation);
    this.scheduleNext('sms', rates.smsPerMinute, time, generation);
    this.scheduleNext('email', rates.emailsPerMinute, time, generation);
    return rates;
  }

  /** Stops starting interactions; with `drain`, resolves once every call in progress has been dispositioned. */
  stop(drain: boolean): Promise<void> {
    this.generation += 1;
    this.rates = undefined;
    if (!drain || this.state.inProgress.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  /** Forgets live state (after a reset of the simulation state). */
  reset(): void {
    this.generation += 1;
    this.rates = undefined;
    this.leaving.clear();
    this.breakTokens.clear();
    this.settleDrain();
  }

  /** Logs agents on or off so that exactly `count` are working. */
  private staff(count: number, time: number): void {
    const { state } = this;
    state.ensureAgents(count);
    for (const agent of state.agents) {
      if (agent.index < count) {
        this.leaving.delete(agent.index);
        if (!agent.loggedOn) {
          state.moveAgent(agent, AgentState.LoggedOn, time);
          this.scheduler.at(time + 1000, (t) => {
            if (agent.live.state === AgentState.LoggedOn) this.makeReady(agent, t);
          });
        }
      } else if (agent.loggedOn) {
        if (agent.call >= 0) this.leaving.add(agent.index);
        else state.moveAgent(agent, AgentState.LoggedOff, time);
      }
    }
  }

  private scheduleNext(stream: Stream, perMinute: number, from: number, generation: number): void {
    if (!(perMinute > 0)) return;
    const at = from + Math.max(1, Math.round(this.state.random.exponential(60_000 / perMinute)));
    this.scheduler.at(at, (time) => {
      if (generation !== this.generation) return;
      this.arrive(stream, time);
      this.scheduleNext(stream, perMinute, time, generation);
    });
  }

  private arrive(stream: Stream, time: number): void {
    if (stream === 'inbound') this.inboundCall(time);
    else if (stream === 'outbound') this.outboundDial(time);
    else this.digital(stream === 'sms' ? InteractionType.Sms : InteractionType.Email, time);
  }

  private inboundCall(time: number): void {
    const { state } = this;
    const random = state.random;
    const service = SERVICES[random.pick(INBOUND_SERVICES)] as Service;
    const call = state.interactions.add(
      drawInteraction(random, {
        type: InteractionType.Voice,
        direction: Direction.Inbound,
        service,
        campaign: -1,
        timezone: drawTimezone(random),
        start: time,
        contextRate: state.sim.contextDataRate,
      }),
    );
    state.inProgress.add(call);
    const totals = state.totals.at(service.index, time, state.offset);
    if (totals) totals.offered += 1;
    const agent = this.readyAgent(service.team);
    if (agent) state.interactions.connect(call, agent.index, time);
    state.emit(call, EventKind.CallStart, time);
    if (agent) {
      this.startTalk(call, agent, time);
      return;
    }
    (state.queues[service.index] as number[]).push(call);
    this.scheduler.at(time + drawPatienceMs(random, state.sim), (t) => this.abandon(call, t));
  }

  private outboundDial(time: number): void {
    const { state } = this;
    const random = state.random;
    const service = SERVICES[OUTBOUND_SERVICE] as Service;
    const record = state.campaigns.take('VOICE', random);
    const call = state.interactions.add(
      drawInteraction(random, {
        type: InteractionType.Voice,
        direction: Direction.Outbound,
        service,
        campaign: record.campaign,
        timezone: record.timezone,
        start: time,
        contextRate: state.sim.contextDataRate,
      }),
    );
    state.inProgress.add(call);
    const totals = state.totals.at(service.index, time, state.offset);
    if (totals) totals.offered += 1;
    state.emit(call, EventKind.CallStart, time);
    this.scheduler.at(time + drawRingMs(random), (t) => this.outboundOutcome(call, t));
  }

  private outboundOutcome(call: number, time: number): void {
    const { state } = this;
    const outcome = drawOutboundOutcome(state.random, state.sim);
    const agent = outcome === 'connect' ? this.readyAgent(SERVICES[OUTBOUND_SERVICE]?.team ?? 1) : undefined;
    if (outcome !== 'connect') this.endWithoutAgent(call, time, outcome);
    else if (!agent) this.endWithoutAgent(call, time, LvResult.Dropped);
    else {
      state.interactions.connect(call, agent.index, time);
      this.startTalk(call, agent, time);
    }
  }

  private digital(type: InteractionType.Sms | InteractionType.Email, time: number): void {
    const { state } = this;
    const record = state.campaigns.take(type === InteractionType.Sms ? 'SMS' : 'EMAIL', state.random);
    const row = state.interactions.add(
      drawInteraction(state.random, {
        type,
        direction: Direction.Outbound,
        service: SERVICES[DIGITAL_SERVICE] as Service,
        campaign: record.campaign,
        timezone: record.timezone,
        start: time,
        contextRate: 0,
      }),
    );
    state.interactions.terminate(row, time, LvResult.AgentTerminated);
    state.emit(row, type === InteractionType.Sms ? EventKind.SmsAttempt : EventKind.EmailAttempt, time);
  }

  /** The longest-idle READY agent of a team. */
  private readyAgent(team: number): Agent | undefined {
    let best: Agent | undefined;
    for (const agent of this.state.agents) {
      if (agent.team !== team || agent.live.state !== AgentState.Ready) continue;
      if (!best || agent.live.since < best.live.since) best = agent;
    }
    return best;
  }

  private startTalk(call: number, agent: Agent, time: number): void {
    const { state } = this;
    const { interactions } = state;
    const service = interactions.serviceOf(call);
    const direction = interactions.directionOf(call);
    agent.call = call;
    state.moveAgent(agent, AgentState.InCall, time, { call, service: service.index });
    agent.countCall(service.index, direction, time, state.offset);
    state.totals.countConnect(service.index, time);
    const totals = state.totals.at(service.index, time, state.offset);
    if (totals) {
      const waited = direction === Direction.Inbound ? time - interactions.startOf(call) : 0;
      totals.handled += 1;
      totals.speedOfAnswerMs += waited;
      if (waited <= service.serviceLevelThreshold * 1000) totals.answeredWithinSla += 1;
    }
    this.scheduler.at(time + drawTalkMs(state.random, state.sim), (t) => this.endTalk(call, agent, t));
  }

  private endTalk(call: number, agent: Agent, time: number): void {
    const { state } = this;
    const service = state.interactions.serviceOf(call);
    state.interactions.terminate(call, time, drawHangup(state.random));
    const totals = state.totals.at(service.index, time, state.offset);
    if (totals) {
      totals.talkMs += time - state.interactions.answerOf(call);
      totals.talked += 1;
    }
    state.emit(call, EventKind.CallTermination, time);
    state.moveAgent(agent, AgentState.WrapUp, time, { call, service: service.index });
    const wrapMs = drawWrapMs(state.random, state.sim) + this.lateDispositionMs(call);
    this.scheduler.at(time + wrapMs, (t) => this.endWrap(call, agent, t));
  }

  /**
   * The extra wrap-up of a call whose agent dispositions late, or 0: a draw of its own per call, so
   * the share does not disturb the simulation's random sequence.
   */
  private lateDispositionMs(call: number): number {
    const { state } = this;
    const { lateDispositionShare, lateDispositionDelayMs } = state.sim;
    if (lateDispositionShare <= 0) return 0;
    if (new SeededRandom(`${state.seed}:late-disposition:${call}`).next() >= lateDispositionShare) return 0;
    state.lateDispositions.add(call);
    return lateDispositionDelayMs;
  }

  private endWrap(call: number, agent: Agent, time: number): void {
    const { state } = this;
    const { interactions } = state;
    const service = interactions.serviceOf(call);
    const termCode = drawTermCode(state.random, interactions.directionOf(call));
    interactions.dispose(call, time, termCode);
    const totals = state.totals.at(service.index, time, state.offset);
    if (totals) {
      totals.wrapMs += time - interactions.endOf(call);
      totals.wrapped += 1;
    }
    agent.countTerm(
      service.index,
      (TERM_CODES[termCode] as { category: 'none' }).category,
      time,
      state.offset,
    );
    state.emit(call, EventKind.CallDisposition, time);
    agent.call = -1;
    this.complete(call);
    if (this.leaving.delete(agent.index)) {
      state.moveAgent(agent, AgentState.LoggedOff, time);
      return;
    }
    if (!state.random.chance(state.sim.notReadyProbability)) {
      this.makeReady(agent, time);
      return;
    }
    const { reason, durationMs } = drawNotReady(state.random);
    state.moveAgent(agent, AgentState.NotReady, time, { reason });
    const token = (this.breakTokens.get(agent.index) ?? 0) + 1;
    this.breakTokens.set(agent.index, token);
    this.scheduler.at(time + durationMs, (t) => {
      if (this.breakTokens.get(agent.index) === token && agent.live.state === AgentState.NotReady)
        this.makeReady(agent, t);
    });
  }

  /** Puts an agent in READY and hands it the longest-waiting call of its team, if any. */
  private makeReady(agent: Agent, time: number): void {
    const { state } = this;
    state.moveAgent(agent, AgentState.Ready, time);
    let queue: number[] | undefined;
    for (const service of SERVICES) {
      if (service.team !== agent.team) continue;
      const candidate = state.queues[service.index] as number[];
      if (candidate.length === 0) continue;
      if (
        !queue ||
        state.interactions.startOf(candidate[0] as number) < state.interactions.startOf(queue[0] as number)
      )
        queue = candidate;
    }
    const call = queue?.shift();
    if (call === undefined) return;
    state.interactions.connect(call, agent.index, time);
    this.startTalk(call, agent, time);
  }

  private abandon(call: number, time: number): void {
    const { state } = this;
    const queue = state.queues[state.interactions.serviceOf(call).index] as number[];
    const at = queue.indexOf(call);
    if (at < 0) return;
    queue.splice(at, 1);
    this.endWithoutAgent(call, time, LvResult.Abandoned);
  }

  /** Ends a call no agent took (abandoned, dropped or not answered); the system dispositions it a second later. */
  private endWithoutAgent(call: number, time: number, result: LvResult): void {
    const { state } = this;
    const service = state.interactions.serviceOf(call);
    state.interactions.terminate(call, time, result);
    if (result === LvResult.Abandoned || result === LvResult.Dropped) {
      const totals = state.totals.at(service.index, time, state.offset);
      if (totals) {
        const waited = time - state.interactions.startOf(call);
        totals.abandoned += 1;
        totals.abandonWaitMs += waited;
        if (waited <= service.serviceLevelThreshold * 1000) totals.abandonedWithinSla += 1;
      }
    }
    state.emit(call, EventKind.CallTermination, time);
    this.scheduler.at(time + 1000, (t) => {
      state.interactions.dispose(call, t, SYSTEM_TERM_CODE);
      state.emit(call, EventKind.CallDisposition, t);
      this.complete(call);
    });
  }

  private complete(call: number): void {
    this.state.inProgress.delete(call);
    if (this.state.inProgress.size === 0) this.settleDrain();
  }

  private settleDrain(): void {
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

function definedOnly(options: Partial<TrafficRates>): Partial<TrafficRates> {
  const out: Partial<TrafficRates> = {};
  for (const key of ['agents', 'callsPerMinute', 'smsPerMinute', 'emailsPerMinute'] as const) {
    if (options[key] !== undefined) out[key] = options[key];
  }
  return out;
}
