import type { WfmClients } from '../clients.js';
import type { BridgeConfig } from '../config/schema.js';
import type { WfmSource } from '../config/wfm-defaults.js';
import type { WfmConfig } from '../config/wfm-schema.js';
import { isCircuitOpen } from '../delivery/policy.js';
import type { ErrorNotes } from '../observability/errors.js';
import type { Logger } from '../observability/logger.js';
import type { WfmMetrics } from '../observability/wfm-metrics.js';
import { addDelivery, emptyDelivery, syncStats, type WfmConnectorStats } from '../observability/wfm-stats.js';
import type { BridgeStore, WfmMemory } from '../store/types.js';
import type { Waker } from './loop.js';
import { type ConsumerDeps, consumeBatch } from './sinks/playvox-wfm.js';
import type { Translator } from './stages/translate.js';
import { syncGladlyUsers, syncLiveVoxUsers, type UserDirectory, type UserSyncReport } from './users.js';

/** Shortest time between two syncs caused by an agent the user map lacks. */
const UNKNOWN_AGENT_RESYNC_MS = 60_000;

/** What the parts of a running connector share. */
export interface ConnectorContext {
  config: BridgeConfig;
  wfmConfig: WfmConfig;
  clients: WfmClients;
  store: BridgeStore;
  logger: Logger;
  metrics: WfmMetrics;
  directory: UserDirectory;
  /** The WFM translators' memory as the store held it at start. */
  memory: WfmMemory;
  signal: AbortSignal;
  stats: WfmConnectorStats;
  now: () => number;
  /** Long-running loops, awaited by `stop()`. */
  tasks: Array<Promise<void>>;
  /** The last error of every kind, when the connector runs beside the QA bridge's metrics. */
  errors?: ErrorNotes;
  /** Records and logs a failure of `context`. */
  noteError(context: string): (error: unknown) => void;
  /** Runs a user sync of a source now (one at a time per source). */
  syncUsers(source: WfmSource): Promise<UserSyncReport | undefined>;
}

/** The error recorder of a context: the last error in the stats, a warning in the log. */
export function errorNoter(
  stats: WfmConnectorStats,
  logger: Logger,
): (context: string) => (error: unknown) => void {
  return (context) => (error) => {
    const message = error instanceof Error ? error.message : String(error);
    stats.lastError = `${context}: ${message}`;
    // An open circuit's fail-fast is logged by the circuit watch (once when it opens, then once a minute).
    const level = isCircuitOpen(error) ? 'debug' : 'warn';
    logger[level]({ err: { name: (error as Error)?.name, message } }, `WFM connector: ${context}`);
  };
}

/** The user-sync runner of a context: one sync per source at a time, reported to metrics, stats and the log. */
export function userSyncRunner(
  ctx: Omit<ConnectorContext, 'syncUsers'>,
): (source: WfmSource) => Promise<UserSyncReport | undefined> {
  const syncing = new Map<WfmSource, Promise<UserSyncReport | undefined>>();
  const record = (report: UserSyncReport) => {
    for (const [state, count] of [
      ['matched', report.matched],
      ['unmatched_source', report.unmatchedSource.length],
      ['unmatched_wfm', report.unmatchedWfm.length],
    ] as const) {
      ctx.metrics.users.set({ source: report.source, state }, count);
    }
    const line = {
      source: report.source,
      matched: report.matched,
      mapped: report.mapped,
      cleared: report.cleared,
      unmatchedAgents: report.unmatchedSource.map((agent) => agent.email ?? agent.id),
      unmatchedWfmUsers: report.unmatchedWfm.length,
    };
    if (report.unmatchedSource.length > 0) {
      ctx.logger.warn(
        line,
        'WFM user sync: agents without a Playvox WFM user (their statuses are dead-lettered)',
      );
    } else {
      ctx.logger.info(line, 'WFM user sync done');
    }
    if (report.source === 'gladly' && ctx.stats.gladly) ctx.stats.gladly.users = syncStats(report);
    if (report.source === 'livevox' && ctx.stats.livevox) ctx.stats.livevox.users = syncStats(report);
  };
  const run = async (source: WfmSource): Promise<UserSyncReport | undefined> => {
    const { clients, wfmConfig, directory, signal } = ctx;
    let report: UserSyncReport | undefined;
    if (source === 'gladly') {
      if (clients.gladly)
        report = await syncGladlyUsers(
          clients.gladly,
          clients.wfm,
          wfmConfig.integrations.gladly,
          directory,
          ctx.now(),
          signal,
        );
    } else {
      const configured = ctx.config.livevox.agentFeed?.users ?? {};
      report = await syncLiveVoxUsers(
        clients.wfm,
        wfmConfig.integrations.livevox,
        configured,
        directory,
        ctx.now(),
        signal,
      );
    }
    if (report) record(report);
    return report;
  };
  return (source) => {
    const running = syncing.get(source);
    if (running) return running;
    const started = run(source).finally(() => syncing.delete(source));
    syncing.set(source, started);
    return started;
  };
}

/**
 * A consumer loop of one stored stream: rounds of {@link consumeBatch} until stopped, sleeping when
 * there is nothing to send (a waker cuts the sleep short) and backing off after a failure.
 */
export function runConsumer(
  ctx: ConnectorContext,
  source: WfmSource,
  stream: string,
  cursor: string,
  translator: Translator,
  waker: Waker,
): Promise<void> {
  const { wfmConfig, directory, signal } = ctx;
  ctx.stats.delivery[source] ??= emptyDelivery();
  const deps: ConsumerDeps = {
    source,
    stream,
    cursor,
    alias: wfmConfig.integrations[source],
    store: ctx.store,
    wfm: ctx.clients.wfm,
    translator,
    metrics: ctx.metrics,
    batchSize: wfmConfig.delivery.batchSize,
    settleMs: wfmConfig.delivery.settleMs,
    knowsAgent: (agentId) => directory.get(source, agentId) !== undefined,
    ensureUsers: async (agentIds) => {
      const last = directory.syncedAt(source);
      if (last !== undefined && ctx.now() - last < UNKNOWN_AGENT_RESYNC_MS) return;
      ctx.logger.info(
        { source, agents: agentIds.slice(0, 20) },
        'WFM connector: agents missing from the user map; syncing users now',
      );
      // A failed sync (the source's API down) must not hold back delivery: the current map is used.
      await ctx.syncUsers(source).catch(ctx.noteError(`syncing ${source} users`));
    },
  };
  return (async () => {
    let backoffMs = 500;
    while (!signal.aborted) {
      try {
        const round = await consumeBatch(deps, signal);
        addDelivery(ctx.stats.delivery[source]!, round);
        backoffMs = 500;
        if (round.consumed === 0)
          await waker.sleep(
            Math.min(wfmConfig.delivery.idleMs, round.settlingMs ?? Number.POSITIVE_INFINITY),
            signal,
          );
      } catch (error) {
        if (signal.aborted) return;
        ctx.noteError(`delivering ${source} events to WFM`)(error);
        await waker.sleep(backoffMs, signal);
        backoffMs = Math.min(30_000, backoffMs * 2);
      }
    }
  })();
}
