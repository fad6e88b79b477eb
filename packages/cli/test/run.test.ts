import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { playvoxClient } from '@voxbridge/bridge';
import { type LiveVoxEmulator, startLiveVoxEmulator } from '@voxbridge/emulator-livevox';
import { type PlayvoxEmulator, startPlayvoxEmulator } from '@voxbridge/emulator-playvox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoConfig } from '../src/demo/config.js';
import { summarizeQa } from '../src/demo/summary.js';
import {
  BUILT,
  type HangingProxy,
  hangingProxy,
  startChild,
  startChildForTest,
  waitUntilReady,
} from './helpers.js';

// `voxbridge run` as a real child process against the emulators, with Playvox behind a proxy that can
// stop answering (a Playvox outage that accepts connections and never replies: the worst case for a stop).
describe.skipIf(!BUILT)('voxbridge run: start failures, signals and the shutdown deadline', () => {
  let livevox: LiveVoxEmulator;
  let playvox: PlayvoxEmulator;
  let proxy: HangingProxy;
  let dir: string;

  beforeAll(async () => {
    playvox = await startPlayvoxEmulator({ port: 0, seed: 7, config: { jobs: { delayMs: 20 } } as never });
    livevox = await startLiveVoxEmulator({
      port: 0,
      seed: 7,
      speed: 120,
      config: { feed: { waitMs: 200 } } as never,
    });
    proxy = await hangingProxy(playvox.url);
    dir = mkdtempSync(join(tmpdir(), 'voxbridge-run-'));
  });
  afterAll(async () => {
    await livevox?.stopTraffic({ drain: false });
    await Promise.all([proxy?.close(), livevox?.close(), playvox?.close()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A configuration file for `run`: the demo's mapping, Playvox through the proxy, a store in `dir`. */
  function configFile(name: string, timeoutMs: number, port = 0): string {
    const config = demoConfig(
      { livevox: livevox.url, playvox: proxy.url },
      join(dir, 'state.db'),
      'longpoll',
    );
    const file = join(dir, `${name}.yaml`);
    // JSON is YAML: the parsed demo configuration written back, with this test's settings.
    writeFileSync(
      file,
      JSON.stringify({
        ...config,
        // Every interaction must reach Playvox here: no assignee lookup (it dead-letters agents without a
        // Playvox user) and no recordings (their uploads would wait behind the stopped proxy too).
        mapping: {
          ...config.mapping,
          assignee: {
            mode: 'template',
            template: '{agentLoginId}@demo.livevox.test',
            fallback: 'qa@demo.livevox.test',
          },
        },
        recordings: { mode: 'off' },
        server: { host: '127.0.0.1', port },
        shutdown: { timeoutMs },
        log: { level: 'info' },
      }),
    );
    return file;
  }

  it('exits non-zero when its port is taken, after closing its pipeline', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    const child = startChild(['run', '-c', configFile('taken', 5000), '--port', String(port)]);
    const { code } = await child.exited;
    taken.close();
    expect(code).not.toBe(0);
    expect(child.stderr()).toContain('EADDRINUSE');
  });

  it('keeps the dashboard token out of stdout and the log: it goes to a 0600 file whose path is printed', async () => {
    const child = startChildForTest(['run', '-c', configFile('token', 5000)]);
    await child.waitForLog('voxbridge QA pipeline running');
    const served = await child.waitForLog('dashboard served');
    const file = served.tokenFile as string;
    expect(child.stdout()).toContain(`dashboard URL with token: ${file}`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const token = /token=([^&\s]+)/.exec(readFileSync(file, 'utf8'))![1]!;
    expect(token.length).toBeGreaterThan(10);
    child.process.kill('SIGTERM');
    const { code } = await child.exited;
    expect(code).toBe(0);
    expect(child.stdout()).not.toContain(token);
    expect(child.stderr()).not.toContain(token);
    expect(child.stdout()).toContain('stopped: all work in flight settled');
  });

  it('a second signal exits at once with 143, even while Playvox holds a batch', async () => {
    const child = startChildForTest(['run', '-c', configFile('second', 60_000)]);
    await waitUntilReady(child);
    proxy.hang = true;
    const heldBefore = proxy.held;
    livevox.startTraffic({ agents: 5, callsPerMinute: 0, smsPerMinute: 600, emailsPerMinute: 600 });
    await until(() => proxy.held > heldBefore, 30_000);
    child.process.kill('SIGTERM');
    await child.waitForLog('stopping');
    const second = Date.now();
    child.process.kill('SIGTERM');
    const { code, at } = await child.exited;
    await livevox.stopTraffic({ drain: false });
    expect(code).toBe(143);
    expect(at - second).toBeLessThan(3000);
    expect(child.stderr()).toContain('second SIGTERM: exiting now (exit code 143)');
  });

  it('stops within shutdown.timeoutMs while Playvox does not answer, exits 0, and the next start delivers the rest exactly once', async () => {
    const timeoutMs = 2000;
    proxy.hang = true;
    const child = startChildForTest(['run', '-c', configFile('deadline', timeoutMs)]);
    // Playvox answers the start (the integration is applied), then stops answering.
    proxy.hang = false;
    const running = await child.waitForLog('voxbridge QA pipeline running');
    await waitUntilReady(child);
    proxy.hang = true;
    const heldBefore = proxy.held;
    livevox.startTraffic({ agents: 5, callsPerMinute: 0, smsPerMinute: 600, emailsPerMinute: 600 });
    await until(() => proxy.held > heldBefore, 30_000);
    await livevox.stopTraffic({ drain: true });
    const signalled = Date.now();
    child.process.kill('SIGTERM');
    const { code, at } = await child.exited;
    expect(code).toBe(0);
    expect(at - signalled).toBeLessThan(timeoutMs + 3000);
    expect(child.stdout()).toContain('shutdown deadline reached');

    // Playvox is back: the next start reconciles the unsettled batch and delivers everything once.
    proxy.hang = false;
    const again = startChildForTest(['run', '-c', configFile('deadline-again', 10_000)]);
    await again.waitForLog('voxbridge QA pipeline running');
    const config = demoConfig({ livevox: livevox.url, playvox: playvox.url }, ':memory:', 'longpoll');
    const client = playvoxClient(config.playvox);
    let summary = await summarizeQa(livevox.truth(), client, String(running.integrationId), 0);
    await until(async () => {
      summary = await summarizeQa(livevox.truth(), client, String(running.integrationId), 0);
      return summary.missing === 0;
    }, 60_000).catch((error) => {
      throw new Error(
        `${(error as Error).message}: ${JSON.stringify(summary)}\n${again
          .stdout()
          .split('\n')
          .filter((l) => l.includes('"level":40') || l.includes('"level":50'))
          .slice(-5)
          .join('\n')}`,
      );
    });
    again.process.kill('SIGINT');
    expect((await again.exited).code).toBe(0);
    expect(summary.delivered).toBeGreaterThan(0);
    expect(summary).toMatchObject({ missing: 0, duplicates: 0 });
  }, 120_000);
});

/** Polls `check` until it holds (or fails after `timeoutMs`). */
async function until(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
