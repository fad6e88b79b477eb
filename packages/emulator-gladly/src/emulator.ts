import {
  Clock,
  deepMerge,
  type EmulatorDefinition,
  type ListenOptions,
  type RouteContext,
  Router,
  type RunningEmulator,
  startEmulator,
} from '@voxbridge/emulator-kit';
import { buildAdminRouter } from './admin.js';
import { defaultGladlyConfig, type GladlyEmulatorConfig, validateGladlyConfig } from './config.js';
import { gladlyDocument } from './contract.js';
import { WebhookDispatcher } from './delivery.js';
import { gladlyErrorBody } from './errors.js';
import { IdFactory } from './organization.js';
import { PoisonPlanter } from './poison.js';
import { type ApiDeps, addResourceRoutes } from './routes.js';
import { addEventRoutes } from './routes-events.js';
import { addExportRoutes } from './routes-exports.js';
import { addReportRoutes } from './routes-reports.js';
import { addWebhookRoutes } from './routes-webhooks.js';
import { type BacklogOptions, GladlySimulator } from './simulator.js';
import type { GladlyTruth } from './truth.js';
import { WebhookStore } from './webhooks.js';

/** Traffic the emulator generates from the start. */
export interface GladlyTrafficOptions {
  /** First generate this many simulated hours of history (ending at start-up). */
  backlogHours?: number;
  /** Agents in the organisation (default `simulation.agents`). */
  agents?: number;
  /** Keep generating live traffic. Default true. */
  live?: boolean;
}

/** Options of {@link startGladlyEmulator}. */
export interface GladlyEmulatorOptions extends ListenOptions {
  /** Configuration merged over the defaults (it becomes what `POST /_emulator/reset` restores). */
  config?: unknown;
  /** Seed of the organisation and its traffic. Default 1. */
  seed?: number;
  /** Simulated ms per real ms (above 0). Default 1. */
  speed?: number;
  /** Simulated time at start-up (epoch ms, ISO string or Date). Default: the real time. */
  startTime?: number | string | Date;
  /** Generate traffic from the start: `true` for live traffic, or options. Default: a quiet organisation. */
  traffic?: boolean | GladlyTrafficOptions;
}

/** A running Gladly emulator with in-process access to its clock, simulation and truth. */
export interface GladlyEmulator extends RunningEmulator<GladlyEmulatorConfig> {
  /** The emulator's clock (advance it to reach retries and shift ends at once). */
  clock: Clock;
  /** The simulated organisation: its people, traffic and hand-driven actions. */
  simulator: GladlySimulator;
  /** What has happened: agent statuses, conversations per inbox, webhook deliveries, reports. */
  truth(): GladlyTruth;
  /** Starts (or resumes) simulated traffic. */
  start(): void;
  /** Stops traffic; with `drain`, winds the organisation down now and waits for webhook deliveries in flight. */
  stop(options?: { drain?: boolean }): Promise<void>;
  /** Replaces the history with `hours` of simulated activity ending now. */
  generateBacklog(options: BacklogOptions): void;
  /** Resolves when no webhook delivery or PING is in flight. */
  deliveriesSettled(): Promise<void>;
  /** The API router and the emulator's own admin router (mounted under `/_emulator`), with their operations. */
  routers: { api: Router; admin: Router };
}

/** Starts the Gladly emulator (on 127.0.0.1 and a free port unless told otherwise). */
export async function startGladlyEmulator(options: GladlyEmulatorOptions = {}): Promise<GladlyEmulator> {
  const traffic: GladlyTrafficOptions | undefined =
    options.traffic === true ? {} : options.traffic || undefined;
  const defaultConfig = deepMerge(
    deepMerge(defaultGladlyConfig(), options.config ?? {}),
    traffic?.agents ? { simulation: { agents: traffic.agents } } : {},
  );
  const problem = validateGladlyConfig(defaultConfig);
  if (problem) throw new Error(`invalid Gladly emulator config: ${problem}`);
  let current = structuredClone(defaultConfig);
  const seed = options.seed ?? 1;
  const start = options.startTime === undefined ? undefined : new Date(options.startTime).getTime();
  if (start !== undefined && Number.isNaN(start)) throw new Error('startTime: not a valid time');
  const clock = new Clock({ speed: options.speed ?? 1, ...(start !== undefined ? { start } : {}) });
  const simulator = new GladlySimulator(
    clock,
    () => current.simulation,
    () => current.events.maxLookbackMs,
    seed,
  );
  const poison = new PoisonPlanter();
  const store = new WebhookStore(new IdFactory(`${seed}:webhooks`));
  const dispatcher = new WebhookDispatcher(
    store,
    clock,
    simulator.truthRecorder,
    () => current.webhooks,
    new IdFactory(`${seed}:pings`),
    () => poison.nextWebhook(),
  );
  simulator.onEvent((event) => dispatcher.dispatch(event));

  const stop = async (stopOptions: { drain?: boolean } = {}) => {
    simulator.stop(stopOptions);
    if (stopOptions.drain) await dispatcher.idle();
  };
  const applyTraffic = () => {
    if (!traffic) return;
    if (traffic.backlogHours)
      simulator.generateBacklog({ hours: traffic.backlogHours, live: traffic.live ?? true });
    else if (traffic.live ?? true) simulator.start();
  };

  const deps: ApiDeps = { simulator, store, dispatcher, clock, config: () => current, poison };
  const router = new Router();
  addResourceRoutes(router, deps);
  addEventRoutes(router, deps);
  addWebhookRoutes(router, deps);
  const reports = addReportRoutes(router, deps);
  addExportRoutes(router, deps);

  const adminRouter = buildAdminRouter({
    clock,
    simulator,
    poison,
    stop,
    onSpeedChange: () => {
      simulator.catchUp();
      dispatcher.rearm();
    },
  });
  const definition: EmulatorDefinition<GladlyEmulatorConfig> = {
    name: 'gladly',
    router,
    adminRouter,
    defaultConfig,
    validateConfig: validateGladlyConfig,
    onConfig: (config) => {
      current = config;
    },
    authenticate: (ctx) => authenticate(ctx, current),
    errorBody: gladlyErrorBody,
    reset: () => {
      // The kit restores the configuration after this; the organisation is rebuilt from the defaults.
      current = structuredClone(defaultConfig);
      dispatcher.clear();
      store.clear();
      reports.reset();
      poison.reset();
      simulator.reset();
      applyTraffic();
    },
    openapi: () => gladlyDocument(router, adminRouter),
    close: () => {
      simulator.close();
      dispatcher.close();
    },
  };

  const running = await startEmulator(definition, options);
  applyTraffic();
  return Object.assign(running, {
    clock,
    simulator,
    truth: () => simulator.truth(),
    start: () => simulator.start(),
    stop,
    generateBacklog: (backlog: BacklogOptions) => simulator.generateBacklog(backlog),
    deliveriesSettled: () => dispatcher.idle(),
    routers: { api: router, admin: adminRouter },
  });
}

/** Basic auth with an API user's email (case-insensitive) and token; the rate-limit key per organisation (and method). */
function authenticate(ctx: RouteContext, config: GladlyEmulatorConfig): string | undefined {
  const header = ctx.headers.authorization;
  if (typeof header !== 'string' || !/^basic /i.test(header)) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const email = decoded.slice(0, colon).toLowerCase();
  const token = decoded.slice(colon + 1);
  const known = config.credentials.some(
    (credential) => credential.email.toLowerCase() === email && credential.apiToken === token,
  );
  if (!known) return undefined;
  return config.rateLimitScope === 'method' ? `organization:${ctx.method}` : 'organization';
}
