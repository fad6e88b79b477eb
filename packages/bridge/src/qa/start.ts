import type { LiveVox } from '@voxbridge/livevox';
import type { Playvox } from '@voxbridge/playvox';
import { type ApplyResult, applyIntegration } from '../apply/qa-apply.js';
import { describeStep } from '../apply/qa-plan.js';
import { liveVoxClient, playvoxClient } from '../clients.js';
import type { BridgeConfig } from '../config/schema.js';
import { createLogger, type Logger } from '../observability/logger.js';
import { BridgeMetrics } from '../observability/metrics.js';
import { type ExtraRoute, startBridgeServer } from '../observability/server.js';
import { SqliteStore } from '../store/sqlite.js';
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
}

/** A running LiveVox → Playvox QA bridge. */
export interface RunningBridge {
  config: BridgeConfig;
  pipeline: QaPipeline;
  store: BridgeStore;
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

/** Applies the integration (idempotent), opens the store, and starts the pipeline and its HTTP server. */
export async function startQaBridge(
  config: BridgeConfig,
  options: StartBridgeOptions = {},
): Promise<RunningBridge> {
  const logger = options.logger ?? createLogger({ level: config.log.level });
  const metrics = new BridgeMetrics();
  const playvox = playvoxClient(config.playvox);
  const livevox = liveVoxClient(config.livevox);
  metrics.observeClient(playvox.http);
  metrics.observeClient(livevox.http);
  const apply = await applyIntegration(playvox, config.playvox);
  for (const step of apply.plan) logger.info({ step: describeStep(step) }, 'integration change applied');
  const store = new SqliteStore({ path: config.store.path, synchronous: config.store.synchronous });
  await store.setIntegrationId(apply.integrationId!);
  const pipeline = new QaPipeline({
    config,
    store,
    source: new LiveVoxInteractionSource(livevox, config.livevox.feed),
    sink: new PlayvoxQaSink(playvox, apply.integrationId!),
    enricher: new LiveVoxEnricher(livevox),
    logger,
    metrics,
  });
  pipeline.start();
  const server =
    options.serve === false
      ? undefined
      : await startBridgeServer({
          host: config.server.host,
          port: config.server.port,
          metrics,
          health: () => pipeline.health(),
          routes: options.routes,
        });
  logger.info(
    { integrationId: apply.integrationId, server: server?.url, store: config.store.path },
    'voxbridge QA pipeline running',
  );
  return {
    config,
    pipeline,
    store,
    metrics,
    logger,
    playvox,
    livevox,
    apply,
    url: server?.url,
    addRoute: (route) => server?.addRoute(route),
    stop: async () => {
      await pipeline.stop();
      await server?.close();
      await store.close();
      logger.info('voxbridge stopped; state checkpointed');
    },
  };
}
