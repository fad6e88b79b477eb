/**
 * Benchmark of the LiveVox feed reader: `lv.realtime.interactionEvents.feed()` drains an Interaction
 * Event backlog (long poll, 1,000 events an answer, gunzip, JSON parsing and timestamp normalisation
 * included) while the reader's memory is sampled. The emulator runs in this process; the reader runs in
 * a child process, so that the RSS reported is the reader's own and not the emulator's backlog.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  LIVEVOX_DEFAULT_CREDENTIALS,
  type LiveVoxEmulator,
  startLiveVoxEmulator,
} from '@voxbridge/emulator-livevox';
import { LiveVox } from '@voxbridge/livevox';
import type { BenchContext, BenchResult, BenchSection } from './types.js';

/** The goal of the feed reader, events per second with JSON parsing. */
const GOAL_EVENTS_PER_SECOND = 50_000;
/** RSS growth between 10 % and 100 % of the drain that still counts as flat. */
const FLAT_GROWTH_BYTES = 64 * 2 ** 20;
/** Longest a child reader may run before the benchmark gives up on it. */
const CHILD_TIMEOUT_MS = 10 * 60_000;

interface Sizes {
  /** Backlog of the throughput runs (events). */
  throughputEvents: number;
  /** Backlog of the memory run (events). */
  memoryEvents: number;
}

const FULL: Sizes = { throughputEvents: 200_000, memoryEvents: 1_000_000 };
const QUICK: Sizes = { throughputEvents: 30_000, memoryEvents: 100_000 };

/** What the child reader reports. */
interface DrainReport {
  events: number;
  batches: number;
  ms: number;
  /** RSS after login, before the first batch. */
  startRss: number;
  /** Highest RSS seen (sampled every 5 ms and after every batch). */
  peakRss: number;
  /** RSS when 10 %, 50 % and 100 % of the backlog had arrived. */
  rssAt: Record<string, number>;
  /** CPU time (user + system) the reader used while draining, in microseconds. */
  cpuUs: number;
}

/**
 * The reader, run with `node --input-type=module -e`. It imports the built `@voxbridge/livevox` by the
 * file URL the parent resolved and prints one JSON line.
 */
const READER_SCRIPT = `
const { LiveVox } = await import(process.env.LIVEVOX_MODULE);
const job = JSON.parse(process.env.LIVEVOX_BENCH_JOB);
const lv = new LiveVox({ baseUrl: job.url, ...job.credentials, rateLimit: false, timeoutMs: 60000 });
await lv.session.login();
const rss = () => process.memoryUsage.rss();
let peakRss = rss();
const startRss = peakRss;
const sampler = setInterval(() => { const now = rss(); if (now > peakRss) peakRss = now; }, 5);
const marks = [0.1, 0.5, 1];
const rssAt = {};
let mark = 0;
let events = 0;
let batches = 0;
const started = performance.now();
const cpuBefore = process.cpuUsage();
for await (const batch of lv.realtime.interactionEvents.feed({ token: job.token, count: 1000 })) {
  events += batch.events.length;
  batches += 1;
  const now = rss();
  if (now > peakRss) peakRss = now;
  while (mark < marks.length && events >= marks[mark] * job.expected) rssAt[String(marks[mark++] * 100) + '%'] = now;
  if (events >= job.expected || batch.events.length === 0) break;
}
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
clearInterval(sampler);
process.stdout.write(JSON.stringify({ events, batches, ms, startRss, peakRss, rssAt, cpuUs: cpu.user + cpu.system }) + '\\n');
`;

/** Splits a backlog of about `events` events into calls (3 events each), SMS and e-mails (1 each). */
function backlogFor(events: number): { calls: number; sms: number; emails: number } {
  const digital = Math.round(events * 0.1);
  return {
    calls: Math.round((events - digital) / 3),
    sms: Math.ceil(digital / 2),
    emails: Math.floor(digital / 2),
  };
}

/** The file URL of the built client, for the child reader. */
function builtClientUrl(): string {
  const url = import.meta.resolve('@voxbridge/livevox');
  if (!existsSync(fileURLToPath(url)))
    throw new Error(`@voxbridge/livevox is not built (${url}): run npm run build first`);
  return url;
}

/** Runs the reader in a child process until it drained `expected` events after `token`. */
function drainInChild(moduleUrl: string, url: string, token: string, expected: number): Promise<DrainReport> {
  const { accessToken, clientName, userName, password } = LIVEVOX_DEFAULT_CREDENTIALS;
  const job = { url, token, expected, credentials: { accessToken, clientName, userName, password } };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', READER_SCRIPT], {
      env: { ...process.env, LIVEVOX_MODULE: moduleUrl, LIVEVOX_BENCH_JOB: JSON.stringify(job) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString('utf8');
    });
    const timer = setTimeout(() => child.kill(), CHILD_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = out.trim().split('\n').pop();
      if (code !== 0 || !line)
        return reject(new Error(`feed reader exited with ${code}: ${err.trim().slice(-2000)}`));
      resolve(JSON.parse(line) as DrainReport);
    });
  });
}

/** A token at the head of the interaction feed (the blank request answers at once). */
async function headToken(emu: LiveVoxEmulator): Promise<string> {
  const lv = new LiveVox({ baseUrl: emu.url, ...LIVEVOX_DEFAULT_CREDENTIALS, rateLimit: false });
  const first = await lv.realtime.interactionEvents.feed().next();
  await lv.session.logout();
  if (!first.value) throw new Error('the interaction feed returned no first batch');
  return first.value.token;
}

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
const rate = (report: DrainReport) => Math.round(report.events / (report.ms / 1000));
/** Events the reader handles per second of its own CPU time: its rate when the server is not the limit. */
const cpuRate = (report: DrainReport) => Math.round(report.events / (report.cpuUs / 1e6));
const thousands = (value: number) => value.toLocaleString('en-US');

/** The LiveVox client section of BENCHMARKS.md. */
export const benchLiveVox: BenchSection = async (ctx: BenchContext): Promise<BenchResult> => {
  const sizes = ctx.quick ? QUICK : FULL;
  const moduleUrl = builtClientUrl();
  const emu = await startLiveVoxEmulator({
    port: 0,
    seed: 1,
    config: { feed: { waitMs: 100 }, rateLimit: { requestsPerMinute: 0 } },
  });
  try {
    // Throughput: the same backlog drained twice, with gzip (as the client asks for it) and without.
    const token = await headToken(emu);
    const throughputBacklog = emu.generateBacklog({ ...backlogFor(sizes.throughputEvents), seed: 1 });
    ctx.log(`livevox: draining ${thousands(throughputBacklog.events)} events (gzip)`);
    const gzip = await drainInChild(moduleUrl, emu.url, token, throughputBacklog.events);
    emu.configure({ gzip: false });
    ctx.log(`livevox: draining ${thousands(throughputBacklog.events)} events (no gzip)`);
    const plain = await drainInChild(moduleUrl, emu.url, token, throughputBacklog.events);
    emu.configure({ gzip: true });

    // Memory: a large backlog drained once while the reader's RSS is sampled.
    const memoryToken = await headToken(emu);
    const generateStarted = performance.now();
    const memoryBacklog = emu.generateBacklog({ ...backlogFor(sizes.memoryEvents), seed: 2 });
    const generateMs = performance.now() - generateStarted;
    const emulatorRss = process.memoryUsage.rss();
    ctx.log(`livevox: draining ${thousands(memoryBacklog.events)} events while sampling the reader's memory`);
    const memory = await drainInChild(moduleUrl, emu.url, memoryToken, memoryBacklog.events);

    const growth = (memory.rssAt['100%'] ?? memory.peakRss) - (memory.rssAt['10%'] ?? memory.startRss);
    const flat = growth <= FLAT_GROWTH_BYTES;
    const meetsGoal = rate(gzip) >= GOAL_EVENTS_PER_SECOND;
    const markdown = [
      'The feed reader is `lv.realtime.interactionEvents.feed({ token, count: 1000 })`: long polls of 1,000 events, each answer',
      'gunzipped, parsed and normalised (timestamps read into `Date`s) before the next request. The emulator runs in the',
      'benchmark process and serves a backlog generated up front; the reader runs in a child process, so its RSS is its own.',
      '',
      '| figure | value | goal |',
      '|---|---|---|',
      `| drain rate, gzip (${thousands(gzip.events)} events, ${gzip.batches} requests) | ${thousands(rate(gzip))} events/s | ≥ ${thousands(GOAL_EVENTS_PER_SECOND)} events/s: ${meetsGoal ? 'met' : 'not met'} |`,
      `| drain rate, no gzip (same backlog) | ${thousands(rate(plain))} events/s | — |`,
      `| reader CPU per event, gzip / no gzip | ${(gzip.cpuUs / gzip.events).toFixed(1)} / ${(plain.cpuUs / plain.events).toFixed(1)} µs (${thousands(cpuRate(gzip))} / ${thousands(cpuRate(plain))} events per CPU-second) | — |`,
      `| memory run: events drained | ${thousands(memory.events)} in ${(memory.ms / 1000).toFixed(1)} s (${thousands(rate(memory))} events/s) | — |`,
      `| reader RSS after login | ${mb(memory.startRss)} MB | — |`,
      `| reader RSS at 10 % / 50 % / 100 % | ${mb(memory.rssAt['10%'] ?? 0)} / ${mb(memory.rssAt['50%'] ?? 0)} / ${mb(memory.rssAt['100%'] ?? 0)} MB | flat |`,
      `| reader peak RSS | ${mb(memory.peakRss)} MB | flat: ${flat ? 'yes' : 'no'} (growth 10 %→100 %: ${mb(growth)} MB) |`,
      `| emulator process RSS holding the backlog (not the reader) | ${mb(emulatorRss)} MB, generated in ${(generateMs / 1000).toFixed(1)} s | — |`,
      '',
      'Memory stays flat because the feed holds one answer at a time: a batch is released once the loop moves on.',
      'The drain rate is bounded by the emulator, which builds, serialises and gzips every answer in the other process on',
      "the same machine; the reader's CPU time per event shows what the reader itself needs (its rate when the server keeps up).",
    ].join('\n');
    return {
      section: 'LiveVox client',
      markdown,
      figures: {
        drainEventsPerSecondGzip: rate(gzip),
        drainEventsPerSecondPlain: rate(plain),
        readerCpuUsPerEventGzip: Number((gzip.cpuUs / gzip.events).toFixed(2)),
        readerEventsPerCpuSecondGzip: cpuRate(gzip),
        readerEventsPerCpuSecondPlain: cpuRate(plain),
        throughputEvents: gzip.events,
        goalEventsPerSecond: GOAL_EVENTS_PER_SECOND,
        goalMet: meetsGoal,
        memoryEvents: memory.events,
        memoryEventsPerSecond: rate(memory),
        readerStartRssMb: mb(memory.startRss),
        readerRss10Mb: mb(memory.rssAt['10%'] ?? 0),
        readerRss50Mb: mb(memory.rssAt['50%'] ?? 0),
        readerRss100Mb: mb(memory.rssAt['100%'] ?? 0),
        readerPeakRssMb: mb(memory.peakRss),
        memoryFlat: flat,
        emulatorRssMb: mb(emulatorRss),
      },
    };
  } finally {
    await emu.close();
  }
};
