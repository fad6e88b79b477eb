import type { ExtraRoute } from '@voxbridge/bridge';
import type { ServiceFilter } from '@voxbridge/livevox';
import { generateToken } from './access.js';
import type { BridgeView } from './bridge-view.js';
import { deadLetterItem, groupDeadLetters } from './figures.js';
import { HealthSampler } from './health.js';
import { buildRoute, type DashboardState } from './routes.js';
import { SseHub } from './sse.js';
import { loadStaticFiles } from './static-files.js';
import type { DashboardLogger, DeadLetterList, HealthSample } from './types.js';
import { WallboardPoller, type WallboardSource } from './wallboard.js';

/** Options of {@link createDashboard}. */
export interface DashboardOptions {
  /** The LiveVox client the wallboard polls (a `LiveVox`); without it the page shows only the bridge. */
  livevox?: WallboardSource;
  /** Where the bridge figures and dead letters come from: {@link bridgeViewOf} or {@link storeBridgeView}. */
  bridge: BridgeView;
  /** The token for retry/drop, and for reading when not on loopback. Default: a random one, see `Dashboard.token`. */
  token?: string;
  /** Pause between two LiveVox polls. Default 5000 ms. */
  pollIntervalMs?: number;
  /** Interval of the bridge figures (throughput chart resolution). Default 1000 ms. */
  sampleIntervalMs?: number;
  /**
   * The address the serving HTTP server is bound to. Any address but loopback makes the page, its
   * state and its event stream require the token too. Default: judged per request from the address
   * the connection arrived on.
   */
  host?: string;
  /** Limits the wallboard to these LiveVox services or call centers. Default: all. */
  filter?: ServiceFilter;
  /** Dead letters listed on the page (the oldest first). Default 100. */
  deadLetterLimit?: number;
  /** Agent averages need one request per service: at most this many. Default 12. */
  maxAverageServices?: number;
  /** Width of one point of the time series. Default 10 000 ms. */
  seriesBucketMs?: number;
  /** How far back the time series goes. Default one hour. */
  seriesWindowMs?: number;
  /** Dead letters read to group by reason (the oldest ones). Default 5000. */
  deadLetterGroupScan?: number;
  /** Most pages connected at once. Default 50. */
  maxClients?: number;
  logger?: DashboardLogger;
}

/** A dashboard ready to be mounted on an HTTP server. */
export interface Dashboard {
  /** Mount it with `bridge.addRoute(dashboard.route)` or {@link serveDashboard}. */
  route: ExtraRoute;
  /** The token retry/drop need (and reads, off loopback). Print it only inside the URL the user opens. */
  readonly token: string;
  /** The page's URL under a server root: `http://127.0.0.1:9464/?token=…`. */
  url(baseUrl: string): string;
  /** Stops the poller and the sampler and ends every open event stream. */
  close(): Promise<void>;
}

/** How often the dead-letter list is re-read even when its count did not change. */
const DEAD_LETTER_REFRESH_MS = 10_000;

/**
 * Builds the dashboard: the page, its event stream (one LiveVox poller and one bridge sampler shared by
 * every open page; the poller only runs while a page is open), and the dead-letter actions.
 */
export function createDashboard(options: DashboardOptions): Dashboard {
  const token = options.token && options.token.length > 0 ? options.token : generateToken();
  const pollIntervalMs = options.pollIntervalMs ?? 5000;
  const sampleIntervalMs = options.sampleIntervalMs ?? 1000;
  const deadLetterLimit = options.deadLetterLimit ?? 100;
  const { bridge, logger } = options;
  const groupScan = Math.max(deadLetterLimit, options.deadLetterGroupScan ?? 5000);
  let deadLetters: DeadLetterList = { serverTime: Date.now(), total: 0, items: [], groups: [], grouped: 0 };
  let deadLettersReadAt = 0;
  let closed = false;

  const readDeadLetters = async (): Promise<DeadLetterList> => {
    const [letters, counts] = await Promise.all([bridge.listDeadLetters(groupScan), bridge.counts()]);
    deadLettersReadAt = Date.now();
    return {
      serverTime: deadLettersReadAt,
      total: counts.deadLetters,
      items: letters.slice(0, deadLetterLimit).map(deadLetterItem),
      groups: groupDeadLetters(letters),
      grouped: letters.length,
    };
  };
  const refreshDeadLetters = async () => {
    deadLetters = await readDeadLetters();
    hub.broadcast('deadLetters', deadLetters);
  };

  const hub: SseHub = new SseHub({
    keepaliveMs: 15_000,
    maxClients: options.maxClients ?? 50,
    maxBufferedBytes: 1024 * 1024,
    onActiveChange: (active) => {
      if (!poller) return;
      if (active) poller.start();
      else void poller.stop();
    },
  });
  const poller = options.livevox
    ? new WallboardPoller(options.livevox, {
        intervalMs: pollIntervalMs,
        filter: options.filter,
        maxAverageServices: options.maxAverageServices ?? 12,
        onSnapshot: (snapshot) => hub.broadcast('wallboard', snapshot),
        logger,
      })
    : undefined;
  const sampler = new HealthSampler(bridge, {
    intervalMs: sampleIntervalMs,
    series: { bucketMs: options.seriesBucketMs ?? 10_000, windowMs: options.seriesWindowMs ?? 3_600_000 },
    logger,
    onPoint: (point) => hub.broadcast('point', point),
    onSample: (sample: HealthSample) => {
      hub.broadcast('health', sample);
      if (hub.size === 0) return;
      const stale = Date.now() - deadLettersReadAt >= DEAD_LETTER_REFRESH_MS;
      if (stale || sample.deadLetters !== deadLetters.total)
        refreshDeadLetters().catch((error) =>
          logger?.warn({ err: { message: (error as Error).message } }, 'dashboard: reading dead letters'),
        );
    },
  });
  sampler.start();

  const state: DashboardState = {
    token,
    boundHost: options.host,
    files: loadStaticFiles(),
    hub,
    isClosed: () => closed,
    hello: () => ({
      wallboard: poller !== undefined,
      pollIntervalMs,
      sampleIntervalMs,
      deadLetterLimit,
      serverTime: Date.now(),
    }),
    wallboard: () => poller?.latest,
    health: () => sampler.latest,
    history: () => sampler.history(),
    deadLetters: async () => {
      if (Date.now() - deadLettersReadAt >= sampleIntervalMs) deadLetters = await readDeadLetters();
      return deadLetters;
    },
    act: async (action, id) => {
      const done = await (action === 'retry' ? bridge.retryDeadLetter(id) : bridge.dropDeadLetter(id));
      if (done) {
        logger?.info(
          { deadLetter: id, action },
          `dashboard: dead letter ${action === 'retry' ? 'retried' : 'dropped'}`,
        );
        await refreshDeadLetters();
      }
      return done;
    },
  };

  return {
    route: buildRoute(state),
    token,
    url: (baseUrl) => `${baseUrl.replace(/\/+$/, '')}/?token=${encodeURIComponent(token)}`,
    close: async () => {
      closed = true;
      hub.closeAll();
      await Promise.all([poller?.stop(), sampler.stop()]);
    },
  };
}
