import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ChildService, startChildService } from './child-process.js';
import { benchBridgeConfig } from './config.js';

/** One end-to-end drain of a LiveVox backlog into Playvox, every party in a process of its own. */
export interface DrainRound {
  contextData: boolean;
  events: number;
  interactions: number;
  seconds: number;
  eventsPerSecond: number;
  /** CPU time (user + system) of each process over the drain, per backlog event. */
  bridgeCpuUsPerEvent: number;
  /** The kernel's share of the bridge's CPU (system time: syscalls such as socket and file writes, fsync). */
  bridgeSystemCpuUsPerEvent: number;
  livevoxCpuUsPerEvent: number;
  playvoxCpuUsPerEvent: number;
  bridgePeakRssMiB: number;
  livevoxPeakRssMiB: number;
  playvoxPeakRssMiB: number;
  /** The store file after the bridge closed (WAL folded in): page_count × page_size / events. */
  storeBytesPerEvent: number;
  /** What Playvox holds at the end, against the backlog: a round that lost or duplicated counts as failed. */
  missing: number;
  duplicates: number;
}

/** Sizes of a drain: the backlog's calls, SMS and emails. */
export interface DrainSize {
  calls: number;
  sms: number;
  emails: number;
}

/** CPU seconds (user + system) a process has used, from `/proc/<pid>/stat`. */
export function cpuSeconds(pid: number): number {
  return systemAndUserSeconds(pid).reduce((a, b) => a + b);
}

/** System and user CPU seconds a process has used, from `/proc/<pid>/stat`. */
function systemAndUserSeconds(pid: number): [system: number, user: number] {
  // Fields after the command name: state is field 3, utime 14 and stime 15 (1-based).
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return [Number(fields[12]) / 100, Number(fields[11]) / 100];
}

/** Peak resident memory of a process (Linux `VmHWM`), in MiB. */
export function peakRssMiB(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

async function postJson(url: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

interface Truth {
  interactions: { total: number; distinctInteractionIds: number; duplicates: string[] };
}

async function playvoxTruth(url: string): Promise<Truth> {
  const response = await fetch(`${url}/_emulator/truth`);
  if (!response.ok) throw new Error(`GET ${url}/_emulator/truth: ${response.status}`);
  return (await response.json()) as Truth;
}

/**
 * Drains one backlog: the LiveVox and Playvox emulators and the bridge each run in a child process,
 * so each one's CPU and memory are its own. The backlog is generated before the clock starts; the
 * clock stops when Playvox holds every interaction, and Playvox's truth is checked afterwards.
 */
export async function drainRound(
  contextData: boolean,
  size: DrainSize,
  /** The store's `synchronous` (default: the configuration's default, `batch`). */
  synchronous?: 'batch' | 'full' | 'normal',
): Promise<DrainRound> {
  const children: ChildService[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'voxbridge-bench-'));
  try {
    const playvox = await startChildService('./emulator-child.js', [
      'playvox',
      JSON.stringify({ jobs: { delayMs: 0 }, rateLimit: { requestsPerMinute: 0 } }),
    ]);
    children.push(playvox);
    const livevox = await startChildService('./emulator-child.js', [
      'livevox',
      JSON.stringify({ seed: 5, speed: 1, config: { feed: { waitMs: 500 } } }),
    ]);
    children.push(livevox);
    const storePath = join(dir, 'state.db');
    const config = benchBridgeConfig({ livevox: livevox.url, playvox: playvox.url }, storePath, {
      contextData,
      requestsPerMinute: 0,
    });
    if (synchronous) config.store = { ...config.store, synchronous };
    const file = join(dir, 'voxbridge.yaml');
    writeFileSync(file, JSON.stringify(config));
    const bridge = await startChildService('./bridge-child.js', [file]);
    children.push(bridge);
    const generated = (await postJson(`${livevox.url}/_emulator/traffic`, { agents: 60, ...size, seed: 3 }))
      .backlog as { events: number };
    const interactions = size.calls + size.sms + size.emails;
    const pids = [bridge.pid, livevox.pid, playvox.pid];
    const cpuBefore = pids.map(cpuSeconds);
    const bridgeSystemBefore = systemAndUserSeconds(bridge.pid)[0];
    const started = performance.now();
    const deadline = Date.now() + 900_000;
    for (;;) {
      if ((await playvoxTruth(playvox.url)).interactions.total >= interactions) break;
      if (Date.now() > deadline) throw new Error('drain did not finish within 900 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const seconds = (performance.now() - started) / 1000;
    const cpu = pids.map((pid, i) => cpuSeconds(pid) - cpuBefore[i]!);
    const bridgeSystem = systemAndUserSeconds(bridge.pid)[0] - bridgeSystemBefore;
    const rss = pids.map(peakRssMiB);
    // A late duplicate would show after the count is reached: read the truth once more, a moment later.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const truth = (await playvoxTruth(playvox.url)).interactions;
    await bridge.close();
    const events = generated.events;
    const perEvent = (s: number) => (s * 1e6) / events;
    return {
      contextData,
      events,
      interactions,
      seconds,
      eventsPerSecond: events / seconds,
      bridgeCpuUsPerEvent: perEvent(cpu[0]!),
      bridgeSystemCpuUsPerEvent: perEvent(bridgeSystem),
      livevoxCpuUsPerEvent: perEvent(cpu[1]!),
      playvoxCpuUsPerEvent: perEvent(cpu[2]!),
      bridgePeakRssMiB: rss[0]!,
      livevoxPeakRssMiB: rss[1]!,
      playvoxPeakRssMiB: rss[2]!,
      storeBytesPerEvent: statSync(storePath).size / events,
      missing: Math.max(0, interactions - truth.distinctInteractionIds),
      duplicates: truth.total - truth.distinctInteractionIds,
    };
  } finally {
    for (const child of children.reverse()) await child.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Median, minimum and maximum of some rounds' figure. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

/** The median, minimum and maximum of `values`. */
export function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0] ?? Number.NaN, max: sorted[sorted.length - 1] ?? Number.NaN };
}

/** Runs `rounds` drains of each kind, alternating without and with Context Data (A-B-A-B…). */
export async function drainRounds(
  rounds: number,
  size: DrainSize,
  log: (message: string) => void,
): Promise<{ plain: DrainRound[]; enriched: DrainRound[] }> {
  const plain: DrainRound[] = [];
  const enriched: DrainRound[] = [];
  for (let i = 0; i < rounds; i++)
    for (const contextData of [false, true]) {
      const round = await drainRound(contextData, size);
      log(
        `round ${i + 1}/${rounds} ${contextData ? 'with' : 'without'} Context Data: ${Math.round(round.eventsPerSecond)} events/s, bridge ${round.bridgeCpuUsPerEvent.toFixed(1)} µs/event, ${round.missing} missing, ${round.duplicates} duplicates`,
      );
      (contextData ? enriched : plain).push(round);
    }
  return { plain, enriched };
}
