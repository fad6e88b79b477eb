import type { RateLimiter } from '@voxbridge/core';
import type { LiveVox } from '@voxbridge/livevox';
import type { Playvox } from '@voxbridge/playvox';
import { type ApplyResult, applyAtStart } from '../apply/qa-apply.js';
import { describeStep } from '../apply/qa-plan.js';
import { liveVoxClient, logRequests, playvoxAccountKey, playvoxClient } from '../clients.js';
import { DEFAULT_CONNECTION } from '../config/connections.js';
import type { BridgeConfig } from '../config/schema.js';
import { StreamOwner } from '../coordination/owner.js';
import { SharedRateLimiter } from '../coordination/rate.js';
import { createLogger, type Logger } from '../observability/logger.js';
import { BridgeMetrics } from '../observability/metrics.js';
import { type ExtraRoute, startBridgeServer } from '../observability/server.js';
import { connectionStoreChoice, ensureConnectionSchema } from '../store/connection-store.js';
import { describePostgresUrl } from '../store/postgres/errors.js';
import { type OpenRetry, openStore } from '../store/postgres/open.js';
import { PostgresStore } from '../store/postgres/store.js';
import { SqliteStore } from '../store/sqlite.js';
import { parseDuration } from '../store/sqlite-retention.js';
import type { BridgeStore } from '../store/types.js';
import { QaPipeline } from './pipeline.js';
import { PlayvoxQaSink } from './sinks/playvox-qa.js';
import { LiveVoxInteractionSource } from './sources/livevox-feed.js';
import { LiveVoxEnricher } from './stages/enrich-livevox.js';

/** Options of {@link startQaBridge}. */
export interface StartBridgeOptions {
  logger?: Logger;
  /** Skip the HTTP server (tests that run several bridges). */
  serve?: boolean;
  /** Extra routes for the HTTP server (the dashboard). */
  routes?: ExtraRoute[];
  /** Stops waiting for an unreachable database at start (SIGTERM while waiting). */
  signal?: AbortSignal;
  /** This worker's id in the worker registry (PostgreSQL; default `<host>:<pid>:<random>`). */
  worker?: string;
  /** The connection this bridge serves (`connections[i].name`; default `default`): its ids, labels, store. */
  connection?: string;
  /** An open store to use (and leave open at `stop()`); default: the connection's store is opened here. */
  store?: BridgeStore;
  /** Metrics to write into (several connections share one registry); default: a registry of its own. */
  metrics?: BridgeMetrics;
  /** The Playvox account's rate budget, shared by the connections that use the account. */
  rateLimiter?: RateLimiter;
}

/** A running LiveVox → Playvox QA bridge. */
export interface RunningBridge {
  config: BridgeConfig;
  pipeline: QaPipeline;
  store: BridgeStore;
  /** Who holds which stream (several workers on PostgreSQL; always this process on SQLite). */
  owner: StreamOwner;
  metrics: BridgeMetrics;
  logger: Logger;
  playvox: Playvox;
  livevox: LiveVox;
  apply: ApplyResult;
  /** Address of the health/metrics server, when serving. */
  url: string | undefined;
  /** Adds a route to the HTTP server (the dashboard mounts itself this way). */
  addRoute(route: ExtraRoute): void;
  /** Stops reading, finishes the work in flight, checkpoints and closes everything. */
  stop(): Promise<void>;
}

/**
 * Opens the configured store (PostgreSQL from `VOXBRIDGE_STORE_URL` or `store.url`, waiting for an
 * unreachable server with backoff; else the SQLite file), applies the integration (idempotent), and
 * starts the pipeline and its HTTP server. On PostgreSQL this process is one of several workers: it
 * reads the feed only while it holds the stream's lease, delivers in any case, and spends the Playvox
 * account's rate budget together with the others.
 */
export async function startQaBridge(
  config: BridgeConfig,
  options: StartBridgeOptions = {},
): Promise<RunningBridge> {
  const logger = options.logger ?? createLogger({ level: config.log.level });
  const metrics = options.metrics ?? new BridgeMetrics({ logger });
  const opened = options.store ?? (await openConfiguredStore(config, logger, options));
  const ownsStore = options.store === undefined;
  // The last error of every kind is saved in the store for `voxbridge status`; its failures are one kind.
  await metrics.errors.useStore(opened);
  const store = metrics.errors.watchStore(opened);
  const leaseMs = config.coordination.leaseSeconds * 1000;
  const owner = new StreamOwner(store, {
    leaseMs,
    renewMs: config.coordination.renewSeconds * 1000,
    events: {
      acquired: (stream, token, waitedMs) =>
        logger.info({ stream, token, waitedMs }, 'took the stream (lease acquired)'),
      lost: (stream, reason) => logger.warn({ stream, reason }, 'stream given up (lease lost)'),
      error: (error, stream) =>
        logger.warn({ stream, err: { message: (error as Error)?.message } }, 'lease renewal failed'),
    },
  });
  try {
    return await startOn(config, store, owner, logger, metrics, { ...options, ownsStore });
  } catch (error) {
    await metrics.errors.stop();
    if (ownsStore) await store.close().catch(() => undefined);
    throw error;
  }
}

/**
 * Opens the store of the connection the options name (see store/connection-store.ts: `default` keeps
 * the configured place, another connection its own file or schema beside it), logging each failed
 * attempt (host, never the password).
 */
export async function openConfiguredStore(
  config: BridgeConfig,
  logger: Logger,
  options: Pick<StartBridgeOptions, 'connection' | 'signal' | 'worker'> & {
    /** PostgreSQL connections of this store's pool (several tenants share the server's limit). */
    poolSize?: number;
  },
): Promise<BridgeStore> {
  const connection = options.connection ?? DEFAULT_CONNECTION;
  const choice = connectionStoreChoice(config.store, connection);
  if (choice.url) {
    const { host, port, database } = describePostgresUrl(choice.url);
    logger.info({ host, port, database, connection }, 'opening the PostgreSQL store');
  }
  const retry: OpenRetry = {
    signal: options.signal,
    onRetry: (error, attempt, delayMs) =>
      logger.error(
        { attempt, retryInMs: delayMs, err: { message: error.message } },
        'store unreachable; retrying',
      ),
  };
  await ensureConnectionSchema(config.store, connection, process.env, retry);
  // The choice names its URL already (VOXBRIDGE_STORE_URL applied), hence the empty environment.
  const store = await openStore(
    choice,
    {
      sqlite: { lock: true, retentionMs: parseDuration(config.store.retention) },
      leaseMs: config.coordination.leaseSeconds * 1000,
      ...(options.worker ? { worker: options.worker } : {}),
      ...(options.poolSize ? { poolSize: options.poolSize } : {}),
      retry,
    },
    {},
  );
  if (store instanceof SqliteStore && store.created)
    logger.info({ store: choice.path }, 'created a new store (nothing was found at store.path)');
  return store;
}

async function startOn(
  config: BridgeConfig,
  store: BridgeStore,
  owner: StreamOwner,
  logger: Logger,
  metrics: BridgeMetrics,
  options: StartBridgeOptions & { ownsStore: boolean },
): Promise<RunningBridge> {
  const perMinute = config.playvox.requestsPerMinute;
  // All workers of one Playvox account share one budget, kept in the database.
  const shared =
    options.rateLimiter ??
    (store instanceof PostgresStore && perMinute > 0
      ? new SharedRateLimiter(store, playvoxAccountKey(config.playvox), perMinute)
      : undefined);
  const playvox = playvoxClient(config.playvox, shared, config.tls);
  const livevox = liveVoxClient(config.livevox, config.tls);
  for (const http of [playvox.http, livevox.http]) {
    metrics.observeClient(http);
    logRequests(http, logger);
  }
  const known = await store.getIntegrationId();
  const logApplied = (result: ApplyResult) => {
    for (const step of result.plan) logger.info({ step: describeStep(step) }, 'integration change applied');
    if (known && result.integrationId !== known)
      logger.warn(
        { integrationId: result.integrationId, known },
        'Playvox integration id changed since the last start',
      );
  };
  const { apply, cancel: cancelApply } = await applyAtStart(playvox, config.playvox, known, (later) => {
    if (later.applied) {
      logApplied(later.applied);
      logger.info('Playvox answers again: the integration is applied');
    } else {
      logger.warn(
        { err: (later.error as Error).message, integrationId: known },
        'Playvox is unreachable at start: delivering to the integration applied before, applying again every 30 s',
      );
    }
  });
  if (apply.applied) logApplied(apply);
  await store.setIntegrationId(apply.integrationId!);
  const pipeline = new QaPipeline({
    owner,
    config,
    store,
    source: new LiveVoxInteractionSource(livevox, config.livevox.feed, options.connection),
    sink: new PlayvoxQaSink(playvox, apply.integrationId!),
    enricher: new LiveVoxEnricher(livevox, { config, playvox }),
    logger,
    metrics,
    ...(options.connection ? { connection: options.connection } : {}),
  });
  pipeline.start();
  let server: Awaited<ReturnType<typeof startBridgeServer>> | undefined;
  try {
    server =
      options.serve === false
        ? undefined
        : await startBridgeServer({
            host: config.server.host,
            port: config.server.port,
            metrics,
            health: () => pipeline.health(),
            routes: options.routes,
          });
  } catch (error) {
    // A taken port must not leave a pipeline running with no /healthz and no one to stop it.
    cancelApply();
    await pipeline.stop();
    throw error;
  }
  logger.info(
    {
      integrationId: apply.integrationId,
      server: server?.url,
      store: store instanceof PostgresStore ? 'postgres' : config.store.path,
      ...(store instanceof PostgresStore ? { worker: store.worker } : {}),
    },
    'voxbridge QA pipeline running',
  );
  return {
    config,
    pipeline,
    store,
    owner,
    metrics,
    logger,
    playvox,
    livevox,
    apply,
    url: server?.url,
    addRoute: (route) => server?.addRoute(route),
    stop: async () => {
      cancelApply();
      await pipeline.stop();
      await server?.close();
      await metrics.errors.stop();
      if (options.ownsStore) await store.close();
      logger.info('voxbridge stopped; state checkpointed');
    },
  };
}
