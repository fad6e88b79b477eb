import { setMaxListeners } from 'node:events';
import type { RateLimiter } from '@voxbridge/core';
import { Registry } from 'prom-client';
import { playvoxAccountKey } from '../clients.js';
import type { BridgeConnection } from '../config/connections.js';
import { SharedRateLimiter } from '../coordination/rate.js';
import { createLogger, type Logger } from '../observability/logger.js';
import { BridgeMetrics } from '../observability/metrics.js';
import { type ExtraRoute, type HealthReport, startBridgeServer } from '../observability/server.js';
import type { PipelineStopOutcome } from '../qa/pipeline.js';
import { openConfiguredStore, type RunningBridge, startQaBridge } from '../qa/start.js';
import { PostgresStore } from '../store/postgres/store.js';
import type { BridgeStore } from '../store/types.js';
import { startWfmConnector, type WfmConnector } from '../wfm/index.js';
import { type ConnectionStatus, Supervisor } from './supervisor.js';

/**
 * Several connections in one process (`voxbridge run` with `connections:`): one store (each connection
 * in its own namespace of it), one HTTP server (/healthz, /readyz, /metrics, the dashboard), one
 * metrics registry in which every series carries its connection's name, and per connection its QA
 * pipeline and, when configured, its WFM connector. A connection that cannot start (bad credentials at
 * apply, its service down) is reported and retried with backoff while the others run.
 */

/** One connection of a {@link RunningConnections}: its status and, once started, its parts. */
export interface RunningConnection {
  name: string;
  config: BridgeConnection['config'];
  store: BridgeStore;
  metrics: BridgeMetrics;
  /** Present while the connection runs. */
  bridge?: RunningBridge;
  /** Present while the connection runs and has a `wfm` section. */
  wfm?: WfmConnector;
  status(): ConnectionStatus;
}

/** What {@link startConnections} started. */
export interface RunningConnections {
  connections: RunningConnection[];
  logger: Logger;
  /** The registry every connection's metrics are in (`/metrics`). */
  registry: Registry;
  /** Address of the health/metrics server, when serving. */
  url: string | undefined;
  addRoute(route: ExtraRoute): void;
  /** `/healthz` and `/readyz`: ready while any connection is; the failing ones are named. */
  health(): HealthReport;
  /** Stops every connection (finishing work in flight within `timeoutMs`), the server and the stores. */
  stop(options?: { timeoutMs?: number }): Promise<PipelineStopOutcome>;
}

/** Options of {@link startConnections}. */
export interface StartConnectionsOptions {
  logger?: Logger;
  /** Skip the HTTP server. */
  serve?: boolean;
  /** Overrides `server.port` (`run --port`). */
  port?: number;
  routes?: ExtraRoute[];
  /** Stops waiting for an unreachable database at start, and stops the retries of failed connections. */
  signal?: AbortSignal;
  /** This worker's id in the worker registry (PostgreSQL). */
  worker?: string;
  /** First wait before a failed connection is started again; doubles up to `retryMaxMs` (1 s and 60 s). */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /**
   * Throw (after closing everything) when a connection's first start fails instead of retrying it:
   * `run` on a file without `connections:` keeps the behaviour it had before connections existed.
   */
  failFast?: boolean;
}

/**
 * Opens every connection's store, starts the shared server, then each connection (QA pipeline, WFM
 * connector) under its supervisor. Resolves once every connection has made its first attempt; those
 * that failed are being retried. Throws only when nothing can start at all (the store, the port).
 */
export async function startConnections(
  list: BridgeConnection[],
  options: StartConnectionsOptions = {},
): Promise<RunningConnections> {
  const shared = list[0]!.config;
  const logger = options.logger ?? createLogger({ level: shared.log.level });
  // Every connection's supervisor (and its start) listens on the shared signal: one listener each, on
  // purpose, so 100 connections are not a leak to warn about.
  if (options.signal) setMaxListeners(Math.max(10, 3 * list.length + 10), options.signal);
  const registry = new Registry();
  const stores: BridgeStore[] = [];
  const closeStores = () => Promise.all(stores.map((s) => s.close().catch(() => undefined)));
  const connections: Array<RunningConnection & { supervisor: Supervisor }> = [];
  let server: Awaited<ReturnType<typeof startBridgeServer>> | undefined;
  try {
    const budgets = new Map<string, RateLimiter>();
    for (const { name, config } of list) {
      const store = await openConfiguredStore(config, logger, {
        ...options,
        connection: name,
        ...(list.length > 1 ? { poolSize: poolSizeFor(list.length) } : {}),
      });
      stores.push(store);
      const metrics = new BridgeMetrics({ registry, connection: name, logger });
      const rateLimiter = sharedBudget(budgets, store, config.playvox);
      const running: RunningConnection & { supervisor: Supervisor } = {
        name,
        config,
        store,
        metrics,
        status: () => running.supervisor.status(),
        supervisor: new Supervisor(name, {
          logger: logger.child({ connection: name }),
          baseMs: options.retryBaseMs ?? 1_000,
          maxMs: options.retryMaxMs ?? 60_000,
          signal: options.signal,
          start: async () => {
            const bridge = await startQaBridge(config, {
              connection: name,
              store,
              metrics,
              rateLimiter,
              serve: false,
              logger: logger.child({ connection: name }),
              ...(options.worker ? { worker: options.worker } : {}),
            });
            running.bridge = bridge;
            try {
              running.wfm = config.wfm
                ? await startWfmConnector(config, {
                    store,
                    logger: logger.child({ connection: name, pipeline: 'wfm' }),
                    metrics,
                    addRoute: (route) => server?.addRoute(route),
                  })
                : undefined;
            } catch (error) {
              await bridge.pipeline.stop().catch(() => undefined);
              running.bridge = undefined;
              throw error;
            }
          },
        }),
      };
      connections.push(running);
    }
    if (options.serve !== false)
      server = await startBridgeServer({
        host: shared.server.host,
        port: options.port ?? shared.server.port,
        metrics: connections[0]!.metrics,
        health: () => health(connections),
        routes: options.routes,
      });
  } catch (error) {
    await closeStores();
    throw error;
  }
  await Promise.all(connections.map((c) => c.supervisor.firstAttempt()));
  const failed = connections.find((c) => c.status().state === 'failed');
  if (options.failFast && failed) {
    for (const c of connections) c.supervisor.cancel();
    await Promise.all(
      connections.map(async (c) => {
        await c.wfm?.stop().catch(() => undefined);
        await c.bridge?.stop().catch(() => undefined);
      }),
    );
    await server?.close();
    await closeStores();
    throw failed.supervisor.lastError;
  }
  logger.info(
    {
      connections: connections.map((c) => `${c.name}: ${c.status().state}`),
      server: server?.url,
    },
    'voxbridge connections started',
  );
  return {
    connections,
    logger,
    registry,
    url: server?.url,
    addRoute: (route) => server?.addRoute(route),
    health: () => health(connections),
    stop: async ({ timeoutMs } = {}) => {
      const outcomes = await Promise.all(
        connections.map(async (c) => {
          c.supervisor.cancel();
          const [, outcome] = await Promise.all([
            within(c.wfm?.stop(), timeoutMs),
            c.bridge?.pipeline.stop({ timeoutMs }),
          ]);
          await c.bridge?.stop().catch(() => undefined);
          return outcome;
        }),
      );
      await server?.close();
      await closeStores();
      return {
        settled: outcomes.every((o) => o?.settled ?? true),
        unsettledBatches: outcomes.reduce((sum, o) => sum + (o?.unsettledBatches ?? 0), 0),
      };
    },
  };
}

/**
 * The rate budget of a connection's Playvox account: on PostgreSQL the account's bucket in the database,
 * made once per account (in the store of its first connection, the same on every worker since all read
 * the same file), so every worker and connection of one account spends one budget. On SQLite the
 * Playvox client already shares one limiter per account within the process.
 */
function sharedBudget(
  budgets: Map<string, RateLimiter>,
  store: BridgeStore,
  playvox: BridgeConnection['config']['playvox'],
): RateLimiter | undefined {
  if (!(store instanceof PostgresStore) || playvox.requestsPerMinute <= 0) return undefined;
  const key = playvoxAccountKey(playvox);
  const found = budgets.get(key);
  if (found) return found;
  const budget = new SharedRateLimiter(store, key, playvox.requestsPerMinute);
  budgets.set(key, budget);
  return budget;
}

/**
 * The process's health over its connections: live while every started pipeline is; ready while any
 * connection is (a failing tenant must not take the others' webhooks out of the load balancer), with
 * each connection's state under `details.connections` and the ones not ready in `details.failing`.
 * A single connection reports its own details at the top level too, as before connections existed.
 */
function health(connections: RunningConnection[]): HealthReport {
  const reports = connections.map((c) => ({ c, report: c.bridge?.pipeline.health() }));
  const failing = reports.filter(({ report }) => !report?.ready).map(({ c }) => c.name);
  const only = reports.length === 1 ? reports[0]!.report : undefined;
  return {
    live: reports.every(({ report }) => report?.live ?? true),
    ready: reports.some(({ report }) => report?.ready),
    details: {
      ...(only?.details ?? {}),
      connections: Object.fromEntries(
        reports.map(({ c, report }) => [
          c.name,
          {
            ...c.status(),
            ready: report?.ready ?? false,
            openCircuits: c.metrics.circuits.openCircuits(),
            ...(report?.details ?? {}),
          },
        ]),
      ),
      failing,
    },
  };
}

/**
 * PostgreSQL connections per connection's pool when several share the process: the one-connection
 * pool of 10 split among them, at least 2 each (one for the lease loop, one for the work).
 */
export function poolSizeFor(connections: number): number {
  return Math.max(2, Math.floor(10 / connections));
}

/** Waits for `work`, or at most `ms` (no bound without one). */
async function within(work: Promise<unknown> | undefined, ms: number | undefined): Promise<void> {
  if (!work) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    work.catch(() => undefined),
    ...(ms === undefined ? [] : [new Promise((resolve) => (timer = setTimeout(resolve, ms)))]),
  ]);
  clearTimeout(timer);
}
