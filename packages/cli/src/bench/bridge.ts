import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LiveVoxEmulator, startLiveVoxEmulator } from '@voxbridge/emulator-livevox';
import { type PlayvoxEmulator, startPlayvoxEmulator } from '@voxbridge/emulator-playvox';
import { type ChildService, startChildService } from './child-process.js';
import { benchBridgeConfig } from './config.js';
import { type DrainRound, drainRounds, type Spread, spread } from './drain.js';
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
  const file = join(dir, 'voxbridge.yaml');
  const config = benchBridgeConfig({ livevox: livevox.url, playvox: playvox.url }, join(dir, 'state.db'), {
    ...options,
    requestsPerMinute: options.requestsPerMinute ?? 0,
  });
  writeFileSync(file, JSON.stringify(config));
  const bridge = await startChildService('./bridge-child.js', [file]);
  return { livevox, playvox, bridge, dir };
}

async function stopRun(run: Run): Promise<void> {
  await run.bridge.close();
  await Promise.all([run.livevox.close(), run.playvox.close()]);
  rmSync(run.dir, { recursive: true, force: true });
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

/** Sizes of the drain: the 200,000-event backlog in full runs (5 alternating rounds each). */
const FULL = { rounds: 5, size: { calls: 54_000, sms: 18_000, emails: 18_000 } };
const QUICK = { rounds: 1, size: { calls: 3000, sms: 1000, emails: 1000 } };

/** The figures of some drain rounds, with units in their names (see the CLI README's bench section). */
function drainFigures(prefix: string, rounds: DrainRound[]): Record<string, number> {
  const out: Record<string, number> = {};
  const add = (name: string, pick: (r: DrainRound) => number) => {
    const s = spread(rounds.map(pick));
    out[`${prefix}${name}`] = s.median;
    out[`${prefix}${name}Min`] = s.min;
    out[`${prefix}${name}Max`] = s.max;
  };
  add('EventsPerSecond', (r) => r.eventsPerSecond);
  add('BridgeCpuUsPerEvent', (r) => r.bridgeCpuUsPerEvent);
  add('LivevoxCpuUsPerEvent', (r) => r.livevoxCpuUsPerEvent);
  add('PlayvoxCpuUsPerEvent', (r) => r.playvoxCpuUsPerEvent);
  add('BridgePeakRssMiB', (r) => r.bridgePeakRssMiB);
  add('StoreBytesPerEvent', (r) => r.storeBytesPerEvent);
  out[`${prefix}Rounds`] = rounds.length;
  out[`${prefix}FailedRounds`] = rounds.filter((r) => r.missing > 0 || r.duplicates > 0).length;
  out[`${prefix}Events`] = rounds[0]?.events ?? 0;
  return out;
}

/** The bridge section of `voxbridge bench`. */
export const benchBridge: BenchSection = async (ctx): Promise<BenchResult> => {
  const sizes = ctx.quick ? QUICK : FULL;
  ctx.log(`backlog drains, ${sizes.rounds} alternating rounds without and with Context Data…`);
  const drains = await drainRounds(sizes.rounds, sizes.size, ctx.log);
  ctx.log('rate-limited Playvox budget…');
  const limited = await budget(ctx);
  ctx.log('SSE latency under live traffic…');
  const lat = await latency(ctx);
  const f = (n: number, digits = 0) =>
    n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  const range = (s: Spread, digits = 0) =>
    `**${f(s.median, digits)}** (${f(s.min, digits)}–${f(s.max, digits)})`;
  const row = (label: string, pick: (r: DrainRound) => number, digits = 0) =>
    `| ${label} | ${range(spread(drains.plain.map(pick)), digits)} | ${range(spread(drains.enriched.map(pick)), digits)} |`;
  const failed = (rounds: DrainRound[]) => rounds.filter((r) => r.missing > 0 || r.duplicates > 0).length;
  const events = drains.plain[0]?.events ?? 0;
  const markdown = `
Drain: a LiveVox backlog of ${f(events)} events (${f(sizes.size.calls + sizes.size.sms + sizes.size.emails)} interactions) delivered
into Playvox; the bridge and both emulators each run in a process of their own on loopback. Median of
${sizes.rounds} rounds of each kind, alternating, with (min–max). A round counts as failed when Playvox's truth
shows a missing or a duplicated interaction: failed rounds ${failed(drains.plain)} without, ${failed(drains.enriched)} with Context Data.

| measure | without Context Data | with Context Data (one read per call) |
|---|---|---|
${row('end-to-end drain, events/s', (r) => r.eventsPerSecond)}
${row('bridge CPU per event, µs', (r) => r.bridgeCpuUsPerEvent, 1)}
${row('LiveVox emulator CPU per event, µs', (r) => r.livevoxCpuUsPerEvent, 1)}
${row('Playvox emulator CPU per event, µs', (r) => r.playvoxCpuUsPerEvent, 1)}
${row('bridge peak RSS, MiB', (r) => r.bridgePeakRssMiB)}
${row('store bytes per stored event (file after close / events)', (r) => r.storeBytesPerEvent)}

The budget and latency rows below run both emulators in the benchmark process.

| measure | result | goal |
|---|---|---|
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
      ...drainFigures('plain', drains.plain),
      ...drainFigures('enriched', drains.enriched),
      limitedBudgetUsedPercent: limited.budgetUsedPercent,
      limitedResponses429Count: limited.responses429,
      limitedInteractionsPerMinute: limited.interactionsPerMinute,
      sseEventsPerSecond: lat.eventsPerSecond,
      sseP50Seconds: lat.p50Seconds,
      sseP99Seconds: lat.p99Seconds,
    },
  };
};
