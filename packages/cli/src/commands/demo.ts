import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, parseConfig, type RunningBridge, startQaBridge } from '@voxbridge/bridge';
import { attachDashboard } from '@voxbridge/dashboard';
import { startLiveVoxEmulator } from '@voxbridge/emulator-livevox';
import { startPlayvoxEmulator } from '@voxbridge/emulator-playvox';
import type { Command } from 'commander';
import { demoConfig } from '../demo/config.js';
import { summarizeQa } from '../demo/summary.js';
import { TerminalView } from '../demo/view.js';
import {
  demoWfmSections,
  freePort,
  startDemoConnector,
  startDemoWfm,
  wfmDrained,
  wfmUnmatched,
} from '../demo/wfm.js';
import { readWfmDemoSummary } from '../demo/wfm-summary.js';
import { choiceOption, integerOption, numberOption } from '../options.js';
import { listenForShutdown } from '../signals.js';

/** Options of `voxbridge demo`. */
export interface DemoOptions {
  duration?: number;
  json: boolean;
  speed: number;
  seed: number;
  transport: 'longpoll' | 'sse';
  callsPerMinute: number;
  agents: number;
  wfm: boolean;
}

/** `voxbridge demo`: everything on one machine — emulators, simulators, both connectors and a live view. */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(
      'run the emulators, the contact-center simulators and the bridge in-process, with a live view',
    )
    .option(
      '--duration <seconds>',
      'stop generating after this long, drain, and exit',
      numberOption({ above: 0, max: 7 * 86_400 }),
    )
    .option('--json', 'end by printing a JSON summary read from the emulators', false)
    .option('--speed <factor>', 'simulated time per real time', numberOption({ above: 0, max: 100_000 }), 60)
    .option('--seed <n>', 'simulation seed', integerOption({ min: 0 }), 1)
    .option(
      '--transport <kind>',
      'LiveVox feed transport: longpoll or sse',
      choiceOption(['longpoll', 'sse'] as const),
      'longpoll',
    )
    .option(
      '--calls-per-minute <n>',
      'simulated calls per simulated minute',
      numberOption({ min: 0, max: 100_000 }),
      20,
    )
    .option('--agents <n>', 'simulated LiveVox agents', integerOption({ min: 1, max: 10_000 }), 25)
    .option('--no-wfm', 'leave out the Gladly and LiveVox agent-state connector into Playvox WFM')
    .action(async (options: DemoOptions) => {
      await runDemo(options);
      // Keep-alive sockets and timers of the closed clients must not hold the exit.
      process.exit(process.exitCode ?? 0);
    });
}

/**
 * Runs the demo; resolves with the summary once everything generated has been drained. Whatever fails
 * on the way, everything already started is closed and the temporary folder removed.
 */
export async function runDemo(options: DemoOptions): Promise<unknown> {
  if (options.transport !== 'longpoll' && options.transport !== 'sse')
    throw new Error(`--transport: must be longpoll or sse, got ${JSON.stringify(options.transport)}`);
  const closers = new Closers();
  const dir = mkdtempSync(join(tmpdir(), 'voxbridge-demo-'));
  closers.add(async () => rmSync(dir, { recursive: true, force: true }));
  const shutdown = listenForShutdown();
  try {
    return await demoIn(dir, options, shutdown, closers);
  } finally {
    shutdown.dispose();
    await closers.closeAll();
  }
}

async function demoIn(
  dir: string,
  options: DemoOptions,
  shutdown: ReturnType<typeof listenForShutdown>,
  closers: Closers,
): Promise<unknown> {
  const started = Date.now();
  const playvox = await startPlayvoxEmulator({
    port: 0,
    seed: options.seed,
    config: { jobs: { delayMs: 50 } } as never,
  });
  closers.add(() => playvox.close());
  const livevox = await startLiveVoxEmulator({
    port: 0,
    seed: options.seed,
    speed: options.speed,
    config: { feed: { waitMs: 1000 } } as never,
  });
  closers.add(() => livevox.close());
  const wfmSide = options.wfm
    ? await startDemoWfm({ seed: options.seed, speed: options.speed, livevoxAgents: options.agents })
    : undefined;
  if (wfmSide) closers.add(() => wfmSide.close());
  const port = await freePort();
  const demo = demoConfig(
    { livevox: livevox.url, playvox: playvox.url },
    join(dir, 'state.db'),
    options.transport,
  );
  const qa = { ...demo, mapping: { ...demo.mapping, voiceGraceMs: demoGraceMs(options.speed) } };
  const sections = wfmSide ? demoWfmSections(wfmSide, `http://127.0.0.1:${port}`) : undefined;
  const config = parseConfig(
    {
      ...qa,
      server: { ...qa.server, port },
      ...(sections
        ? {
            gladly: sections.gladly,
            wfm: sections.wfm,
            livevox: { ...qa.livevox, agentFeed: sections.agentFeed },
          }
        : {}),
    },
    'demo configuration',
  );
  const bridge = await startQaBridge(config, {
    logger: createLogger({ level: 'warn', destination: process.stderr }),
    signal: shutdown.signal,
  });
  const stopBridge = closers.add(() => bridge.stop());
  const connector = wfmSide ? await startDemoConnector(config, bridge) : undefined;
  const stopConnector = closers.add(async () => connector?.stop());
  const { dashboard, url: dashboardUrl } = attachDashboard(bridge, {
    wfmUnmatched: () => wfmUnmatched(connector),
    wfm: () => connector?.stats(),
  });
  const closeDashboard = closers.add(() => dashboard.close());
  // A new LiveVox feed serves only events created after its first request: start traffic once it is positioned.
  await bridge.pipeline.waitUntilPositioned();
  livevox.startTraffic({
    agents: options.agents,
    callsPerMinute: options.callsPerMinute,
    smsPerMinute: options.callsPerMinute / 4,
    emailsPerMinute: options.callsPerMinute / 4,
  });
  wfmSide?.gladly.start();
  // The demo is a loopback-only local toy, so its dashboard URL (with the token) is shown on purpose.
  process.stderr.write(
    `voxbridge demo — LiveVox ${livevox.url}, Playvox ${playvox.url}${wfmSide ? `, Gladly ${wfmSide.gladly.url}, Playvox WFM ${wfmSide.wfm.url}` : ''}\n` +
      `dashboard: ${dashboardUrl}\n` +
      `bridge health and metrics: ${bridge.url}/metrics, ${bridge.url}/healthz${options.duration ? '' : '  (Ctrl-C to stop)'}\n`,
  );
  const view = new TerminalView();
  const live = liveFigures(bridge, () => livevox.truth({ summary: true }).total, started);
  let phase = 'running';
  const draw = async () => view.draw({ ...(await live()), phase });
  // A slow store read must not stack draws: a tick that finds one running skips.
  let drawing: Promise<void> | undefined;
  const tick = () => {
    drawing ??= draw().finally(() => {
      drawing = undefined;
    });
    return drawing;
  };
  const ticker = setInterval(() => void tick().catch(() => undefined), 1000);
  closers.add(async () => clearInterval(ticker));
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    shutdown.requested,
    ...(options.duration !== undefined
      ? [new Promise((resolve) => (timer = setTimeout(resolve, options.duration! * 1000)))]
      : []),
  ]);
  clearTimeout(timer);
  phase = 'draining';
  await tick();
  // The tail — calls in progress, and late dispositions 18 simulated minutes after their calls — runs
  // faster: `--duration 20` ends within 35 s, and every interaction still goes through exactly once.
  livevox.clock.setSpeed(livevox.clock.speed * DRAIN_SPEEDUP);
  await Promise.all([livevox.stopTraffic({ drain: true }), wfmSide?.gladly.stop({ drain: true })]);
  // Drained when every interaction the simulator generated has reached Playvox or the dead-letter store,
  // and every WFM event stored has been delivered.
  const drainDeadline = Date.now() + 120_000;
  while (Date.now() < drainDeadline) {
    const generated = livevox.truth({ summary: true }).total;
    const { interactions } = await bridge.store.counts();
    // Every event of the feed read too: a late disposition comes after its call was delivered.
    const allRead = bridge.pipeline.progress.eventsReceived >= livevox.truth({ summary: true }).events;
    const qaDone =
      interactions.delivered + interactions.dead >= generated && allRead && (await bridge.pipeline.isIdle());
    if (qaDone && (!connector || wfmDrained(connector))) break;
    connector?.nudge();
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  phase = 'done';
  clearInterval(ticker);
  await drawing?.catch(() => undefined);
  await draw();
  view.done();
  const deadLettered = (await bridge.store.counts()).deadLetters;
  const lateUpdatesApplied = (await bridge.store.lateUpdateCounts()).applied;
  const integrationId = bridge.apply.integrationId!;
  await closeDashboard();
  await stopConnector();
  await stopBridge();
  const summary: Record<string, unknown> = {
    ...(await summarizeQa(livevox.truth(), bridge.playvox, integrationId, deadLettered, lateUpdatesApplied)),
  };
  if (wfmSide) summary.wfm = await readWfmDemoSummary(wfmSide.wfm.url);
  if (options.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  else process.stderr.write(`${JSON.stringify(summary, null, 2)}\n`);
  return summary;
}

/** How much faster LiveVox's simulated time runs while the demo drains. */
const DRAIN_SPEEDUP = 10;

/**
 * The voice grace period of the demo, in real time: 16 simulated minutes, longer than any call of the
 * simulation lasts (queue ≤ 3, talk ≤ 10, wrap-up ≤ 1.3 minutes) and shorter than a late disposition
 * comes (18 minutes after the usual wrap-up, the LiveVox emulator's default). So the calls with a late
 * disposition are delivered without it and updated in place once it comes, while the others go complete.
 */
export function demoGraceMs(speed: number): number {
  return Math.max(2_000, Math.round((16 * 60_000) / speed));
}

/** What the demo started, closed once each, last started first, even when one close fails. */
class Closers {
  private readonly list: Array<() => Promise<unknown>> = [];

  /** Registers `close`; the returned function runs it at most once (later calls share the first run). */
  add(close: () => Promise<unknown>): () => Promise<unknown> {
    let running: Promise<unknown> | undefined;
    const once = () => {
      running ??= close();
      return running;
    };
    this.list.push(once);
    return once;
  }

  /** Runs every close not run yet, in reverse order of registration. */
  async closeAll(): Promise<void> {
    for (const close of [...this.list].reverse()) await close().catch(() => undefined);
  }
}

/** Reads the live view's figures (rates since the last read). */
function liveFigures(bridge: RunningBridge, generated: () => number, started: number) {
  let last = { at: Date.now(), events: 0, delivered: 0 };
  return async () => {
    const now = Date.now();
    const counts = await bridge.store.counts();
    const p = bridge.pipeline.progress;
    const seconds = Math.max(0.001, (now - last.at) / 1000);
    const i = counts.interactions;
    const oldest =
      (await bridge.store.interactionsInState('mapped', 1, Number.MAX_SAFE_INTEGER))[0] ??
      (await bridge.store.interactionsInState('ready', 1, Number.MAX_SAFE_INTEGER))[0];
    const figures = {
      elapsedSeconds: (now - started) / 1000,
      generated: generated(),
      eventsReceived: p.eventsReceived,
      eventsPerSecond: (p.eventsReceived - last.events) / seconds,
      delivered: i.delivered,
      deliveredPerSecond: (i.delivered - last.delivered) / seconds,
      pending: i.assembling + i.ready + i.mapped + i.sending + i.submitted,
      deadLettered: counts.deadLetters,
      lagSeconds: oldest ? (now - (oldest.readyAt ?? oldest.firstSeenAt)) / 1000 : 0,
    };
    last = { at: now, events: p.eventsReceived, delivered: i.delivered };
    return figures;
  };
}
