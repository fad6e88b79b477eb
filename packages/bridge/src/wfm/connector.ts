import type { Registry } from 'prom-client';
import { createWfmClients, logRequests, type WfmClients } from '../clients.js';
import type { BridgeConfig } from '../config/schema.js';
import type { WfmSource } from '../config/wfm-defaults.js';
import { StreamOwner } from '../coordination/owner.js';
import { hours } from '../observability/errors.js';
import type { Logger } from '../observability/logger.js';
import { BridgeMetrics } from '../observability/metrics.js';
import type { ExtraRoute, HealthReport } from '../observability/server.js';
import { WfmMetrics } from '../observability/wfm-metrics.js';
import type { WfmConnectorStats } from '../observability/wfm-stats.js';
import { runSource } from '../sources/feed.js';
import type { BridgeStore } from '../store/types.js';
import { type ConnectorContext, errorNoter, runConsumer, userSyncRunner } from './connector-context.js';
import { startGladly } from './connector-gladly.js';
import { runPeriodically, Waker } from './loop.js';
import { GLADLY_EVENT_STREAM } from './sources/gladly-webhook.js';
import { LIVEVOX_AGENT_STREAM, LiveVoxAgentEventSource } from './sources/livevox-agent-feed.js';
import { LiveVoxAgentTranslator } from './stages/translate-livevox.js';
import { UserDirectory, type UserSyncReport } from './users.js';

/** Options of {@link startWfmConnector}. */
export interface WfmConnectorOptions {
  /** The bridge's store (events, cursors, checkpoints, dead letters, meta). Not closed by `stop()`. */
  store: BridgeStore;
  logger: Logger;
  /** The bridge's metrics (its HTTP clients are then counted too) or just their registry. */
  metrics: BridgeMetrics | Registry;
  /** Mounts the Gladly webhook receiver on the bridge's HTTP server (which must be listening). */
  addRoute?: (route: ExtraRoute) => void;
  /** Clients to use instead of building them from the configuration. */
  clients?: WfmClients;
  /** The clock of polls and windows (default `Date.now`; tests pass an emulator's clock). */
  now?: () => number;
  /**
   * Who holds which stream (the bridge's, so `voxbridge status` shows one worker's leases together);
   * default: one built from `coordination`. On SQLite this process always holds every stream.
   */
  owner?: StreamOwner;
}

/** A running WFM connector. */
export interface WfmConnector {
  readonly clients: WfmClients;
  /** Stops every loop and waits for them; the store stays open, the receiver stops answering. */
  stop(): Promise<void>;
  stats(): WfmConnectorStats;
  /** Runs the user syncs now (they also run on their interval). */
  syncUsers(): Promise<UserSyncReport[]>;
  /** Wakes the polls and consumers now instead of at their next interval. */
  nudge(): void;
  /** For `/healthz` and `/readyz`: ready once every source has answered (a Gladly poll, a LiveVox feed batch). */
  health(): HealthReport;
}

/**
 * Starts the WFM connector: Gladly (webhook receiver, minutely Events API poll that fills gaps and
 * re-enables a disabled webhook, hourly user sync, work sessions every 10 minutes) and the LiveVox
 * Agent Event Feed, each stored durably and delivered to Playvox WFM exactly once by its own consumer.
 * Resolves once every loop has started and the first user syncs have run.
 */
export async function startWfmConnector(
  config: BridgeConfig,
  options: WfmConnectorOptions,
): Promise<WfmConnector> {
  const wfmConfig = config.wfm;
  if (!wfmConfig) throw new Error('the configuration has no wfm section');
  const { store, logger } = options;
  const now = options.now ?? Date.now;
  const clients = options.clients ?? createWfmClients(config, { now });
  for (const http of [clients.wfm.http, clients.gladly?.http, clients.livevox?.http]) {
    if (!http) continue;
    if (options.metrics instanceof BridgeMetrics) options.metrics.observeClient(http);
    logRequests(http, logger);
  }
  const registry = options.metrics instanceof BridgeMetrics ? options.metrics.registry : options.metrics;
  const abort = new AbortController();
  const stats: WfmConnectorStats = { delivery: {} };
  const base = {
    config,
    wfmConfig,
    clients,
    store,
    logger,
    metrics: new WfmMetrics(
      registry,
      options.metrics instanceof BridgeMetrics ? options.metrics.connection : undefined,
    ),
    directory: await UserDirectory.load(store),
    memory: await store.getWfmMemory(),
    signal: abort.signal,
    stats,
    now,
    tasks: [] as Array<Promise<void>>,
    noteError: errorNoter(stats, logger),
    errors: options.metrics instanceof BridgeMetrics ? options.metrics.errors : undefined,
  };
  const ctx: ConnectorContext = { ...base, syncUsers: userSyncRunner(base) };
  const wakers = {
    events: new Waker(),
    workSessions: new Waker(),
    poll: new Waker(),
    reports: new Waker(),
    watchdog: new Waker(),
    livevox: new Waker(),
  };
  const owner =
    options.owner ??
    new StreamOwner(store, {
      leaseMs: config.coordination.leaseSeconds * 1000,
      renewMs: config.coordination.renewSeconds * 1000,
    });
  // A stream's positions move only on the worker holding its lease, through the fenced store; the
  // translators' memory is read again at each takeover (the last owner may have moved it).
  const leased = (stream: string, work: (owned: ConnectorContext) => Promise<unknown>) =>
    ctx.tasks.push(
      owner.run(
        stream,
        async (fenced, signal) => {
          await work({ ...ctx, store: fenced, signal, memory: await fenced.getWfmMemory() });
        },
        abort.signal,
      ),
    );
  const firstSyncs: Array<Promise<unknown>> = [];
  if (clients.gladly && config.gladly)
    firstSyncs.push(startGladly(ctx, config.gladly, options.addRoute, wakers, leased));
  if (clients.livevox && config.livevox.agentFeed?.enabled)
    firstSyncs.push(startLiveVox(ctx, config.livevox.agentFeed.contacts, wakers.livevox, leased));
  await Promise.all(firstSyncs);
  logger.info(
    {
      gladly: stats.gladly !== undefined,
      livevox: stats.livevox !== undefined,
      integrations: wfmConfig.integrations,
    },
    'WFM connector running',
  );

  return {
    clients,
    stop: async () => {
      abort.abort();
      await Promise.allSettled(ctx.tasks);
    },
    stats: () => structuredClone(stats),
    syncUsers: async () => {
      const sources: WfmSource[] = [
        ...(stats.gladly ? (['gladly'] as const) : []),
        ...(stats.livevox ? (['livevox'] as const) : []),
      ];
      const reports = await Promise.all(sources.map((source) => ctx.syncUsers(source)));
      return reports.filter((report): report is UserSyncReport => report !== undefined);
    },
    nudge: () => {
      for (const waker of Object.values(wakers)) waker.wake();
    },
    health: () => {
      // A worker that does not hold a stream does not read it: only the owner waits for its source.
      const gladlyReady =
        stats.gladly === undefined || stats.gladly.poll.polls > 0 || !owner.owns(GLADLY_EVENT_STREAM);
      const livevoxReady =
        stats.livevox === undefined || stats.livevox.connected || !owner.owns(LIVEVOX_AGENT_STREAM);
      const live = !abort.signal.aborted;
      return {
        live,
        ready: live && owner.healthy && gladlyReady && livevoxReady,
        details: {
          gladlyPolled: stats.gladly?.poll.lastPollAt,
          livevoxConnected: stats.livevox?.connected,
          lastError: stats.lastError,
        },
      };
    },
  };
}

/**
 * The LiveVox half: user sync (every worker), the Agent Event Feed into the store and its consumer
 * (the worker holding the feed's lease).
 */
function startLiveVox(
  ctx: ConnectorContext,
  contacts: boolean,
  waker: Waker,
  leased: (stream: string, work: (owned: ConnectorContext) => Promise<unknown>) => void,
): Promise<unknown> {
  const { logger, metrics, signal, tasks, errors: errorNotes } = ctx;
  const stats = { stored: 0, duplicates: 0, connected: false };
  ctx.stats.livevox = stats;
  const firstSync = ctx.syncUsers('livevox').catch(ctx.noteError('syncing LiveVox users'));
  const intervalMs = ctx.config.gladly?.users.syncIntervalMs ?? 3_600_000;
  tasks.push(
    runPeriodically(async () => void (await ctx.syncUsers('livevox')), {
      intervalMs,
      signal,
      onError: ctx.noteError('syncing LiveVox users'),
      waker: new Waker(),
    }),
  );
  const events = {
    stored: (batch: { inserted: number; duplicates: number; invalid: number }) => {
      stats.connected = true;
      stats.stored += batch.inserted;
      stats.duplicates += batch.duplicates;
      if (batch.invalid > 0)
        metrics.deadLettered.inc({ source: 'livevox', reason: 'untranslatable' }, batch.invalid);
    },
    tokenExpired: ({ gapMs }: { gapMs: number | undefined }) => {
      const gapHours = gapMs === undefined ? undefined : hours(gapMs);
      errorNotes?.note(
        'gap',
        `the LiveVox agent feed's position was older than the 24 hours LiveVox keeps${gapHours === undefined ? '' : ` (saved ${gapHours} h ago)`}: restarted from now; agent states in the gap are missing in WFM`,
        'livevox',
      );
      logger.error(
        { gapHours },
        'LiveVox agent feed token expired (older than 24 h): restarting from now; agent states in the gap are missing in WFM',
      );
    },
    error: ctx.noteError('reading the LiveVox Agent Event Feed'),
  };
  leased(LIVEVOX_AGENT_STREAM, (owned) => {
    const translator = new LiveVoxAgentTranslator(owned.directory, owned.memory.openCalls, contacts);
    return Promise.all([
      runSource(
        LIVEVOX_AGENT_STREAM,
        owned.store,
        new LiveVoxAgentEventSource(owned.clients.livevox!),
        events,
        owned.signal,
        () => waker.wake(),
      ).finally(() => {
        stats.connected = false;
      }),
      firstSync.then(() =>
        owned.signal.aborted
          ? undefined
          : runConsumer(
              owned,
              'livevox',
              LIVEVOX_AGENT_STREAM,
              'wfm:livevox:agent-events',
              translator,
              waker,
            ),
      ),
    ]);
  });
  return firstSync;
}
