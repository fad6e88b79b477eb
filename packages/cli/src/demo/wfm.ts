import { createServer } from 'node:net';
import {
  applyWfm,
  type BridgeConfig,
  createWfmClients,
  type RunningBridge,
  startWfmConnector,
  type WfmConnector,
} from '@voxbridge/bridge';
import {
  GLADLY_DEFAULT_CREDENTIALS,
  type GladlyEmulator,
  startGladlyEmulator,
} from '@voxbridge/emulator-gladly';
import {
  PLAYVOX_WFM_DEFAULT_CREDENTIALS,
  type PlayvoxWfmEmulator,
  startPlayvoxWfmEmulator,
} from '@voxbridge/emulator-playvox';

/** The first LiveVox agent id the simulator hands out (agents are numbered from it). */
const FIRST_LIVEVOX_AGENT = 544_001;

/** The demo's WFM side: the Gladly organisation and the Playvox WFM tenant, with users that match. */
export interface DemoWfm {
  gladly: GladlyEmulator;
  wfm: PlayvoxWfmEmulator;
  /** LiveVox agent id → WFM user email, for `livevox.agentFeed.users`. */
  livevoxUsers: Record<string, string>;
  close(): Promise<void>;
}

/** A free loopback port (the bridge's server must be known before the webhook is configured). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Starts the Gladly emulator (quiet until traffic starts) and a Playvox WFM emulator whose users are
 * the Gladly agents (matched by email by the connector's user sync) and the LiveVox agents.
 */
export async function startDemoWfm(options: {
  seed: number;
  speed: number;
  livevoxAgents: number;
}): Promise<DemoWfm> {
  const gladly = await startGladlyEmulator({ port: 0, seed: options.seed, speed: options.speed });
  const livevoxUsers: Record<string, string> = {};
  for (let i = 0; i < options.livevoxAgents; i++)
    livevoxUsers[String(FIRST_LIVEVOX_AGENT + i)] =
      `livevox.agent${FIRST_LIVEVOX_AGENT + i}@demo.livevox.test`;
  const users = [
    // Upper case on purpose: the user sync matches emails case-insensitively.
    ...gladly.simulator.agents().map((agent) => ({ email: agent.emailAddress.toUpperCase() })),
    ...Object.values(livevoxUsers).map((email) => ({ email })),
  ];
  const wfm = await startPlayvoxWfmEmulator({ port: 0, seed: options.seed, users });
  return {
    gladly,
    wfm,
    livevoxUsers,
    close: async () => void (await Promise.all([gladly.close(), wfm.close()])),
  };
}

/** The `gladly`, `wfm` and `livevox.agentFeed` sections of the demo configuration. */
export function demoWfmSections(demo: DemoWfm, bridgeUrl: string): Record<string, unknown> {
  return {
    gladly: {
      baseUrl: demo.gladly.url,
      email: GLADLY_DEFAULT_CREDENTIALS.email,
      apiToken: GLADLY_DEFAULT_CREDENTIALS.apiToken,
      webhook: {
        url: `${bridgeUrl}/webhooks/gladly`,
        password: 'demo-webhook-password',
        checkIntervalMs: 10_000,
      },
      poll: { intervalMs: 5_000, settleMs: 1_000 },
      workSessions: { intervalMs: 10_000 },
    },
    wfm: {
      baseUrl: demo.wfm.url,
      ...PLAYVOX_WFM_DEFAULT_CREDENTIALS,
      // Below the emulator's 600 requests a minute: a 429 there costs a Retry-After of up to 60 s.
      requestsPerMinute: 540,
      delivery: { idleMs: 200, settleMs: 500 },
    },
    agentFeed: { enabled: true, users: demo.livevoxUsers },
  };
}

/** Applies the WFM configuration (tasks, workstreams, webhook) and starts the connector on the bridge. */
export async function startDemoConnector(config: BridgeConfig, bridge: RunningBridge): Promise<WfmConnector> {
  const clients = createWfmClients(config);
  const applied = await applyWfm(config, clients);
  if (applied.blocked) throw new Error(`WFM apply blocked by lint: ${JSON.stringify(applied.lint)}`);
  return startWfmConnector(config, {
    store: bridge.store,
    logger: bridge.logger,
    metrics: bridge.metrics,
    addRoute: bridge.addRoute,
    clients,
  });
}

/** True when every WFM event stored so far has been delivered (or dead-lettered) by its consumer. */
export function wfmDrained(connector: WfmConnector): boolean {
  const stats = connector.stats();
  const gladlyStored = (stats.gladly?.webhook.stored ?? 0) + (stats.gladly?.poll.inserted ?? 0);
  const livevoxStored = stats.livevox?.stored ?? 0;
  const consumed = (source: 'gladly' | 'livevox') => stats.delivery[source]?.consumed ?? 0;
  return consumed('gladly') >= gladlyStored && consumed('livevox') >= livevoxStored;
}

/** WFM statuses the connector's deliveries found no task for, across sources (for the dashboard tile). */
export function wfmUnmatched(connector: WfmConnector | undefined): number {
  return Object.values(connector?.stats().delivery ?? {}).reduce((n, d) => n + (d?.unmatched ?? 0), 0);
}
