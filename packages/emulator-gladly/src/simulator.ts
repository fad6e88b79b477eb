import { type Clock, ClockScheduler, SeededRandom } from '@voxbridge/emulator-kit';
import type { SimulationConfig } from './config.js';
import { ExportArchive } from './exports.js';
import type {
  Agent,
  Contact,
  ContactChannel,
  Conversation,
  ConversationItem,
  GladlyEvent,
  Inbox,
  Team,
} from './model.js';
import { OrgState, SimulationError } from './org-state.js';
import { buildOrganization, type Organization } from './organization.js';
import { TrafficGenerator } from './traffic.js';
import { type GladlyTruth, TruthRecorder } from './truth.js';

const HOUR = 3_600_000;

/** A backlog request: "simulate the last `hours` hours" (`POST /_emulator/activity`). */
export interface BacklogOptions {
  /** Simulated hours of history, ending now. */
  hours: number;
  /** Agents in the rebuilt organisation. Default: `simulation.agents` of the configuration. */
  agents?: number;
  /** Seed of the rebuilt organisation and its traffic. Default: the emulator's seed. */
  seed?: number;
  /** Keep traffic running after the backlog. Default: whether it was running before. */
  live?: boolean;
  /**
   * Simulated time the history ends at (epoch ms, not in the future). Default: now. Two emulators with
   * the same seed, start time and `endAt` produce the same history, ids included.
   */
  endAt?: number;
}

/** What the simulation is doing (`GET /_emulator/activity`). */
export interface ActivityStatus {
  running: boolean;
  seed: number;
  now: string;
  agents: number;
  loggedIn: number;
  away: number;
  openConversations: number;
  queuedContacts: number;
  events: number;
}

/**
 * The simulated Gladly organisation: its people and inboxes, what they do (generated traffic or
 * actions taken by hand), the events that result and the ground truth. Time is the emulator's clock;
 * state catches up with it lazily (on every API request and clock jump) and by timer while traffic runs.
 */
export class GladlySimulator {
  private state!: OrgState;
  private traffic!: TrafficGenerator;
  private readonly scheduler: ClockScheduler;
  private readonly recorder = new TruthRecorder();
  private readonly listeners = new Set<(event: GladlyEvent) => void>();
  private currentSeed: number;
  /** The Export API's jobs, cut hour by hour from the event log. */
  readonly exports: ExportArchive;

  constructor(
    readonly clock: Clock,
    private readonly simulationConfig: () => SimulationConfig,
    private readonly lookbackMs: () => number,
    readonly initialSeed: number,
  ) {
    this.scheduler = new ClockScheduler(clock);
    this.currentSeed = initialSeed;
    this.exports = new ExportArchive(String(initialSeed));
    this.rebuild(initialSeed, simulationConfig().agents);
  }

  /** The seed of the current organisation. */
  get seed(): number {
    return this.currentSeed;
  }

  /** The static organisation (agents with skills, teams, inboxes, away reasons). */
  get organization(): Organization {
    return this.state.org;
  }

  /** Whether traffic is being generated. */
  get running(): boolean {
    return this.traffic.isRunning;
  }

  /** Calls `listener` for every live event (not for generated backlog). Returns an unsubscribe function. */
  onEvent(listener: (event: GladlyEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Brings the simulation up to the clock's current time. */
  catchUp(): void {
    this.scheduler.runDue(this.clock.now());
    // Export jobs are cut before the log forgets what is past the Events API's reach.
    this.exports.advance(this.clock.now(), this.state.log, () => this.agents());
    this.state.log.prune(this.clock.now() - this.lookbackMs() - HOUR);
  }

  /** Starts (or resumes) generated traffic at the current time. */
  start(): void {
    this.catchUp();
    this.traffic.start(this.clock.now());
  }

  /**
   * Stops generated traffic. With `drain`, the organisation also winds down at the current time:
   * waiting and active contacts end, conversations close and agents log out, so the truth is complete.
   */
  stop(options: { drain?: boolean } = {}): void {
    this.catchUp();
    this.traffic.stop();
    if (options.drain) this.state.windDown(this.clock.now());
  }

  /**
   * Replaces the organisation's history with `hours` of simulated activity ending now (no webhook
   * deliveries for it: it happened "before"). Deterministic for a seed and start time.
   */
  generateBacklog(options: BacklogOptions): void {
    if (!(options.hours > 0 && options.hours <= 48))
      throw new SimulationError('hours: must be a number above 0 and at most 48');
    const agents = options.agents ?? this.simulationConfig().agents;
    if (!(Number.isInteger(agents) && agents >= 1 && agents <= 500))
      throw new SimulationError('agents: must be a whole number from 1 to 500');
    const wasRunning = this.traffic.isRunning;
    this.catchUp();
    const now = options.endAt ?? this.clock.now();
    if (!(Number.isFinite(now) && now <= this.clock.now()))
      throw new SimulationError('endAt: must be a time that is not in the future');
    this.traffic.stop();
    this.recorder.clearActivity();
    this.rebuild(options.seed ?? this.currentSeed, agents);
    this.exports.reset(now - options.hours * HOUR);
    this.state.live = false;
    try {
      this.traffic.start(now - options.hours * HOUR);
      this.scheduler.runDue(now);
      // What the backlog scheduled after endAt and before now happens now, on the next catch-up.
    } finally {
      this.state.live = true;
    }
    if (!(options.live ?? wasRunning)) this.traffic.stop();
  }

  /** Back to the initial organisation with no history; traffic stopped; webhook and report records cleared. */
  reset(): void {
    this.traffic.stop();
    this.recorder.clear();
    this.rebuild(this.initialSeed, this.simulationConfig().agents);
  }

  /** Stops timers for good. */
  close(): void {
    this.traffic.stop();
    this.scheduler.close();
  }

  /** The truth recorder (webhook delivery and report records are written through it). */
  get truthRecorder(): TruthRecorder {
    return this.recorder;
  }

  /** What has happened so far. */
  truth(): GladlyTruth {
    this.catchUp();
    const org = this.state.org;
    return this.recorder.snapshot(
      this.clock.now(),
      org.agents.map((profile) => profile.agent),
      org.inboxes.map((profile) => profile.inbox),
    );
  }

  /** A summary of the simulation's state. */
  status(): ActivityStatus {
    this.catchUp();
    const agents = [...this.state.agents.values()];
    return {
      running: this.traffic.isRunning,
      seed: this.currentSeed,
      now: new Date(this.clock.now()).toISOString(),
      agents: agents.length,
      loggedIn: agents.filter((agent) => agent.loggedIn).length,
      away: agents.filter((agent) => agent.away).length,
      openConversations: [...this.state.conversations.values()].filter(
        (conversation) => conversation.status !== 'CLOSED',
      ).length,
      queuedContacts: this.state.queue.length,
      events: this.state.log.size,
    };
  }

  // ---- reads (for the API routes) ------------------------------------------------------------------

  /** Agents, in organisation order. */
  agents(): Agent[] {
    return this.state.org.agents.map((profile) => profile.agent);
  }
  /** Teams. */
  teams(): Team[] {
    return this.state.org.teams;
  }
  /** Inboxes, the disabled one included. */
  inboxes(): Inbox[] {
    return this.state.org.inboxes.map((profile) => profile.inbox);
  }
  /** One conversation. */
  conversation(id: string): Conversation | undefined {
    return this.state.conversations.get(id);
  }
  /** Every conversation, oldest first. */
  conversations(): Conversation[] {
    return [...this.state.conversations.values()];
  }
  /** The items of a conversation, oldest first. */
  conversationItems(conversationId: string): ConversationItem[] | undefined {
    if (!this.state.conversations.has(conversationId)) return undefined;
    return this.state.items.get(conversationId) ?? [];
  }
  /** One conversation item. */
  conversationItem(itemId: string): ConversationItem | undefined {
    return this.state.itemsById.get(itemId);
  }
  /** Every contact (with its work session), oldest first. */
  contacts(): Contact[] {
    return [...this.state.contacts.values()];
  }
  /** Events of the given entities with `startAt <= timestamp < endAt`, oldest first. */
  events(startAt: number, endAt: number, entities: ReadonlySet<string>): Iterable<GladlyEvent> {
    return this.state.log.range(startAt, endAt, entities);
  }

  // ---- actions by hand (tests, admin API); they happen at the clock's current time ------------------

  /** An agent logs in (without changing availability). */
  login(agentId: string): void {
    this.act(agentId, (at) => this.state.login(agentId, at));
  }
  /** An agent logs out. */
  logout(agentId: string): void {
    this.act(agentId, (at) => this.state.logout(agentId, at));
  }
  /** An agent goes away with a reason name (`Break`, `Lunch`, `Meeting`, `Other`), or auto-away with null. */
  goAway(agentId: string, reason: string | null = null): void {
    this.act(agentId, (at) => this.state.goAway(agentId, at, reason));
  }
  /** An agent returns from away. */
  returnFromAway(agentId: string): void {
    this.act(agentId, (at) => this.state.returnFromAway(agentId, at));
  }
  /** An agent sets the channels they are available for. */
  setAvailability(agentId: string, channels: readonly string[]): void {
    this.act(agentId, (at) => this.state.setAvailability(agentId, at, channels));
  }
  /** A customer starts a conversation; default: the first inbox and a chat. */
  createConversation(options: { inboxId?: string; channel?: ContactChannel } = {}): {
    conversationId: string;
    contactId: string;
  } {
    this.catchUp();
    const inboxId = options.inboxId ?? this.state.org.inboxes[0]!.inbox.id;
    const contact = this.state.createConversation(this.clock.now(), inboxId, options.channel ?? 'CHAT');
    return { conversationId: contact.conversationId, contactId: contact.id };
  }
  /** Closes a conversation (its contact ends as answered when an agent had it). */
  closeConversation(conversationId: string): void {
    this.catchUp();
    this.state.closeConversation(conversationId, this.clock.now());
  }

  private act(agentId: string, action: (at: number) => void): void {
    this.catchUp();
    const at = this.clock.now();
    action(at);
    this.traffic.replan(agentId, at);
  }

  private rebuild(seed: number, agents: number): void {
    this.scheduler.clear();
    this.currentSeed = seed;
    this.exports.reset(this.clock.now(), String(seed));
    const sim = this.simulationConfig();
    const org = buildOrganization(seed, agents, Math.min(sim.teams, agents));
    this.state = new OrgState(org, `${seed}:ids`, this.recorder);
    this.state.onEvent((event) => {
      for (const listener of this.listeners) listener(event);
    });
    this.traffic = new TrafficGenerator(
      this.state,
      this.scheduler,
      new SeededRandom(`${seed}:traffic`),
      this.simulationConfig,
    );
  }
}
