/**
 * The set-up of the WFM e2e tests: the emulators, a store and the bridge's HTTP server (a "world"), its
 * configuration and clients, the connector on it, and the teardown. The ground truth is in wfm-truth.ts.
 */
import { join } from 'node:path';
import { Writable } from 'node:stream';
import {
  applyWfm,
  type BridgeConfig,
  BridgeMetrics,
  createLogger,
  createWfmClients,
  type ExtraRoute,
  type Logger,
  parseConfig,
  SqliteStore,
  startBridgeServer,
  startWfmConnector,
  type WfmClientOptions,
  type WfmClients,
  type WfmConnector,
  type WfmConnectorOptions,
} from '@voxbridge/bridge';
import {
  GLADLY_DEFAULT_CREDENTIALS,
  type GladlyEmulator,
  startGladlyEmulator,
} from '@voxbridge/emulator-gladly';
import {
  LIVEVOX_DEFAULT_CREDENTIALS,
  type LiveVoxEmulator,
  startLiveVoxEmulator,
} from '@voxbridge/emulator-livevox';
import {
  PLAYVOX_WFM_DEFAULT_CREDENTIALS,
  type PlayvoxWfmEmulator,
  startPlayvoxWfmEmulator,
  type WfmUserSeed,
} from '@voxbridge/emulator-playvox';
import { PlayvoxWfm } from '@voxbridge/playvox';
import { afterEach } from 'vitest';
import { baseConfig, tempDir } from '../../bridge/test/helpers.js';
import { waitFor as pollUntil } from './e2e-helpers.js';

/** The webhook password of the test configurations (checked never to appear in logs). */
export const WEBHOOK_PASSWORD = 'hook-password-7f3a9c2e';

/** A logger whose lines are kept, to check what was logged (and that no secret was). */
export function capturingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger({ level: 'debug', destination, pretty: false }), lines };
}

/** Emulators, a store and the bridge's HTTP server, started for one test. */
export interface WfmWorld {
  wfmEmulator: PlayvoxWfmEmulator;
  gladlyEmulator?: GladlyEmulator;
  livevoxEmulator?: LiveVoxEmulator;
  store: SqliteStore;
  metrics: BridgeMetrics;
  server: { url: string; addRoute(route: ExtraRoute): void; close(): Promise<void> };
  /** A WFM client of the emulator, for checks. */
  wfm: PlayvoxWfm;
  logger: Logger;
  logLines: string[];
  close(): Promise<void>;
}

/** Options of {@link startWorld}. */
export interface WorldOptions {
  gladly?: boolean | { backlogHours?: number; agents?: number; config?: Record<string, unknown> };
  livevox?: boolean | { config?: Record<string, unknown> };
  /** WFM users; a function receives the Gladly agents (after the backlog) to build them from. */
  users?: WfmUserSeed[] | ((agents: Array<{ id: string; emailAddress: string }>) => WfmUserSeed[]);
}

/** {@link WorldOptions.users} that gives every Gladly agent a WFM user with the agent's email. */
export const EVERY_GLADLY_AGENT = (agents: Array<{ emailAddress: string }>): WfmUserSeed[] =>
  agents.map((agent) => ({ email: agent.emailAddress }));

/** A frozen-but-movable clock: the emulators only move when a test advances them. */
const FROZEN = 1e-6;

/** Starts what a WFM test needs, over real HTTP on 127.0.0.1. */
export async function startWorld(options: WorldOptions): Promise<WfmWorld> {
  const closers: Array<() => Promise<unknown> | unknown> = [];
  try {
    let gladlyEmulator: GladlyEmulator | undefined;
    if (options.gladly) {
      const gladly = options.gladly === true ? {} : options.gladly;
      gladlyEmulator = await startGladlyEmulator({ seed: 7, speed: FROZEN, config: { ...gladly.config } });
      closers.push(() => gladlyEmulator!.close());
      if (gladly.backlogHours)
        gladlyEmulator.generateBacklog({ hours: gladly.backlogHours, agents: gladly.agents });
    }
    let livevoxEmulator: LiveVoxEmulator | undefined;
    if (options.livevox) {
      const livevox = options.livevox === true ? {} : options.livevox;
      livevoxEmulator = await startLiveVoxEmulator({
        seed: 3,
        speed: FROZEN,
        config: { feed: { waitMs: 100 }, ...livevox.config },
      });
      closers.push(() => livevoxEmulator!.close());
    }
    const agents = gladlyEmulator?.simulator.agents() ?? [];
    const users = typeof options.users === 'function' ? options.users(agents) : options.users;
    const wfmEmulator = await startPlayvoxWfmEmulator({
      users: users ?? [],
      config: { rateLimit: { requestsPerMinute: 0 } },
    });
    closers.push(() => wfmEmulator.close());
    const store = new SqliteStore({
      path: join(tempDir('voxbridge-wfm-'), 'state.db'),
      synchronous: 'normal',
    });
    closers.push(() => store.close());
    const metrics = new BridgeMetrics({ processMetrics: false });
    const server = await startBridgeServer({
      host: '127.0.0.1',
      port: 0,
      metrics,
      health: () => ({ live: true, ready: true, details: {} }),
    });
    closers.push(() => server.close());
    const { logger, lines } = capturingLogger();
    const world: WfmWorld = {
      wfmEmulator,
      gladlyEmulator,
      livevoxEmulator,
      store,
      metrics,
      server,
      wfm: new PlayvoxWfm({ baseUrl: wfmEmulator.url }, PLAYVOX_WFM_DEFAULT_CREDENTIALS),
      logger,
      logLines: lines,
      close: async () => {
        for (const close of closers.reverse()) await close();
      },
    };
    return world;
  } catch (error) {
    for (const close of closers.reverse()) await close();
    throw error;
  }
}

/**
 * Lists a test file's worlds and connectors are put on, and an `afterEach` that stops the connectors,
 * then closes the worlds.
 */
export function trackWorlds(): {
  worlds: WfmWorld[];
  connectors: WfmConnector[];
  /** {@link startWorld}, the world put on `worlds`. */
  world(options: WorldOptions): Promise<WfmWorld>;
} {
  const worlds: WfmWorld[] = [];
  const connectors: WfmConnector[] = [];
  afterEach(async () => {
    await Promise.all(connectors.splice(0).map((connector) => connector.stop()));
    await Promise.all(worlds.splice(0).map((world) => world.close()));
  });
  const world = async (options: WorldOptions) => {
    const started = await startWorld(options);
    worlds.push(started);
    return started;
  };
  return { worlds, connectors, world };
}

/** The WFM clients of a configuration, judging Gladly's windows by the world's Gladly clock if any. */
export function worldClients(
  world: WfmWorld,
  config: BridgeConfig,
  options: WfmClientOptions = {},
): WfmClients {
  const gladly = world.gladlyEmulator;
  return createWfmClients(config, { ...(gladly ? { now: () => gladly.clock.now() } : {}), ...options });
}

/**
 * Starts the WFM connector on a world's store, logger and metrics; with a Gladly emulator, also on the
 * world's HTTP server (the webhook receiver) and the emulator's clock.
 */
export function connectWorld(
  world: WfmWorld,
  config: BridgeConfig,
  options: Partial<WfmConnectorOptions> = {},
): Promise<WfmConnector> {
  const gladly = world.gladlyEmulator;
  return startWfmConnector(config, {
    store: world.store,
    logger: world.logger,
    metrics: world.metrics,
    ...(gladly ? { addRoute: world.server.addRoute, now: () => gladly.clock.now() } : {}),
    ...options,
  });
}

/** Sections merged over {@link worldConfig}'s test settings. */
export interface WorldConfigOverrides {
  gladly?: Record<string, unknown>;
  wfm?: Record<string, unknown>;
  agentFeed?: Record<string, unknown>;
}

/** A validated configuration pointing at the world's emulators, with test cadences. */
export function worldConfig(world: WfmWorld, overrides: WorldConfigOverrides = {}): BridgeConfig {
  const raw = baseConfig() as Record<string, Record<string, unknown>>;
  if (world.livevoxEmulator) {
    raw.livevox = {
      baseUrl: world.livevoxEmulator.url,
      accessToken: LIVEVOX_DEFAULT_CREDENTIALS.accessToken,
      clientName: LIVEVOX_DEFAULT_CREDENTIALS.clientName,
      userName: LIVEVOX_DEFAULT_CREDENTIALS.userName,
      password: LIVEVOX_DEFAULT_CREDENTIALS.password,
      agentFeed: { enabled: true, ...overrides.agentFeed },
    };
  }
  if (world.gladlyEmulator) {
    raw.gladly = {
      baseUrl: world.gladlyEmulator.url,
      email: GLADLY_DEFAULT_CREDENTIALS.email,
      apiToken: GLADLY_DEFAULT_CREDENTIALS.apiToken,
      webhook: {
        url: `${world.server.url}/webhooks/gladly`,
        password: WEBHOOK_PASSWORD,
        checkIntervalMs: 100,
      },
      poll: { intervalMs: 300, overlapMs: 60_000, settleMs: 0, initialLookbackMinutes: 720 },
      workSessions: { intervalMs: 60_000 },
      ...overrides.gladly,
    };
  }
  raw.wfm = {
    baseUrl: world.wfmEmulator.url,
    accessKeyId: PLAYVOX_WFM_DEFAULT_CREDENTIALS.accessKeyId,
    secret: PLAYVOX_WFM_DEFAULT_CREDENTIALS.secret,
    delivery: { idleMs: 50, settleMs: 150 },
    ...overrides.wfm,
  };
  return parseConfig(raw, 'test', {});
}

/** A world's configuration (see {@link worldConfig}), its clients, and what `applyWfm` did with them. */
export async function configureWorld(
  world: WfmWorld,
  overrides: WorldConfigOverrides = {},
  clientOptions: WfmClientOptions = {},
): Promise<{ config: BridgeConfig; clients: WfmClients; applied: Awaited<ReturnType<typeof applyWfm>> }> {
  const config = worldConfig(world, overrides);
  const clients = worldClients(world, config, clientOptions);
  return { config, clients, applied: await applyWfm(config, clients) };
}

/** Waits until `condition` holds, checking every 50 ms, for at most `timeoutMs` (e2e-helpers' waitFor). */
export function waitFor(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 20_000,
): Promise<void> {
  return pollUntil(condition, timeoutMs, () => what, 50);
}
