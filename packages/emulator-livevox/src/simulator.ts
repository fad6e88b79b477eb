import type { Clock } from '@voxbridge/emulator-kit';
import { ClockScheduler } from '@voxbridge/emulator-kit';
import { type BacklogOptions, type BacklogResult, generateBacklog } from './backlog.js';
import { defaultLiveVoxConfig, type LiveVoxEmulatorConfig } from './config.js';
import { TRANSACTION_ID_BASE } from './interactions.js';
import { LiveTraffic, type TrafficRates } from './live.js';
import { Direction, INTERACTION_TYPE_NAMES, InteractionType, type InteractionTypeName } from './model.js';
import { recordingOf, recordingSha256 } from './recordings.js';
import { TERM_CODE_ID_BASE } from './serialize.js';
import { SimulationState } from './state.js';

/** Options of a {@link ContactCenterSimulator}. */
export interface SimulatorOptions {
  /** The simulated clock (the kit's `Clock`; `advance` jumps run everything that became due). */
  clock: Clock;
  /** Seed of every random draw. Default 1. */
  seed?: number;
  /** Where the live configuration comes from. Default: the defaults. */
  config?: () => LiveVoxEmulatorConfig;
}

/** What `startTraffic` accepts: rates per simulated minute, the agents to log on, an optional new seed. */
export type TrafficOptions = Partial<TrafficRates> & { seed?: number };

/** Paging of the truth. */
export interface TruthOptions {
  /** Leave the interaction list out. */
  summary?: boolean;
  offset?: number;
  /** At most this many interactions (default: all). */
  limit?: number;
  /** Only interactions of this type. */
  type?: InteractionTypeName;
}

/** Where an interaction is in its life. */
export type InteractionStatus = 'queued' | 'ringing' | 'in-call' | 'wrap-up' | 'completed' | 'sent';

/** One generated interaction and its identifiers, as the truth lists it. */
export interface TruthInteraction {
  type: InteractionTypeName;
  sessionId: string;
  transactionId: number;
  account: string;
  /** Service id. */
  service: number;
  callCenterId: number;
  campaignId: number | null;
  agentLoginId: string | null;
  agentId: number | null;
  direction: 'INBOUND' | 'OUTBOUND';
  start: number;
  end: number | null;
  status: InteractionStatus;
  lvResult: string | null;
  termCodeName: string | null;
  /** The final term code's `lvResultId` on CALL_DISPOSITION (700 + its number), or null before the disposition. */
  termCode: number | null;
  /** When the call was dispositioned (emulator ms), or null before. */
  dispositionAt: number | null;
  /** True when the agent dispositioned late (`simulation.lateDispositionShare`): after a bridge's grace. */
  lateDisposition: boolean;
  /** Feed events the interaction has produced so far (3 for a finished call, 1 for SMS or email). */
  events: number;
  /** The handling agent's name and roster email (LiveVox's answers carry no email). */
  agentName: string | null;
  agentEmail: string | null;
  /** Seconds connected to the agent, on hold (never simulated: 0) and in wrap-up; null where not applicable. */
  talkSeconds: number | null;
  holdSeconds: number | null;
  wrapSeconds: number | null;
  /** The call's recording (whether or not available yet), or null when it has none. */
  recording: { id: string; bytes: number; sha256: string; contentType: string; availableAt: number } | null;
}

/** What has been generated so far (`GET /_emulator/truth`). */
export interface Truth {
  counts: Record<InteractionTypeName, number>;
  /** Events in the interaction feed's log. */
  events: number;
  /** Events in the agent feed's log. */
  agentEvents: number;
  /** Interactions matching the type filter. */
  total: number;
  offset: number;
  interactions?: TruthInteraction[];
}

/**
 * The contact-center simulator: agents, inbound and outbound calls, SMS and email, driven by a seeded
 * random source on a controllable clock. It writes the two event logs the LiveVox feeds serve and the
 * state the statistics are computed from.
 */
export class ContactCenterSimulator {
  readonly state: SimulationState;
  readonly scheduler: ClockScheduler;
  private readonly live: LiveTraffic;

  constructor(options: SimulatorOptions) {
    const fallback = defaultLiveVoxConfig();
    this.state = new SimulationState(options.clock, options.seed ?? 1, options.config ?? (() => fallback));
    this.scheduler = new ClockScheduler(options.clock);
    this.live = new LiveTraffic(this.state, this.scheduler);
  }

  /** The simulated clock. */
  get clock(): Clock {
    return this.state.clock;
  }

  /** The running live-traffic rates, or undefined when idle. */
  get traffic(): TrafficRates | undefined {
    return this.live.rates;
  }

  /** Starts or changes live traffic from now on; returns the rates in effect. */
  startTraffic(options: TrafficOptions = {}): TrafficRates {
    const rates = this.live.start(options, this.clock.now());
    this.scheduler.runDue();
    return rates;
  }

  /**
   * Stops starting new interactions. With `drain` (the default) the promise resolves once every call
   * in progress has been dispositioned (on the simulated clock).
   */
  stopTraffic(options: { drain?: boolean } = {}): Promise<void> {
    return this.live.stop(options.drain ?? true);
  }

  /** Generates completed interactions spread over the last hour and appends their events. */
  generateBacklog(options: BacklogOptions): BacklogResult {
    return generateBacklog(this.state, options, this.clock.now());
  }

  /** Calls waiting for an agent, by service index. */
  queued(serviceIndex: number): number[] {
    return this.state.queues[serviceIndex] ?? [];
  }

  /** The interaction row of a voice call, from its call session id and transaction id. */
  findCall(sessionId: string, transactionId: number): number | undefined {
    const { interactions } = this.state;
    const row = transactionId - TRANSACTION_ID_BASE;
    if (!Number.isInteger(row) || row < 0 || row >= interactions.length) return undefined;
    if (interactions.typeOf(row) !== InteractionType.Voice || interactions.sessionId(row) !== sessionId)
      return undefined;
    return row;
  }

  /** What has been generated so far. */
  truth(options: TruthOptions = {}): Truth {
    const { interactions, events, agentEvents } = this.state;
    const counts = interactions.countsByType();
    const typeCode = options.type ? INTERACTION_TYPE_NAMES.indexOf(options.type) : -1;
    const total = typeCode < 0 ? interactions.length : counts[options.type as InteractionTypeName];
    const offset = Math.max(0, options.offset ?? 0);
    const truth: Truth = { counts, events: events.length, agentEvents: agentEvents.length, total, offset };
    if (options.summary) return truth;
    const limit = Math.max(0, options.limit ?? Number.POSITIVE_INFINITY);
    const list: TruthInteraction[] = [];
    let matched = 0;
    for (let row = 0; row < interactions.length && list.length < limit; row++) {
      if (typeCode >= 0 && interactions.typeOf(row) !== typeCode) continue;
      if (matched++ >= offset) list.push(this.describe(row));
    }
    truth.interactions = list;
    return truth;
  }

  /** Forgets everything generated and stops live traffic (agents, campaigns and the random source start over). */
  reset(): void {
    this.scheduler.clear();
    this.state.reset();
    this.live.reset();
  }

  /** Stops the scheduler's timer for good. */
  close(): void {
    this.live.reset();
    this.scheduler.close();
  }

  private describe(row: number): TruthInteraction {
    const { interactions, campaigns, agents } = this.state;
    const agentIndex = interactions.agentOf(row);
    const agent = agentIndex >= 0 ? agents[agentIndex] : undefined;
    const campaign = interactions.campaignOf(row);
    const service = interactions.serviceOf(row);
    const end = interactions.endOf(row);
    const recording = recordingOf(this.state, row);
    return {
      type: interactions.typeName(row),
      sessionId: interactions.sessionId(row),
      transactionId: interactions.transactionId(row),
      account: interactions.accountText(row),
      service: service.id,
      callCenterId: service.callCenterId,
      campaignId: campaign >= 0 ? (campaigns.campaigns[campaign]?.id ?? null) : null,
      agentLoginId: agent?.loginId ?? null,
      agentId: agent?.agentId ?? null,
      direction: interactions.directionOf(row) === Direction.Inbound ? 'INBOUND' : 'OUTBOUND',
      start: interactions.startOf(row),
      end: Number.isNaN(end) ? null : end,
      status: this.statusOf(row),
      lvResult: interactions.typeOf(row) === InteractionType.Voice ? interactions.resultName(row) : null,
      termCodeName: interactions.termCodeName(row),
      ...this.disposition(row),
      events: interactions.eventCountOf(row),
      agentName: agent ? `${agent.firstName} ${agent.lastName}` : null,
      agentEmail: agent?.email ?? null,
      ...this.durations(row),
      recording: recording
        ? {
            id: recording.id,
            bytes: recording.bytes,
            sha256: recordingSha256(this.state, row, recording),
            contentType: recording.contentType,
            availableAt: recording.availableAt,
          }
        : null,
    };
  }

  private disposition(row: number): Pick<TruthInteraction, 'termCode' | 'dispositionAt' | 'lateDisposition'> {
    const { interactions } = this.state;
    const termCode = interactions.termCodeOf(row);
    const at = interactions.dispositionOf(row);
    return {
      termCode: termCode === undefined || Number.isNaN(at) ? null : TERM_CODE_ID_BASE + termCode,
      dispositionAt: Number.isNaN(at) ? null : at,
      lateDisposition: this.state.lateDispositions.has(row),
    };
  }

  private durations(row: number): Pick<TruthInteraction, 'talkSeconds' | 'holdSeconds' | 'wrapSeconds'> {
    const { interactions } = this.state;
    if (interactions.typeOf(row) !== InteractionType.Voice)
      return { talkSeconds: null, holdSeconds: null, wrapSeconds: null };
    const answer = interactions.answerOf(row);
    const end = interactions.endOf(row);
    const disposition = interactions.dispositionOf(row);
    const seconds = (ms: number) => (Number.isNaN(ms) ? null : Math.round(ms / 1000));
    const connected = !Number.isNaN(answer);
    return {
      talkSeconds: connected ? seconds(end - answer) : 0,
      holdSeconds: 0,
      wrapSeconds: connected ? seconds(disposition - end) : 0,
    };
  }

  private statusOf(row: number): InteractionStatus {
    const { interactions } = this.state;
    if (interactions.typeOf(row) !== InteractionType.Voice) return 'sent';
    if (!Number.isNaN(interactions.dispositionOf(row))) return 'completed';
    if (!Number.isNaN(interactions.endOf(row))) return 'wrap-up';
    if (!Number.isNaN(interactions.answerOf(row))) return 'in-call';
    return interactions.directionOf(row) === Direction.Inbound ? 'queued' : 'ringing';
  }
}
