import { SeededRandom } from '@voxbridge/emulator-kit';
import { type Agent, drawNotReady, type StateTrack } from './agents.js';
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
  type InteractionTypeName,
  LvResult,
  NO_REASON,
  OUTBOUND_SERVICE,
  SERVICES,
  type Service,
  SYSTEM_TERM_CODE,
  TEAM_COUNT,
  TERM_CODES,
} from './model.js';
import type { SimulationState } from './state.js';

/** What `POST /_emulator/traffic` asks for when it generates a backlog. */
export interface BacklogOptions {
  /** Agents who handled the calls (default: the agents that exist, or about one per 12 calls). */
  agents?: number;
  calls?: number;
  sms?: number;
  emails?: number;
  /** Seed of this backlog's random draws (default: drawn from the simulator's random source). */
  seed?: number;
}

/** What a backlog generation produced. */
export interface BacklogResult {
  generated: Record<InteractionTypeName, number>;
  /** Interaction feed events appended. */
  events: number;
  /** Agent feed events appended. */
  agentEvents: number;
  agents: number;
  /** The window the timestamps fall in (epoch ms). */
  from: number;
  to: number;
}

const WINDOW_MS = 60 * 60_000;
/** Calls start early enough in the window to have ended and been dispositioned by now. */
const VOICE_TAIL_MS = 15 * 60_000;
const CAP_PATIENCE_MS = 3 * 60_000;
const CAP_TALK_MS = 9 * 60_000;
const CAP_WRAP_MS = 2 * 60_000;
const OUTBOUND_AGENT_WAIT_MS = 2_000;

interface PendingAgentEvent {
  time: number;
  agent: Agent;
  state: AgentState;
  reason: number;
  call: number;
  service: number;
}

/**
 * Generates completed interactions with timestamps spread over the last hour and appends their
 * events at the end of both logs (so a token taken before the call reads them). Calls go through
 * the same model as live traffic, solved offline: each call takes the team's earliest-free agent,
 * callers abandon when no agent frees up within their patience, outbound connects drop without one.
 */
export function generateBacklog(state: SimulationState, options: BacklogOptions, now: number): BacklogResult {
  const random = new SeededRandom(options.seed ?? state.random.int(0, 0x7fffffff));
  const calls = options.calls ?? 0;
  const agentCount =
    options.agents ?? (state.agents.length > 0 ? state.agents.length : Math.min(300, Math.ceil(calls / 12)));
  state.ensureAgents(agentCount);
  const agents = state.agents.slice(0, agentCount);
  const from = now - WINDOW_MS;
  const interactionEvents: Array<{ time: number; row: number; kind: EventKind }> = [];
  const agentEvents: PendingAgentEvent[] = [];
  /** When each backlog agent is next free, by agent index. */
  const freeAt = new Float64Array(state.agents.length);
  const sim = state.sim;
  const offset = state.offset;

  const wasLoggedOff = agents.filter((agent) => !agent.loggedOn);
  for (const agent of agents) {
    const logon = from + random.int(0, 60_000);
    if (!agent.loggedOn)
      agentEvents.push({
        time: logon,
        agent,
        state: AgentState.LoggedOn,
        reason: NO_REASON,
        call: -1,
        service: agent.loginService,
      });
    agentEvents.push({
      time: logon + 1000,
      agent,
      state: AgentState.Ready,
      reason: NO_REASON,
      call: -1,
      service: agent.loginService,
    });
    freeAt[agent.index] = logon + 1000;
  }
  const teams = Array.from({ length: TEAM_COUNT }, (_, team) =>
    agents.filter((agent) => agent.team === team),
  );
  const earliestFree = (team: number): Agent | undefined => {
    let best: Agent | undefined;
    let bestFree = Number.POSITIVE_INFINITY;
    for (const agent of teams[team] ?? []) {
      const free = freeAt[agent.index] as number;
      if (free < bestFree) {
        best = agent;
        bestFree = free;
      }
    }
    return best;
  };

  const talkWith = (row: number, agent: Agent, connect: number, service: Service, direction: Direction) => {
    state.interactions.connect(row, agent.index, connect);
    const end = connect + Math.min(CAP_TALK_MS, drawTalkMs(random, sim));
    const disposition = end + Math.min(CAP_WRAP_MS, drawWrapMs(random, sim));
    const termCode = drawTermCode(random, direction);
    state.interactions.terminate(row, end, drawHangup(random));
    state.interactions.dispose(row, disposition, termCode);
    interactionEvents.push(
      { time: end, row, kind: EventKind.CallTermination },
      { time: disposition, row, kind: EventKind.CallDisposition },
    );
    const base = { agent, reason: NO_REASON, call: row, service: service.index };
    agentEvents.push(
      { ...base, time: connect, state: AgentState.InCall },
      { ...base, time: end, state: AgentState.WrapUp },
    );
    let free = disposition;
    if (random.chance(sim.notReadyProbability)) {
      const pause = drawNotReady(random);
      if (disposition + pause.durationMs < now) {
        agentEvents.push({
          ...base,
          call: -1,
          service: agent.loginService,
          time: disposition,
          state: AgentState.NotReady,
          reason: pause.reason,
        });
        free = disposition + pause.durationMs;
      }
    }
    agentEvents.push({ ...base, call: -1, service: agent.loginService, time: free, state: AgentState.Ready });
    freeAt[agent.index] = free;
    agent.countCall(service.index, direction, connect, offset);
    agent.countTerm(
      service.index,
      (TERM_CODES[termCode] as { category: 'none' }).category,
      disposition,
      offset,
    );
    state.totals.countConnect(service.index, connect);
    const totals = state.totals.at(service.index, connect, offset);
    if (totals) {
      const waited = direction === Direction.Inbound ? connect - state.interactions.startOf(row) : 0;
      totals.handled += 1;
      totals.speedOfAnswerMs += waited;
      if (waited <= service.serviceLevelThreshold * 1000) totals.answeredWithinSla += 1;
      totals.talkMs += end - connect;
      totals.talked += 1;
      totals.wrapMs += disposition - end;
      totals.wrapped += 1;
    }
  };

  const endWithoutAgent = (row: number, time: number, result: LvResult, service: Service) => {
    state.interactions.terminate(row, time, result);
    state.interactions.dispose(row, time + 1000, SYSTEM_TERM_CODE);
    interactionEvents.push(
      { time, row, kind: EventKind.CallTermination },
      { time: time + 1000, row, kind: EventKind.CallDisposition },
    );
    const totals = state.totals.at(service.index, time, offset);
    if (totals && (result === LvResult.Abandoned || result === LvResult.Dropped)) {
      const waited = time - state.interactions.startOf(row);
      totals.abandoned += 1;
      totals.abandonWaitMs += waited;
      if (waited <= service.serviceLevelThreshold * 1000) totals.abandonedWithinSla += 1;
    }
  };

  for (const start of spreadTimes(random, calls, from + 60_000, now - VOICE_TAIL_MS)) {
    const inbound = random.chance(sim.inboundShare);
    const service = SERVICES[inbound ? random.pick(INBOUND_SERVICES) : OUTBOUND_SERVICE] as Service;
    const record = inbound
      ? { campaign: -1, timezone: drawTimezone(random) }
      : state.campaigns.take('VOICE', random);
    const direction = inbound ? Direction.Inbound : Direction.Outbound;
    const { campaign, timezone } = record;
    const row = state.interactions.add(
      drawInteraction(random, {
        type: InteractionType.Voice,
        direction,
        service,
        campaign,
        timezone,
        start,
        contextRate: sim.contextDataRate,
      }),
    );
    interactionEvents.push({ time: start, row, kind: EventKind.CallStart });
    const totals = state.totals.at(service.index, start, offset);
    if (totals) totals.offered += 1;
    const agent = earliestFree(service.team);
    if (inbound) {
      const patience = Math.min(CAP_PATIENCE_MS, drawPatienceMs(random, sim));
      const free = agent ? (freeAt[agent.index] as number) : Number.POSITIVE_INFINITY;
      if (agent && free <= start + patience) talkWith(row, agent, Math.max(start, free), service, direction);
      else endWithoutAgent(row, start + patience, LvResult.Abandoned, service);
      continue;
    }
    const outcomeAt = start + drawRingMs(random);
    const outcome = drawOutboundOutcome(random, sim);
    if (outcome !== 'connect') endWithoutAgent(row, outcomeAt, outcome, service);
    else if (agent && (freeAt[agent.index] as number) <= outcomeAt + OUTBOUND_AGENT_WAIT_MS)
      talkWith(row, agent, Math.max(outcomeAt, freeAt[agent.index] as number), service, direction);
    else endWithoutAgent(row, outcomeAt, LvResult.Dropped, service);
  }

  for (const [type, count] of [
    [InteractionType.Sms, options.sms ?? 0],
    [InteractionType.Email, options.emails ?? 0],
  ] as const) {
    for (const start of spreadTimes(random, count, from, now)) {
      const { campaign, timezone } = state.campaigns.take(
        type === InteractionType.Sms ? 'SMS' : 'EMAIL',
        random,
      );
      const service = SERVICES[DIGITAL_SERVICE] as Service;
      const row = state.interactions.add(
        drawInteraction(random, {
          type,
          direction: Direction.Outbound,
          service,
          campaign,
          timezone,
          start,
          contextRate: 0,
        }),
      );
      state.interactions.terminate(row, start, LvResult.AgentTerminated);
      interactionEvents.push({
        time: start,
        row,
        kind: type === InteractionType.Sms ? EventKind.SmsAttempt : EventKind.EmailAttempt,
      });
    }
  }

  interactionEvents.sort((a, b) => a.time - b.time);
  for (const event of interactionEvents) state.emit(event.row, event.kind, event.time);
  const tracks = new Map<Agent, StateTrack>();
  agentEvents.sort((a, b) => a.time - b.time);
  for (const event of agentEvents) {
    const { agent } = event;
    const track = tracks.get(agent) ?? {
      state: agent.live.state,
      reason: NO_REASON,
      since: Number.NaN,
      service: agent.loginService,
    };
    tracks.set(agent, track);
    agent.move(track, event.state, event.time, offset, event.reason, event.service);
    agent.seq += 1;
    state.agentEvents.append(
      {
        agent: agent.index,
        state: event.state,
        reason: event.reason,
        time: event.time,
        call: event.call,
        seq: agent.seq,
        service: agent.loginService,
      },
      state.clock.now(),
    );
  }
  // Agents the backlog logged on stay logged on in the state their last backlog event left them in.
  for (const agent of wasLoggedOff) {
    const track = tracks.get(agent);
    if (track && !agent.loggedOn) Object.assign(agent.live, track);
  }
  return {
    generated: { VOICE: calls, SMS: options.sms ?? 0, EMAIL: options.emails ?? 0 },
    events: interactionEvents.length,
    agentEvents: agentEvents.length,
    agents: agents.length,
    from,
    to: now,
  };
}

/** `count` sorted times spread uniformly over [from, to]. */
function spreadTimes(random: SeededRandom, count: number, from: number, to: number): Float64Array {
  const times = new Float64Array(count);
  const span = Math.max(0, to - from);
  for (let i = 0; i < count; i++) times[i] = from + Math.floor(random.next() * span);
  return times.sort();
}
