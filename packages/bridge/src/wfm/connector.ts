import type { Registry } from 'prom-client';
import type { BridgeConfig } from '../config/schema.js';
import type { GladlyConfig } from '../config/wfm-schema.js';
import type { Logger } from '../observability/logger.js';
import { BridgeMetrics } from '../observability/metrics.js';
import type { ExtraRoute } from '../observability/server.js';
import { runSource } from '../stages/source.js';
import type { BridgeStore } from '../store/types.js';
import { createWfmClients, type WfmClients } from './clients.js';
import { type ConsumerDeps, consumeBatch } from './consumer.js';
import type { WfmSource } from './defaults.js';
import { ensureWebhook, pollGladlyEvents } from './gladly-poll.js';
import { LIVEVOX_AGENT_STREAM, LiveVoxAgentEventSource, LiveVoxAgentTranslator } from './livevox-agents.js';
import { runPeriodically, Waker } from './loop.js';
import { WfmMetrics } from './metrics.js';
import { GLADLY_EVENT_STREAM, gladlyWebhookRoute } from './receiver.js';
import { addDelivery, emptyDelivery, syncStats, type WfmConnectorStats } from './stats.js';
import type { Translator } from './translate.js';
import { GladlyEventTranslator, WorkSessionTranslator } from './translate-gladly.js';
import { syncGladlyUsers, syncLiveVoxUsers, UserDirectory, type UserSyncReport } from './users.js';
import { GLADLY_WORK_SESSION_STREAM, pollWorkSessions } from './work-sessions.js';

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
}

/** A running WFM connector. */
export interface WfmConnector {
  readonly clients: WfmClients;
  /** Stops every loop and waits for them; the store stays open. */
  stop(): Promise<void>;
  stats(): WfmConnectorStats;
  /** Runs the user syncs now (they also run on their interval). */
  syncUsers(): Promise<UserSyncReport[]>;
  /** Wakes the polls and consumers now instead of at their next interval. */
  nudge(): void;
}

/** Shortest time between two syncs caused by an agent the user map lacks. */
const UNKNOWN_AGENT_RESYNC_MS = 60_000;

/**
 * Starts the WFM connector: Gladly (webhook receiver, minutely Events API poll that fills gaps and
 * re-enables a disabled webhook, hourly user sync, work sessions every 10 minutes) and the LiveVox
 * Agent Event Feed, each stored durably and delivered to Playvox WFM exactly once by its own consumer.
 * Resolves once every loop has started.
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
  const registry = options.metrics instanceof BridgeMetrics ? options.metrics.registry : options.metrics;
  if (options.metrics instanceof BridgeMetrics) {
    for (const client of [clients.wfm.http, clients.gladly?.http, clients.livevox?.http])
      if (client) options.metrics.observeClient(client);
  }
  const metrics = new WfmMetrics(registry);
  const directory = new UserDirectory(store);
  const abort = new AbortController();
  const signal = abort.signal;
  const tasks: Array<Promise<void>> = [];
  const stats: WfmConnectorStats = { delivery: {} };
  const wakers = {
    gladly: new Waker(),
    workSessions: new Waker(),
    livevox: new Waker(),
    poll: new Waker(),
    reports: new Waker(),
    watchdog: new Waker(),
  };
  const noteError = (context: string) => (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    stats.lastError = `${context}: ${message}`;
    logger.warn({ err: { name: (error as Error)?.name, message } }, `WFM connector: ${context}`);
  };

  // ---- users -------------------------------------------------------------------------------------
  const syncing = new Map<WfmSource, Promise<UserSyncReport | undefined>>();
  const recordSync = (report: UserSyncReport) => {
    metrics.users.set({ source: report.source, state: 'matched' }, report.matched);
    metrics.users.set({ source: report.source, state: 'unmatched_source' }, report.unmatchedSource.length);
    metrics.users.set({ source: report.source, state: 'unmatched_wfm' }, report.unmatchedWfm.length);
    const line = {
      source: report.source,
      matched: report.matched,
      mapped: report.mapped,
      cleared: report.cleared,
      unmatchedAgents: report.unmatchedSource.map((a) => a.email ?? a.id),
      unmatchedWfmUsers: report.unmatchedWfm.length,
    };
    if (report.unmatchedSource.length > 0)
      logger.warn(
        line,
        'WFM user sync: agents without a Playvox WFM user (their statuses are dead-lettered)',
      );
    else logger.info(line, 'WFM user sync done');
    if (report.source === 'gladly' && stats.gladly) stats.gladly.users = syncStats(report);
    if (report.source === 'livevox' && stats.livevox) stats.livevox.users = syncStats(report);
  };
  const sync = (source: WfmSource): Promise<UserSyncReport | undefined> => {
    const running = syncing.get(source);
    if (running) return running;
    const run = (async () => {
      const report =
        source === 'gladly'
          ? clients.gladly &&
            (await syncGladlyUsers(
              clients.gladly,
              clients.wfm,
              wfmConfig.integrations.gladly,
              directory,
              now(),
              signal,
            ))
          : await syncLiveVoxUsers(
              clients.wfm,
              wfmConfig.integrations.livevox,
              config.livevox.agentFeed?.users ?? {},
              directory,
              now(),
              signal,
            );
      if (report) recordSync(report);
      return report || undefined;
    })().finally(() => syncing.delete(source));
    syncing.set(source, run);
    return run;
  };
  const ensureUsers = (source: WfmSource) => async (agentIds: string[]) => {
    const last = directory.syncedAt(source);
    if (last !== undefined && now() - last < UNKNOWN_AGENT_RESYNC_MS) return;
    logger.info(
      { source, agents: agentIds.slice(0, 20) },
      'WFM connector: agents missing from the user map; syncing users now',
    );
    await sync(source);
  };

  // ---- consumers ---------------------------------------------------------------------------------
  const consumer = (
    source: WfmSource,
    stream: string,
    cursor: string,
    translator: Translator,
    waker: Waker,
  ): Promise<void> => {
    const delivery = emptyDelivery();
    stats.delivery[source] = stats.delivery[source] ? stats.delivery[source] : delivery;
    const deps: ConsumerDeps = {
      source,
      stream,
      cursor,
      alias: wfmConfig.integrations[source],
      store,
      wfm: clients.wfm,
      translator,
      metrics,
      batchSize: wfmConfig.delivery.batchSize,
      settleMs: wfmConfig.delivery.settleMs,
      ensureUsers: ensureUsers(source),
      knowsAgent: (agentId) => directory.get(source, agentId) !== undefined,
    };
    return (async () => {
      let backoffMs = 500;
      while (!signal.aborted) {
        try {
          const round = await consumeBatch(deps, signal);
          addDelivery(stats.delivery[source]!, round);
          backoffMs = 500;
          if (round.consumed === 0) await waker.sleep(wfmConfig.delivery.idleMs, signal);
        } catch (error) {
          if (signal.aborted) return;
          noteError(`delivering ${source} events to WFM`)(error);
          await waker.sleep(backoffMs, signal);
          backoffMs = Math.min(30_000, backoffMs * 2);
        }
      }
    })();
  };

  // ---- Gladly ------------------------------------------------------------------------------------
  const usersReady: Array<Promise<unknown>> = [];
  if (clients.gladly && config.gladly) {
    const gladlyConfig: GladlyConfig = config.gladly;
    const gladly = clients.gladly;
    stats.gladly = {
      webhook: { stored: 0, duplicates: 0, pings: 0, unauthorized: 0, invalid: 0, restored: 0 },
      poll: { polls: 0, read: 0, inserted: 0, gapFills: 0 },
      workSessions: { polls: 0, rows: 0, inserted: 0 },
    };
    const gladlyStats = stats.gladly;
    if (gladlyConfig.webhook.password !== undefined && options.addRoute) {
      options.addRoute(
        gladlyWebhookRoute({
          path: gladlyConfig.webhook.path,
          username: gladlyConfig.webhook.username,
          password: gladlyConfig.webhook.password,
          store,
          events: {
            received: (outcome, detail) => {
              metrics.webhookDeliveries.inc({ outcome });
              if (outcome === 'stored') gladlyStats.webhook.stored += 1;
              else if (outcome === 'duplicate') gladlyStats.webhook.duplicates += 1;
              else if (outcome === 'ping') gladlyStats.webhook.pings += 1;
              else if (outcome === 'unauthorized') gladlyStats.webhook.unauthorized += 1;
              else if (outcome === 'invalid') gladlyStats.webhook.invalid += 1;
              if (outcome === 'unauthorized' || outcome === 'invalid' || outcome === 'error')
                logger.warn({ outcome, detail }, 'Gladly webhook request refused');
            },
            stored: () => wakers.gladly.wake(),
          },
        }),
      );
    } else if (gladlyConfig.webhook.url !== undefined) {
      logger.warn(
        'Gladly webhook configured but no HTTP server to mount the receiver on: the Events API poll brings every event',
      );
    }
    const firstSync = sync('gladly').catch(noteError('syncing Gladly users'));
    usersReady.push(firstSync);
    tasks.push(
      runPeriodically(async () => void (await sync('gladly')), {
        intervalMs: gladlyConfig.users.syncIntervalMs,
        signal,
        onError: noteError('syncing Gladly users'),
        waker: new Waker(),
      }),
    );
    tasks.push(
      runPeriodically(
        async (s) => {
          const outcome = await pollGladlyEvents({ gladly, store, config: gladlyConfig, now }, s);
          gladlyStats.poll.polls += 1;
          gladlyStats.poll.read += outcome.read;
          gladlyStats.poll.inserted += outcome.inserted;
          gladlyStats.poll.gapFills += outcome.gapFills;
          gladlyStats.poll.lastPollAt = new Date(now()).toISOString();
          gladlyStats.poll.checkpoint = store.getCheckpoint(GLADLY_EVENT_STREAM)?.token;
          if (outcome.gapFills > 0)
            metrics.pollGapFills.inc({ stream: GLADLY_EVENT_STREAM }, outcome.gapFills);
          if (gladlyStats.poll.checkpoint)
            metrics.pollLag.set(
              { stream: GLADLY_EVENT_STREAM },
              Math.max(0, (now() - Date.parse(gladlyStats.poll.checkpoint)) / 1000),
            );
          if (outcome.lostMs > 0)
            logger.error(
              { lostHours: +(outcome.lostMs / 3_600_000).toFixed(2) },
              'Gladly events older than the Events API keeps (24 h) were never read: that stretch is missing in WFM',
            );
          if (outcome.inserted > 0) wakers.gladly.wake();
        },
        {
          intervalMs: gladlyConfig.poll.intervalMs,
          signal,
          onError: noteError('polling the Gladly Events API'),
          waker: wakers.poll,
        },
      ),
    );
    tasks.push(
      runPeriodically(
        async (s) => {
          const { check, webhook } = await ensureWebhook(gladly, gladlyConfig, store, s);
          gladlyStats.webhook.lastCheck = check;
          if (check === 'enabled' || check === 'created') {
            gladlyStats.webhook.restored += 1;
            const reason =
              check === 'created'
                ? 'missing'
                : webhook?.disabledAtDueToRetryLimit
                  ? 'retry_limit'
                  : 'disabled';
            metrics.webhookReenabled.inc({ reason });
            logger.warn(
              { webhookId: webhook?.id, reason },
              'Gladly webhook was not active; restored it (the Events API poll filled the gap)',
            );
            wakers.poll.wake();
          }
        },
        {
          intervalMs: gladlyConfig.webhook.checkIntervalMs,
          signal,
          onError: noteError('checking the Gladly webhook'),
          waker: wakers.watchdog,
        },
      ),
    );
    if (gladlyConfig.workSessions.enabled) {
      tasks.push(
        runPeriodically(
          async (s) => {
            const outcome = await pollWorkSessions({ gladly, store, config: gladlyConfig, now }, s);
            gladlyStats.workSessions.polls += 1;
            gladlyStats.workSessions.rows += outcome.rows;
            gladlyStats.workSessions.inserted += outcome.inserted;
            gladlyStats.workSessions.lastPollAt = new Date(now()).toISOString();
            if (outcome.inserted > 0) wakers.workSessions.wake();
          },
          {
            intervalMs: gladlyConfig.workSessions.intervalMs,
            signal,
            onError: noteError('reading the Gladly work-session report'),
            waker: wakers.reports,
          },
        ),
      );
    }
    const start = (task: () => Promise<void>) =>
      tasks.push(firstSync.then(() => (signal.aborted ? undefined : task())));
    start(() =>
      consumer(
        'gladly',
        GLADLY_EVENT_STREAM,
        'wfm:gladly:events',
        new GladlyEventTranslator(gladly, directory, store),
        wakers.gladly,
      ),
    );
    start(() =>
      consumer(
        'gladly',
        GLADLY_WORK_SESSION_STREAM,
        'wfm:gladly:work-sessions',
        new WorkSessionTranslator(directory),
        wakers.workSessions,
      ),
    );
  }

  // ---- LiveVox -----------------------------------------------------------------------------------
  const feed = config.livevox.agentFeed;
  if (clients.livevox && feed?.enabled) {
    stats.livevox = { stored: 0, duplicates: 0 };
    const livevoxStats = stats.livevox;
    const firstSync = sync('livevox').catch(noteError('syncing LiveVox users'));
    usersReady.push(firstSync);
    const interval = config.gladly?.users.syncIntervalMs ?? 3_600_000;
    tasks.push(
      runPeriodically(async () => void (await sync('livevox')), {
        intervalMs: interval,
        signal,
        onError: noteError('syncing LiveVox users'),
        waker: new Waker(),
      }),
    );
    tasks.push(
      runSource(
        LIVEVOX_AGENT_STREAM,
        store,
        new LiveVoxAgentEventSource(clients.livevox),
        {
          stored: (batch) => {
            livevoxStats.stored += batch.inserted;
            livevoxStats.duplicates += batch.duplicates;
            if (batch.invalid > 0)
              metrics.deadLettered.inc({ source: 'livevox', reason: 'untranslatable' }, batch.invalid);
          },
          tokenExpired: ({ gapMs }) =>
            logger.error(
              { gapHours: gapMs === undefined ? undefined : +(gapMs / 3_600_000).toFixed(2) },
              'LiveVox agent feed token expired (older than 24 h): restarting from now; agent states in the gap are missing in WFM',
            ),
          error: noteError('reading the LiveVox Agent Event Feed'),
        },
        signal,
        () => wakers.livevox.wake(),
      ),
    );
    tasks.push(
      firstSync.then(() =>
        signal.aborted
          ? undefined
          : consumer(
              'livevox',
              LIVEVOX_AGENT_STREAM,
              'wfm:livevox:agent-events',
              new LiveVoxAgentTranslator(directory, store, feed.contacts),
              wakers.livevox,
            ),
      ),
    );
  }
  await Promise.all(usersReady);
  logger.info(
    {
      gladly: clients.gladly !== undefined,
      livevox: stats.livevox !== undefined,
      integrations: wfmConfig.integrations,
    },
    'WFM connector running',
  );

  return {
    clients,
    stop: async () => {
      abort.abort();
      await Promise.allSettled(tasks);
    },
    stats: () => structuredClone(stats),
    syncUsers: async () => {
      const sources: WfmSource[] = [
        ...(clients.gladly ? (['gladly'] as const) : []),
        ...(stats.livevox ? (['livevox'] as const) : []),
      ];
      const reports = await Promise.all(sources.map((source) => sync(source)));
      return reports.filter((report): report is UserSyncReport => report !== undefined);
    },
    nudge: () => {
      for (const waker of Object.values(wakers)) waker.wake();
    },
  };
}
