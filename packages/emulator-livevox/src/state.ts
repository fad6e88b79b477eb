import { type Clock, SeededRandom } from '@voxbridge/emulator-kit';
import { Agent } from './agents.js';
import { CampaignBook } from './campaigns.js';
import type { LiveVoxEmulatorConfig, SimulationConfig } from './config.js';
import { AgentEventLog, InteractionEventLog } from './event-log.js';
import { InteractionTable } from './interactions.js';
import { type AgentState, type EventKind, NO_REASON, SERVICES } from './model.js';
import { ServiceTotalsBook } from './service-totals.js';

/**
 * Everything the simulation knows, shared by live traffic, backlog generation, statistics and the
 * API routes: interactions, the two event logs, agents, campaigns, queues and today's totals.
 */
export class SimulationState {
  readonly interactions = new InteractionTable();
  readonly events = new InteractionEventLog();
  readonly agentEvents = new AgentEventLog();
  readonly totals = new ServiceTotalsBook();
  agents: Agent[] = [];
  campaigns: CampaignBook;
  /** Inbound calls waiting for an agent, per service index (interaction rows, oldest first). */
  queues: number[][] = SERVICES.map(() => []);
  /** Voice calls started and not yet dispositioned. */
  readonly inProgress = new Set<number>();
  /** Voice calls whose agent dispositioned late (`simulation.lateDispositionShare`), by interaction row. */
  readonly lateDispositions = new Set<number>();
  random: SeededRandom;

  constructor(
    readonly clock: Clock,
    readonly seed: number,
    private readonly getConfig: () => LiveVoxEmulatorConfig,
  ) {
    this.random = new SeededRandom(seed);
    this.campaigns = new CampaignBook();
  }

  /** The live configuration. */
  get config(): LiveVoxEmulatorConfig {
    return this.getConfig();
  }
  /** The simulation tunables. */
  get sim(): SimulationConfig {
    return this.getConfig().simulation;
  }
  /** The contact center's UTC offset in minutes. */
  get offset(): number {
    return this.getConfig().timezoneOffsetMinutes;
  }

  /** Makes sure at least `count` agents exist (new ones start logged off). */
  ensureAgents(count: number): void {
    while (this.agents.length < count) this.agents.push(new Agent(this.agents.length, this.seed));
  }

  /** Appends an interaction event at `time`. */
  emit(interaction: number, kind: EventKind, time: number): void {
    this.events.append(interaction, kind, time, this.clock.now());
    this.interactions.countEvent(interaction);
  }

  /** Moves an agent's live state and appends the agent event. */
  moveAgent(
    agent: Agent,
    next: AgentState,
    time: number,
    options: { reason?: number; call?: number; service?: number } = {},
  ): void {
    agent.move(
      agent.live,
      next,
      time,
      this.offset,
      options.reason ?? NO_REASON,
      options.service ?? agent.loginService,
    );
    agent.seq += 1;
    this.agentEvents.append(
      {
        agent: agent.index,
        state: next,
        reason: options.reason ?? NO_REASON,
        time,
        call: options.call ?? -1,
        seq: agent.seq,
        service: agent.loginService,
      },
      this.clock.now(),
    );
  }

  /** Forgets everything generated; agents, campaigns and the random source start over. */
  reset(): void {
    this.interactions.clear();
    this.events.clear();
    this.agentEvents.clear();
    this.totals.clear();
    this.agents = [];
    this.campaigns = new CampaignBook();
    this.queues = SERVICES.map(() => []);
    this.inProgress.clear();
    this.lateDispositions.clear();
    this.random = new SeededRandom(this.seed);
  }
}
