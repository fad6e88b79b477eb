// The emulators and a bridge running in this process, as `voxbridge demo --wfm` runs them, for the
// browser tests and the screenshots. Plain JavaScript so that `npm run screenshots` needs no build
// step beyond the packages' own (`npm run build`).
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyWfm, createWfmClients, parseConfig, startQaBridge, startWfmConnector } from '@voxbridge/bridge';
import { GLADLY_DEFAULT_CREDENTIALS, startGladlyEmulator } from '@voxbridge/emulator-gladly';
import { LIVEVOX_DEFAULT_CREDENTIALS, startLiveVoxEmulator } from '@voxbridge/emulator-livevox';
import {
  PLAYVOX_DEFAULT_CREDENTIALS,
  PLAYVOX_WFM_DEFAULT_CREDENTIALS,
  startPlayvoxEmulator,
  startPlayvoxWfmEmulator,
} from '@voxbridge/emulator-playvox';

/** A free loopback port (the Gladly webhook must know the bridge's address before it starts). */
async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(() => resolve()));
  return port;
}

/** The integration's fields, each once: its Playvox metadata definition and where the mapping reads it. */
const FIELDS = [
  { fieldId: 'interaction_date', type: 'datetime', required: true, from: 'start|timestamp' },
  {
    fieldId: 'channel',
    type: 'list',
    allowed: ['VOICE', 'SMS', 'EMAIL'],
    required: true,
    from: 'interactionType',
  },
  { fieldId: 'agent_login', type: 'string', from: 'agentLoginId' },
  { fieldId: 'call_result', type: 'string', from: 'lvResult' },
];

/**
 * The demo's QA configuration, except that the assignee has no fallback: interactions without an
 * agent (abandoned and unanswered calls) cannot be mapped and go to the dead-letter store, which gives
 * real dead letters to group, retry and drop once `mapping.assignee.fallback` is set.
 * @param {{ livevox: string; playvox: string }} urls
 * @param {string} storePath
 * @param {number} port
 * @param {string} [fallback] an assignee for interactions without an agent: no dead letters by design
 */
export function qaSections(urls, storePath, port, fallback) {
  return {
    livevox: {
      baseUrl: urls.livevox,
      ...LIVEVOX_DEFAULT_CREDENTIALS,
      feed: { transport: 'longpoll', count: 1000 },
      enrich: { contextData: false },
    },
    playvox: {
      baseUrl: urls.playvox,
      uid: PLAYVOX_DEFAULT_CREDENTIALS.uid,
      key: PLAYVOX_DEFAULT_CREDENTIALS.key,
      requestsPerMinute: 6000,
      integration: { name: 'LiveVox (dashboard)', description: 'dashboard', dataStorageMinutes: 129600 },
      metadata: FIELDS.map(({ from: _from, ...field }) => field),
    },
    mapping: {
      fields: FIELDS.map(({ fieldId, from }) => ({ field: fieldId, from })),
      assignee: {
        mode: 'template',
        template: '{agentLoginId}@demo.livevox.test',
        ...(fallback ? { fallback } : {}),
      },
      voiceGraceMs: 30_000,
    },
    delivery: { reconcileSettleMs: 2_000 },
    store: { path: storePath },
    server: { host: '127.0.0.1', port },
    log: { level: 'warn' },
  };
}

/**
 * Starts LiveVox (live traffic at 60× speed), Playvox QA and, with `wfm`, Gladly and Playvox WFM
 * emulators; a QA bridge serving HTTP on 127.0.0.1; and with `wfm` the WFM connector on it, its
 * Gladly webhook posting to the bridge. Everything lives in a temporary folder removed by `close()`.
 * `calm` gives the assignee a fallback, as a deployment would: the screenshots then show the few dead
 * letters a healthy bridge has, where the browser tests want many to group, retry and drop.
 * @param {{ logger?: import('@voxbridge/bridge').Logger; wfm?: boolean; seed?: number; calm?: boolean }} options
 */
export async function startDemoStack(options = {}) {
  const seed = options.seed ?? 7;
  const dir = mkdtempSync(join(tmpdir(), 'voxbridge-dashboard-'));
  const playvox = await startPlayvoxEmulator({ port: 0, seed, config: { jobs: { delayMs: 20 } } });
  const livevox = await startLiveVoxEmulator({
    port: 0,
    seed,
    speed: 60,
    config: { feed: { waitMs: 500 } },
    traffic: { agents: 12, callsPerMinute: 6, smsPerMinute: 2, emailsPerMinute: 2 },
  });
  const gladly = options.wfm ? await startGladlyEmulator({ port: 0, seed, speed: 60 }) : undefined;
  const wfmEmulator = gladly
    ? await startPlayvoxWfmEmulator({
        port: 0,
        seed,
        // Every Gladly agent but the last has a WFM user: the user sync reports one unmatched.
        users: gladly.simulator
          .agents()
          .slice(0, -1)
          .map((agent) => ({ email: agent.emailAddress })),
      })
    : undefined;
  const port = await freePort();
  const sections = qaSections(
    { livevox: livevox.url, playvox: playvox.url },
    join(dir, 'state.db'),
    port,
    options.calm ? 'qa-team@demo.livevox.test' : undefined,
  );
  const wfmSections = gladly
    ? {
        gladly: {
          baseUrl: gladly.url,
          ...GLADLY_DEFAULT_CREDENTIALS,
          webhook: {
            url: `http://127.0.0.1:${port}/webhooks/gladly`,
            password: 'demo-webhook-password',
            checkIntervalMs: 10_000,
          },
          poll: { intervalMs: 5_000, settleMs: 1_000 },
          workSessions: { intervalMs: 10_000 },
        },
        wfm: {
          baseUrl: wfmEmulator.url,
          ...PLAYVOX_WFM_DEFAULT_CREDENTIALS,
          delivery: { idleMs: 200, settleMs: 500 },
        },
      }
    : {};
  const config = parseConfig({ ...sections, ...wfmSections }, 'dashboard demo configuration');
  const bridge = await startQaBridge(config, options.logger ? { logger: options.logger } : {});
  let connector;
  if (gladly) {
    const clients = createWfmClients(config);
    const applied = await applyWfm(config, clients);
    if (applied.blocked) throw new Error(`WFM apply blocked by lint: ${JSON.stringify(applied.lint)}`);
    connector = await startWfmConnector(config, {
      store: bridge.store,
      logger: bridge.logger,
      metrics: bridge.metrics,
      addRoute: bridge.addRoute,
      clients,
    });
    gladly.start();
  }
  return {
    livevox,
    playvox,
    gladly,
    wfm: wfmEmulator,
    bridge,
    connector,
    close: async () => {
      await connector?.stop();
      await bridge.stop();
      await Promise.all([livevox.close(), playvox.close(), gladly?.close(), wfmEmulator?.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
