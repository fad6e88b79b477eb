import { join } from 'node:path';
import { Writable } from 'node:stream';
import {
  type BridgeConfig,
  BridgeMetrics,
  compileIdentifier,
  createLogger,
  DEFAULT_TASK_DEFINITIONS,
  type ExtraRoute,
  type Logger,
  parseConfig,
  SqliteStore,
  startBridgeServer,
  type WfmSource,
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
import { PlayvoxWfm, type WfmTaskInterval } from '@voxbridge/playvox';
import { baseConfig, tempDir } from '../../bridge/test/helpers.js';

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

/** A validated configuration pointing at the world's emulators, with test cadences. */
export function worldConfig(
  world: WfmWorld,
  overrides: {
    gladly?: Record<string, unknown>;
    wfm?: Record<string, unknown>;
    agentFeed?: Record<string, unknown>;
  } = {},
): BridgeConfig {
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

/** Waits until `condition` holds, checking every 50 ms, for at most `timeoutMs`. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let round = 0; round < 10_000; round++) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}

/** One task interval, as compared between the ground truth and WFM. */
export interface Interval {
  name: string;
  startTime: string;
  endTime: string | null;
}

/**
 * The task intervals a timeline of statuses should give with the default task table: each status that
 * matches one task opens an interval that the agent's next status (matched or not) closes.
 */
export function expectedIntervals(
  source: WfmSource,
  statuses: ReadonlyArray<{ status: string; at: string }>,
): Interval[] {
  const tasks = DEFAULT_TASK_DEFINITIONS.filter((task) => task.identifiers[source] !== undefined).map(
    (task) => ({
      name: task.name,
      regex: compileIdentifier(task.identifiers[source]!),
    }),
  );
  const ordered = statuses
    .map((status, index) => ({ ...status, index }))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.index - b.index);
  const out: Interval[] = [];
  ordered.forEach((status, i) => {
    const matches = tasks.filter((task) => task.regex.test(status.status));
    if (matches.length !== 1) return;
    out.push({
      name: matches[0]!.name,
      startTime: new Date(status.at).toISOString(),
      endTime: ordered[i + 1] ? new Date(ordered[i + 1]!.at).toISOString() : null,
    });
  });
  return out;
}

/** Every WFM task interval of an integration, per user email, in timeline order. */
export async function wfmIntervalsByUser(
  wfm: PlayvoxWfm,
  integration: string,
  from: number,
  to: number,
): Promise<Map<string, Interval[]>> {
  const all: WfmTaskInterval[] = await wfm
    .workActivityTasks({ from: new Date(from), to: new Date(to), pageSize: 1000 })
    .toArray({ limit: 100_000 });
  const byUser = new Map<string, Interval[]>();
  for (const interval of all) {
    if (interval.integrationAlias !== integration) continue;
    const list = byUser.get(interval.userEmail) ?? [];
    list.push({ name: interval.name, startTime: interval.startTime, endTime: interval.endTime });
    byUser.set(interval.userEmail, list);
  }
  return byUser;
}

/** Asserts that no secret of the test configuration appears in the captured log lines. */
export function secretsIn(lines: readonly string[]): string[] {
  const secrets = [
    WEBHOOK_PASSWORD,
    GLADLY_DEFAULT_CREDENTIALS.apiToken,
    PLAYVOX_WFM_DEFAULT_CREDENTIALS.secret,
    LIVEVOX_DEFAULT_CREDENTIALS.password,
    LIVEVOX_DEFAULT_CREDENTIALS.accessToken,
  ];
  return secrets.filter((secret) => lines.some((line) => line.includes(secret)));
}
