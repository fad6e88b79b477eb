import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadConfigFile, startQaBridge, startWfmConnector } from '@voxbridge/bridge';
import { attachDashboard } from '@voxbridge/dashboard';
import type { Command } from 'commander';
import { wfmUnmatched } from '../demo/wfm.js';
import { configCommand, portOption } from '../options.js';
import { armShutdownWatchdog, listenForShutdown } from '../signals.js';

/** Extra time the watchdog allows after `shutdown.timeoutMs` for closing the server and the store. */
const CLOSE_GRACE_MS = 10_000;

/** Options of `voxbridge run`. */
export interface RunOptions {
  config: string;
  port?: number;
  printToken: boolean;
}

/** `voxbridge run`: the pipelines, the health/metrics server and the dashboard until SIGINT/SIGTERM. */
export function registerRun(program: Command): void {
  configCommand(
    program,
    'run',
    'run the LiveVox → Playvox QA pipeline (and the WFM connector when configured) until SIGINT/SIGTERM',
  )
    .option(
      '--port <n>',
      'serve /metrics, /healthz, /readyz on this port (overrides server.port)',
      portOption,
    )
    .option(
      '--print-token',
      'print the dashboard URL with its token on stdout (it is always in the token file)',
      false,
    )
    .action((options: RunOptions) => runBridge(options));
}

/**
 * Runs until the first SIGINT/SIGTERM, then finishes the work in flight within `shutdown.timeoutMs`,
 * closes everything and exits 0. A second signal exits at once (see signals.ts). A failure at start
 * (a taken port, an unreachable service) closes what was started and rejects.
 */
export async function runBridge(options: RunOptions): Promise<void> {
  // Listening from the very start: a SIGTERM while the store or Playvox is still being reached is kept.
  const shutdown = listenForShutdown();
  const config = loadConfigFile(options.config);
  if (options.port !== undefined) config.server.port = options.port;
  const bridge = await startQaBridge(config, { signal: shutdown.signal });
  const { logger } = bridge;
  let stopConnector: (() => Promise<void>) | undefined;
  let closeDashboard: (() => Promise<void>) | undefined;
  try {
    const connector = config.wfm
      ? await startWfmConnector(config, {
          store: bridge.store,
          logger,
          metrics: bridge.metrics,
          addRoute: bridge.addRoute,
        })
      : undefined;
    stopConnector = connector ? () => connector.stop() : undefined;
    const { dashboard, url } = attachDashboard(bridge, {
      wfmUnmatched: () => wfmUnmatched(connector),
      wfm: () => connector?.stats(),
    });
    closeDashboard = () => dashboard.close();
    if (url) {
      const file = writeTokenFile(config.store.path, url);
      // The token never reaches the log: the log gets the URL without it and the file's path.
      logger.info(
        { dashboard: url.replace(/token=[^&]+/, 'token=[REDACTED]'), tokenFile: file },
        'dashboard served; its URL with the token is in the token file',
      );
      process.stdout.write(
        options.printToken ? `dashboard: ${url}\n` : `dashboard URL with token: ${file}\n`,
      );
    }
  } catch (error) {
    await closeDashboard?.().catch(() => undefined);
    await stopConnector?.().catch(() => undefined);
    await bridge.stop().catch(() => undefined);
    throw error;
  }
  const signal = await shutdown.requested;
  const timeoutMs = config.shutdown.timeoutMs;
  logger.info(
    { signal, timeoutMs },
    'stopping: finishing the work in flight (a second signal exits at once)',
  );
  armShutdownWatchdog(timeoutMs + CLOSE_GRACE_MS);
  const [, outcome] = await Promise.all([
    within(stopConnector?.(), timeoutMs),
    bridge.pipeline.stop({ timeoutMs }),
  ]);
  await closeDashboard?.().catch(() => undefined);
  await bridge.stop();
  logger.info(
    { settled: outcome.settled, unsettledBatches: outcome.unsettledBatches },
    outcome.settled
      ? 'stopped: all work in flight settled'
      : 'stopped at the deadline: unsettled batches are reconciled at the next start',
  );
  // Requests still pending after the deadline (a Playvox that does not answer) must not keep us alive.
  process.exit(0);
}

/** Waits for `work`, or at most `ms`. */
async function within(work: Promise<unknown> | undefined, ms: number): Promise<void> {
  if (!work) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    work.catch(() => undefined),
    new Promise((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}

/**
 * Writes the dashboard URL (it carries the token) to `dashboard-url` beside the store, readable by
 * this user only (mode 0600), and returns the file's absolute path.
 */
export function writeTokenFile(storePath: string, url: string): string {
  const dir = storePath === ':memory:' ? process.cwd() : dirname(resolve(storePath));
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'dashboard-url');
  writeFileSync(file, `${url}\n`, { mode: 0o600 });
  chmodSync(file, 0o600); // an older file keeps its mode on rewrite
  return file;
}
