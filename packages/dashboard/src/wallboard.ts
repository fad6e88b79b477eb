import type { CampaignApi, ServiceApi, ServiceFilter } from '@voxbridge/livevox';
import { Repeater } from './repeater.js';
import type { DashboardLogger, WallboardSection, WallboardSnapshot } from './types.js';
import { agentAveragesRow, agentRows, campaignRow, liveConnectBars, serviceRow } from './wallboard-rows.js';

/** The part of the LiveVox client the wallboard reads (a `LiveVox` instance fits). */
export interface WallboardSource {
  realtime: {
    service: Pick<ServiceApi, 'stats' | 'agentStatus' | 'liveConnects' | 'agentAverages'>;
    campaign: Pick<CampaignApi, 'stats'>;
  };
}

/** Options of {@link WallboardPoller}. */
export interface WallboardPollerOptions {
  /** Pause between the end of one poll and the start of the next. */
  intervalMs: number;
  /** Limits every statistics request to these services or call centers; default: all. */
  filter?: ServiceFilter;
  /** Agent averages take one request per service: at most this many services. */
  maxAverageServices: number;
  /** Called with every snapshot. */
  onSnapshot: (snapshot: WallboardSnapshot) => void;
  logger?: DashboardLogger;
}

function emptySnapshot(): WallboardSnapshot {
  return {
    polledAt: 0,
    services: [],
    agents: [],
    liveConnects: [],
    agentAverages: [],
    campaigns: [],
    errors: {},
  };
}

function messageOf(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}

/**
 * The one LiveVox poller of a dashboard: while it runs, it reads the Real-Time statistics every
 * `intervalMs` (one poll at a time, never overlapping) and hands each snapshot to `onSnapshot`. The
 * dashboard runs it only while a browser is connected, so an unwatched bridge spends no API calls.
 */
export class WallboardPoller {
  /** The last snapshot, or undefined before the first poll. */
  latest: WallboardSnapshot | undefined;
  private readonly repeater: Repeater;
  /** The last error logged per section, so that a lasting outage is logged once, not every poll. */
  private readonly loggedErrors = new Map<WallboardSection, string>();

  constructor(
    private readonly source: WallboardSource,
    private readonly options: WallboardPollerOptions,
  ) {
    this.repeater = new Repeater(() => this.pollAndHandOver(), options.intervalMs);
  }

  /** True between {@link start} and {@link stop}. */
  get isRunning(): boolean {
    return this.repeater.isRunning;
  }

  /** Starts polling at once (no-op when already running). */
  start(): void {
    this.repeater.start();
  }

  /** Stops polling; resolves once a poll in flight has finished. */
  stop(): Promise<void> {
    return this.repeater.stop();
  }

  /** Reads every section once and returns the snapshot (failed sections keep their last value). */
  async pollOnce(): Promise<WallboardSnapshot> {
    const previous = this.latest ?? emptySnapshot();
    const { service, campaign } = this.source.realtime;
    const filter = this.options.filter;
    const [stats, status, connects, campaigns] = await Promise.allSettled([
      service.stats(filter),
      service.agentStatus({ filter }),
      service.liveConnects(filter),
      campaign.stats(
        filter?.service
          ? { service: filter.service }
          : filter?.callCenter
            ? { callCenter: filter.callCenter }
            : undefined,
      ),
    ]);
    const errors: WallboardSnapshot['errors'] = {};
    const pick = <T>(section: WallboardSection, result: PromiseSettledResult<T>, keep: T): T => {
      if (result.status === 'fulfilled') return result.value;
      errors[section] = messageOf(result.reason);
      return keep;
    };
    const services =
      stats.status === 'fulfilled' ? stats.value.map(serviceRow) : pick('services', stats, previous.services);
    const agents =
      status.status === 'fulfilled' ? agentRows(status.value) : pick('agents', status, previous.agents);
    const liveConnects =
      connects.status === 'fulfilled'
        ? liveConnectBars(connects.value)
        : pick('liveConnects', connects, previous.liveConnects);
    const serviceNames = new Map(services.map((row) => [row.serviceId, row.serviceName]));
    const campaignRows =
      campaigns.status === 'fulfilled'
        ? campaigns.value.map((c) => campaignRow(c, serviceNames))
        : pick('campaigns', campaigns, previous.campaigns);
    const agentAverages = await this.readAverages(services, previous, errors);
    const snapshot: WallboardSnapshot = {
      polledAt: Date.now(),
      services,
      agents,
      liveConnects,
      agentAverages,
      campaigns: campaignRows,
      errors,
    };
    this.latest = snapshot;
    this.logErrors(errors);
    return snapshot;
  }

  /** Get Agent Averages carries no service id, so it is asked once per service, with a filter. */
  private async readAverages(
    services: WallboardSnapshot['services'],
    previous: WallboardSnapshot,
    errors: WallboardSnapshot['errors'],
  ): Promise<WallboardSnapshot['agentAverages']> {
    const wanted = services.slice(0, this.options.maxAverageServices);
    const results = await Promise.allSettled(
      wanted.map((row) => this.source.realtime.service.agentAverages({ service: [row.serviceId] })),
    );
    const rows: WallboardSnapshot['agentAverages'] = [];
    for (const [index, result] of results.entries()) {
      const row = wanted[index]!;
      if (result.status === 'rejected') {
        errors.agentAverages = messageOf(result.reason);
        const kept = previous.agentAverages.find((old) => old.serviceId === row.serviceId);
        if (kept) rows.push(kept);
        continue;
      }
      const averages = result.value.agentAverages[0];
      if (averages) rows.push(agentAveragesRow(row, averages));
    }
    return rows;
  }

  private logErrors(errors: WallboardSnapshot['errors']): void {
    const logger = this.options.logger;
    for (const section of ['services', 'agents', 'liveConnects', 'agentAverages', 'campaigns'] as const) {
      const message = errors[section];
      if (message === undefined) {
        if (this.loggedErrors.delete(section))
          logger?.info({ section }, 'dashboard: LiveVox section refreshed again');
      } else if (this.loggedErrors.get(section) !== message) {
        this.loggedErrors.set(section, message);
        logger?.warn({ section, error: message }, 'dashboard: LiveVox section could not be refreshed');
      }
    }
  }

  private async pollAndHandOver(): Promise<void> {
    try {
      const snapshot = await this.pollOnce();
      if (this.repeater.isRunning) this.options.onSnapshot(snapshot);
    } catch (error) {
      this.options.logger?.warn({ error: messageOf(error) }, 'dashboard: LiveVox poll failed');
    }
  }
}
