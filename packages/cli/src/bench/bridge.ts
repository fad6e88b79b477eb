import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LiveVoxEmulator, startLiveVoxEmulator } from '@voxbridge/emulator-livevox';
import { type PlayvoxEmulator, startPlayvoxEmulator } from '@voxbridge/emulator-playvox';
import { demoConfig } from '../demo/config.js';
import { type ChildService, startChildService } from './child-process.js';
import type { BenchContext, BenchResult, BenchSection } from './types.js';

interface Run {
  livevox: LiveVoxEmulator;
  playvox: PlayvoxEmulator;
  bridge: ChildService;
  dir: string;
}

/** Starts both emulators in this process and the bridge in a child, positioned on the feed. */
async function startRun(options: {
  requestsPerMinute?: number;
  transport?: 'longpoll' | 'sse';
  speed?: number;
  contextData?: boolean;
}): Promise<Run> {
  const playvox = await startPlayvoxEmulator({
    port: 0,
    config: {
      jobs: { delayMs: 0 },
      rateLimit: { requestsPerMinute: options.requestsPerMinute ?? 0 },
    } as never,
  });
  const livevox = await startLiveVoxEmulator({
    port: 0,
    seed: 5,
    speed: options.speed ?? 1,
    config: { feed: { waitMs: 500 } } as never,
  });
  const dir = mkdtempSync(join(tmpdir(), 'voxbridge-bench-'));
  const config = demoConfig(
    { livevox: livevox.url, playvox: playvox.url },
    join(dir, 'state.db'),
    options.transport ?? 'longpoll',
  );
  const file = join(dir, 'voxbridge.yaml');
  writeFileSync(
    file,
    JSON.stringify({
      ...config,
      livevox: {
        ...config.livevox,
        enrich: { ...config.livevox.enrich, contextData: options.contextData ?? true },
      },
      playvox: { ...config.playvox, requestsPerMinute: options.requestsPerMinute ?? 0 },
      delivery: { ...config.delivery, concurrency: 8 },
      // The bench measures delivery: no recording waits, no Playvox user lookups (the demo has both).
      recordings: { ...config.recordings, mode: 'off' },
      mapping: { ...config.mapping, assignee: { ...config.mapping.assignee, mode: 'login' } },
    }),
  );
  const bridge = await startChildService('./bridge-child.js', [file]);
  return { livevox, playvox, bridge, dir };
}

async function stopRun(run: Run): Promise<void> {
  await run.bridge.close();
  await Promise.all([run.livevox.close(), run.playvox.close()]);
  rmSync(run.dir, { recursive: true, force: true });
}

/** Peak resident memory of a process (Linux `VmHWM`), in MiB. */
function peakRssMiB(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

function delivered(run: Run): number {
  return run.playvox.store.truth().interactions.total;
}

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`benchmark step did not finish within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** (a) Drain a backlog end to end into the unthrottled Playvox emulator. */
async function throughput(ctx: BenchContext, contextData: boolean) {
  const run = await startRun({ contextData });
  const calls = ctx.quick ? 3000 : 24_000;
  const others = ctx.quick ? 1000 : 8000;
  const backlog = run.livevox.generateBacklog({ agents: 60, calls, sms: others, emails: others, seed: 3 });
  const total = calls + 2 * others;
  const started = performance.now();
  await until(() => delivered(run) >= total, 600_000);
  const seconds = (performance.now() - started) / 1000;
  const rss = peakRssMiB(run.bridge.pid);
  await stopRun(run);
  return {
    events: backlog.events,
    interactions: total,
    seconds,
    eventsPerSecond: backlog.events / seconds,
    interactionsPerSecond: total / seconds,
    peakRssMiB: rss,
  };
}

/** (b) With Playvox limited to R requests/min: how much of the budget the bridge uses, and how many 429s it meets. */
async function budget(ctx: BenchContext) {
  const requestsPerMinute = 120;
  const run = await startRun({ requestsPerMinute, contextData: false });
  run.livevox.generateBacklog({ agents: 60, calls: 20_000, sms: 5000, emails: 5000, seed: 4 });
  const windowSeconds = ctx.quick ? 30 : 120;
  // Measure whole limiter windows after a warm-up, from the emulator's own request counts.
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  const statsBefore = run.playvox.stats();
  const deliveredBefore = delivered(run);
  await new Promise((resolve) => setTimeout(resolve, windowSeconds * 1000));
  const statsAfter = run.playvox.stats();
  const deliveredAfter = delivered(run);
  await stopRun(run);
  const ok = (stats: ReturnType<PlayvoxEmulator['stats']>) => stats.total - (stats.byStatus['429'] ?? 0);
  const accepted = ok(statsAfter) - ok(statsBefore);
  const limited = (statsAfter.byStatus['429'] ?? 0) - (statsBefore.byStatus['429'] ?? 0);
  const minutes = windowSeconds / 60;
  return {
    requestsPerMinute,
    windowSeconds,
    budgetUsedPercent: (100 * accepted) / (requestsPerMinute * minutes),
    responses429: limited,
    interactionsPerMinute: (deliveredAfter - deliveredBefore) / minutes,
  };
}

/** (c) End-to-end latency with the SSE feed under live traffic of about 500 events/s. */
async function latency(ctx: BenchContext) {
  const run = await startRun({ transport: 'sse', speed: 60 });
  run.livevox.startTraffic({ agents: 400, callsPerMinute: 150, smsPerMinute: 45, emailsPerMinute: 35 });
  const seconds = ctx.quick ? 15 : 45;
  const eventsBefore = run.livevox.truth({ summary: true }).events;
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const eventsPerSecond = (run.livevox.truth({ summary: true }).events - eventsBefore) / seconds;
  await run.livevox.stopTraffic({ drain: true });
  const total = run.livevox.truth({ summary: true }).total;
  await until(() => delivered(run) >= total, 120_000);
  const metrics = await (await fetch(`${run.bridge.url}/metrics`)).text();
  await stopRun(run);
  return { eventsPerSecond, ...quantiles(metrics, 'voxbridge_end_to_end_latency_seconds') };
}

/** p50/p99 upper bounds from a Prometheus histogram's cumulative buckets. */
export function quantiles(
  text: string,
  name: string,
): { p50Seconds: number; p99Seconds: number; observed: number } {
  // Whatever other labels the series carries (connection, pipeline), `le` names the bucket.
  const buckets = [
    ...text.matchAll(new RegExp(`^${name}_bucket\\{[^}]*le="([^"]+)"[^}]*\\} (\\d+)`, 'gm')),
  ].map((m) => ({ le: m[1] === '+Inf' ? Infinity : Number(m[1]), count: Number(m[2]) }));
  const total = buckets[buckets.length - 1]?.count ?? 0;
  const at = (q: number) => buckets.find((b) => b.count >= q * total)?.le ?? Number.NaN;
  return { p50Seconds: at(0.5), p99Seconds: at(0.99), observed: total };
}

/** The bridge section of `voxbridge bench`. */
export const benchBridge: BenchSection = async (ctx): Promise<BenchResult> => {
  ctx.log('backlog drain with context enrichment…');
  const enriched = await throughput(ctx, true);
  ctx.log('backlog drain without context enrichment…');
  const plain = await throughput(ctx, false);
  ctx.log('rate-limited Playvox budget…');
  const limited = await budget(ctx);
  ctx.log('SSE latency under live traffic…');
  const lat = await latency(ctx);
  const f = (n: number, digits = 0) =>
    n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  const markdown = `
The bridge runs in a child process (its own memory figure); both emulators run in the benchmark process on loopback.

| measure | result | goal |
|---|---|---|
| backlog drained end to end, with Context Data lookups (${f(enriched.interactions)} interactions, ${f(enriched.events)} events) | **${f(enriched.eventsPerSecond)} events/s** (${f(enriched.seconds, 1)} s), bridge peak RSS ${f(enriched.peakRssMiB)} MiB | ≥ 10,000 events/s |
| same backlog without Context Data lookups | **${f(plain.eventsPerSecond)} events/s** (${f(plain.seconds, 1)} s), bridge peak RSS ${f(plain.peakRssMiB)} MiB | |
| Playvox limited to ${limited.requestsPerMinute} requests/min, measured over ${limited.windowSeconds} s | **${f(limited.budgetUsedPercent, 1)} %** of the budget used, ${limited.responses429} × 429, ${f(limited.interactionsPerMinute)} interactions/min (${f(limited.interactionsPerMinute / limited.requestsPerMinute, 1)} × R) | ≥ 95 %, a handful of 429s |
| live traffic over SSE at ${f(lat.eventsPerSecond)} events/s: latency from the event that completes an interaction to its delivery (${f(lat.observed)} interactions) | p50 ≤ ${lat.p50Seconds} s, **p99 ≤ ${lat.p99Seconds} s** | p99 at 500 events/s |

Each delivered batch costs one bulk request and (usually) one job read, because the bridge confirms every
item before it counts it delivered; so under a request budget R the ceiling is about 50 × R interactions/min,
not 100 × R. Latency figures are histogram bucket bounds.
`;
  return {
    section: 'Bridge: LiveVox → Playvox QA',
    markdown,
    figures: {
      enrichedEventsPerSecond: enriched.eventsPerSecond,
      enrichedPeakRssMiB: enriched.peakRssMiB,
      plainEventsPerSecond: plain.eventsPerSecond,
      plainPeakRssMiB: plain.peakRssMiB,
      budgetUsedPercent: limited.budgetUsedPercent,
      responses429: limited.responses429,
      limitedInteractionsPerMinute: limited.interactionsPerMinute,
      sseEventsPerSecond: lat.eventsPerSecond,
      p50Seconds: lat.p50Seconds,
      p99Seconds: lat.p99Seconds,
    },
  };
};
