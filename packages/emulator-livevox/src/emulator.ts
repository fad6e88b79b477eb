import {
  Clock,
  deepMerge,
  type EmulatorDefinition,
  Router,
  type RunningEmulator,
  startEmulator,
} from '@voxbridge/emulator-kit';
import { buildAdminRouter } from './admin.js';
import type { BacklogOptions, BacklogResult } from './backlog.js';
import { defaultLiveVoxConfig, type LiveVoxEmulatorConfig, validateLiveVoxConfig } from './config.js';
import type { LiveVoxRuntime } from './context.js';
import { ContextStore } from './context-store.js';
import { livevoxDocument } from './contract.js';
import type { TrafficRates } from './live.js';
import { PoisonPlanter } from './poison.js';
import { addContextDataRoutes } from './routes/context-data.js';
import { addFeedRoutes } from './routes/feeds.js';
import { addRealtimeRoutes } from './routes/realtime.js';
import { addReportingRoutes } from './routes/reporting.js';
import { addSessionRoutes, authenticate, SESSION_PUBLIC_ROUTES } from './routes/session.js';
import { addSseRoute } from './routes/sse.js';
import { SessionStore } from './sessions.js';
import { ContactCenterSimulator, type TrafficOptions, type Truth, type TruthOptions } from './simulator.js';

/** A configuration patch: any subset of the keys, at any depth. */
export type LiveVoxConfigPatch = { [K in keyof LiveVoxEmulatorConfig]?: unknown };

/** Options of {@link startLiveVoxEmulator}. */
export interface LiveVoxEmulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (a free port). The CLI uses 4020. */
  port?: number;
  /** Keys merged into the default configuration (they also survive `POST /_emulator/reset`). */
  config?: LiveVoxConfigPatch;
  /** Seed of the simulation. Default 1. */
  seed?: number;
  /** Simulated ms per real ms (> 0). Default 1; 60 for demos; a tiny value such as 1e-9 all but freezes the clock for tests that move it with `clock.advance`. */
  speed?: number;
  /** Simulated epoch ms at start. Default: now. */
  startTime?: number;
  /** Live traffic to start right away (otherwise the emulator starts idle). */
  traffic?: TrafficOptions;
}

/** A running LiveVox emulator with in-process access to its clock and simulator. */
export interface LiveVoxEmulator extends RunningEmulator<LiveVoxEmulatorConfig> {
  clock: Clock;
  simulator: ContactCenterSimulator;
  /** What has been generated so far (lists every interaction unless paged or `summary`). */
  truth(options?: TruthOptions): Truth;
  /** Starts or changes live traffic. */
  startTraffic(options?: TrafficOptions): TrafficRates;
  /** Stops starting new interactions; with `drain` (default) resolves when the calls in progress have finished. */
  stopTraffic(options?: { drain?: boolean }): Promise<void>;
  /** Generates a backlog of completed interactions over the last hour. */
  generateBacklog(options: BacklogOptions): BacklogResult;
  /** The API router and the admin router (paths relative to `/_emulator`), with the operations they serve. */
  routers: { api: Router; admin: Router };
}

const VERSION_SEGMENT = /^\/([^/]+)\/v\d+(?:\.\d+)*(?=\/)/;

/** A router that ignores an optional `/vN.0` segment right after the API category (`/realtime/v6.0/…`). */
class VersionedRouter extends Router {
  override match(method: string, path: string): ReturnType<Router['match']> {
    // Only a second segment starting with `v` can be a version: most paths skip the regex.
    const second = path.indexOf('/', 1);
    if (second === -1 || path.charCodeAt(second + 1) !== 118) return super.match(method, path);
    return super.match(method, path.replace(VERSION_SEGMENT, '/$1'));
  }
}

/** Starts the LiveVox emulator. It starts idle: no traffic until `traffic`, `startTraffic` or the admin API asks. */
export async function startLiveVoxEmulator(options: LiveVoxEmulatorOptions = {}): Promise<LiveVoxEmulator> {
  const initialConfig = deepMerge(defaultLiveVoxConfig(), options.config ?? {});
  const problem = validateLiveVoxConfig(initialConfig);
  if (problem) throw new TypeError(`LiveVox emulator config: ${problem}`);
  let current = initialConfig;
  const clock = new Clock({ start: options.startTime, speed: options.speed ?? 1 });
  const simulator = new ContactCenterSimulator({ clock, seed: options.seed ?? 1, config: () => current });
  const runtime: LiveVoxRuntime = {
    simulator,
    state: simulator.state,
    clock,
    sessions: new SessionStore(clock, () => current.session.idleMs),
    contextData: new ContextStore(simulator),
    passwords: new Map(),
    poison: new PoisonPlanter(),
    config: () => current,
  };

  const router = new VersionedRouter();
  addSessionRoutes(router, runtime);
  addContextDataRoutes(router, runtime);
  addFeedRoutes(router, runtime);
  addSseRoute(router, runtime);
  addRealtimeRoutes(router, runtime);
  addReportingRoutes(router, runtime);

  const adminRouter = buildAdminRouter(runtime);
  const definition: EmulatorDefinition<LiveVoxEmulatorConfig> = {
    name: 'livevox',
    router,
    adminRouter,
    defaultConfig: initialConfig,
    validateConfig: validateLiveVoxConfig,
    onConfig: (config) => {
      current = config;
    },
    authenticate: (ctx) => authenticate(runtime, ctx),
    publicRoutes: SESSION_PUBLIC_ROUTES,
    errorBody: (status, message) => ({ code: status, message }),
    reset: () => {
      simulator.reset();
      runtime.sessions.clear();
      runtime.contextData.clear();
      runtime.passwords.clear();
      runtime.poison.clear();
    },
    openapi: () => livevoxDocument(router, adminRouter),
    close: () => simulator.close(),
  };

  const running = await startEmulator(definition, {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
  });
  if (options.traffic) simulator.startTraffic(options.traffic);
  return Object.assign(running, {
    clock,
    simulator,
    truth: (truthOptions?: TruthOptions) => simulator.truth(truthOptions),
    startTraffic: (traffic: TrafficOptions = {}) => simulator.startTraffic(traffic),
    stopTraffic: (stop?: { drain?: boolean }) => simulator.stopTraffic(stop),
    generateBacklog: (backlog: BacklogOptions) => simulator.generateBacklog(backlog),
    routers: { api: router as Router, admin: adminRouter },
  });
}
