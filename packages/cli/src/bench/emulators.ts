/**
 * Micro-benchmark of the LiveVox emulator's own CPU per request: the emulator runs alone in a child
 * process (`emulator-child.js`) and this process drives it with the LiveVox client over keep-alive
 * connections, reading the child's CPU time from `/proc` around each phase:
 *
 * - feed: the Interaction Event feed drained from a blank token (1,000 events an answer, gzip), per event;
 * - context: Context Data reads of the backlog's voice calls (as the bridge's enricher does), per read;
 * - health: `GET /_emulator/health`, per request.
 *
 * `node dist/bench/emulators.js [rounds] [other-root]`: with another checkout's root (its packages built),
 * every round runs that build's emulator too, alternating, so that a before/after ratio comes from one run
 * on the same (shared) machine. Prints one line per run and a JSON summary (median, min, max).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { LIVEVOX_DEFAULT_CREDENTIALS } from '@voxbridge/emulator-livevox';
import { LiveVox } from '@voxbridge/livevox';
import { cpuSeconds } from './drain.js';
import type { BenchSection, FigureValue } from './types.js';

/** Sizes of one run: the backlog (as the drain benchmark's) and how many reads of each kind. */
export interface EmulatorBenchSize {
  calls: number;
  sms: number;
  emails: number;
  contextReads: number;
  healthRequests: number;
  /** Requests in flight at once for the Context Data and health phases. */
  concurrency: number;
}

/** The default sizes: the drain's backlog, 12,000 Context Data reads and 20,000 health requests. */
export const EMULATOR_BENCH_SIZE: EmulatorBenchSize = {
  calls: 6000,
  sms: 2000,
  emails: 2000,
  contextReads: 12_000,
  healthRequests: 20_000,
  concurrency: 4,
};

/** CPU of the emulator process in one run. */
export interface EmulatorRun {
  /** Which build: `this` or the other root. */
  build: string;
  feedEvents: number;
  feedCpuUsPerEvent: number;
  contextCpuUsPerRead: number;
  healthCpuUsPerRequest: number;
}

/** Starts `<root>/packages/cli/dist/bench/emulator-child.js livevox` and waits for its URL. */
async function startLiveVoxChild(root: string | undefined) {
  const entry = root
    ? `${root}/packages/cli/dist/bench/emulator-child.js`
    : fileURLToPath(new URL('./emulator-child.js', import.meta.url));
  const extra = (process.env.VOXBRIDGE_BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const options = { seed: 5, speed: 1, config: { feed: { waitMs: 500 } } };
  const child = spawn(process.execPath, [...extra, entry, 'livevox', JSON.stringify(options)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (chunk) => resolve(JSON.parse(String(chunk)).url));
    child.once('exit', (code) => reject(new Error(`emulator-child exited with ${code}`)));
  });
  const close = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { url, pid: child.pid as number, close };
}

/** Runs `total` calls of `task`, `concurrency` at a time. */
async function inParallel(total: number, concurrency: number, task: (i: number) => Promise<unknown>) {
  let next = 0;
  const worker = async () => {
    while (next < total) await task(next++);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** One run against one build: generate the backlog, then the three measured phases. */
export async function emulatorRun(
  root: string | undefined,
  size: EmulatorBenchSize = EMULATOR_BENCH_SIZE,
): Promise<EmulatorRun> {
  const emulator = await startLiveVoxChild(root);
  try {
    const lv = new LiveVox({
      baseUrl: emulator.url,
      ...LIVEVOX_DEFAULT_CREDENTIALS,
      rateLimit: false,
      timeoutMs: 60_000,
    });
    await lv.session.login();
    // The blank request answers at once with a token at the head of the feed, before the backlog.
    const first = await lv.realtime.interactionEvents.feed().next();
    if (!first.value) throw new Error('the interaction feed returned no first batch');
    const token = first.value.token;
    const post = await fetch(`${emulator.url}/_emulator/traffic`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ agents: 60, calls: size.calls, sms: size.sms, emails: size.emails, seed: 3 }),
    });
    const expected = ((await post.json()) as { backlog: { events: number } }).backlog.events;
    const truth = (await (await fetch(`${emulator.url}/_emulator/truth?type=VOICE`)).json()) as {
      interactions: Array<{ sessionId: string; transactionId: number; account: string }>;
    };
    const cpu = () => cpuSeconds(emulator.pid);

    let before = cpu();
    let events = 0;
    for await (const batch of lv.realtime.interactionEvents.feed({ token, count: 1000 })) {
      events += batch.events.length;
      if (events >= expected) break;
    }
    const feedCpu = cpu() - before;

    const calls = truth.interactions;
    before = cpu();
    await inParallel(size.contextReads, size.concurrency, (i) => {
      const call = calls[i % calls.length]!;
      return lv.context.call.get({
        session: call.sessionId,
        transactionId: call.transactionId,
        account: call.account,
      });
    });
    const contextCpu = cpu() - before;

    before = cpu();
    await inParallel(size.healthRequests, size.concurrency, async () => {
      const response = await fetch(`${emulator.url}/_emulator/health`);
      await response.arrayBuffer();
    });
    const healthCpu = cpu() - before;
    return {
      build: root ?? 'this',
      feedEvents: events,
      feedCpuUsPerEvent: (feedCpu * 1e6) / events,
      contextCpuUsPerRead: (contextCpu * 1e6) / size.contextReads,
      healthCpuUsPerRequest: (healthCpu * 1e6) / size.healthRequests,
    };
  } finally {
    await emulator.close();
  }
}

/** Median, min and max of each figure per build over `rounds` alternating rounds. */
export async function emulatorRounds(
  rounds: number,
  otherRoot: string | undefined,
  log: (line: string) => void = () => {},
  size: EmulatorBenchSize = EMULATOR_BENCH_SIZE,
): Promise<Record<string, Record<string, { median: number; min: number; max: number }>>> {
  const runs: EmulatorRun[] = [];
  const builds = otherRoot ? [undefined, otherRoot] : [undefined];
  for (let i = 0; i < rounds; i++) {
    // Alternate which build goes first, so that neither always meets a warmer (or busier) machine.
    for (const root of i % 2 === 0 ? builds : [...builds].reverse()) {
      const run = await emulatorRun(root, size);
      runs.push(run);
      log(
        `round ${i + 1}/${rounds} ${run.build}: feed ${run.feedCpuUsPerEvent.toFixed(1)} µs/event, context ${run.contextCpuUsPerRead.toFixed(1)} µs/read, health ${run.healthCpuUsPerRequest.toFixed(1)} µs/request`,
      );
    }
  }
  const summary: Record<string, Record<string, { median: number; min: number; max: number }>> = {};
  for (const build of new Set(runs.map((run) => run.build))) {
    const mine = runs.filter((run) => run.build === build);
    summary[build] = {};
    for (const key of ['feedCpuUsPerEvent', 'contextCpuUsPerRead', 'healthCpuUsPerRequest'] as const) {
      const values = mine.map((run) => run[key]).sort((a, b) => a - b);
      summary[build][key] = {
        median: values[Math.floor(values.length / 2)]!,
        min: values[0]!,
        max: values[values.length - 1]!,
      };
    }
  }
  return summary;
}

/** The issue's goals for the LiveVox emulator: CPU per feed event and per Context Data read. */
const GOALS = { feedCpuUsPerEvent: 8, contextCpuUsPerRead: 50 };

/**
 * The section `voxbridge bench` can run (wire it in `sections.ts` as `emulators: withUnits(benchEmulators)`):
 * this build's emulator alone, median of 5 runs (1 with `--quick`), with min and max.
 */
export const benchEmulators: BenchSection = async (context) => {
  const rounds = context.quick ? 1 : 5;
  const summary = (await emulatorRounds(rounds, undefined, context.log)).this ?? {};
  const names = {
    feedCpuUsPerEvent: 'livevoxEmulatorFeedCpuUsPerEvent',
    contextCpuUsPerRead: 'livevoxEmulatorContextDataCpuUsPerRequest',
    healthCpuUsPerRequest: 'livevoxEmulatorHealthCpuUsPerRequest',
  } as const;
  const figures: Record<string, FigureValue> = {};
  const rows: string[] = [];
  for (const [key, name] of Object.entries(names)) {
    const figure = summary[key];
    if (!figure) continue;
    figures[name] = figure.median;
    figures[`${name}Min`] = figure.min;
    figures[`${name}Max`] = figure.max;
    const goal = GOALS[key as keyof typeof GOALS];
    rows.push(
      `| ${name} | ${figure.median.toFixed(1)} (${figure.min.toFixed(1)}–${figure.max.toFixed(1)}) | ${goal === undefined ? '' : `≤ ${goal}`} |`,
    );
  }
  const markdown = [
    `The LiveVox emulator alone in a child process, its CPU time (from /proc) per feed event (a backlog of ${EMULATOR_BENCH_SIZE.calls + EMULATOR_BENCH_SIZE.sms + EMULATOR_BENCH_SIZE.emails} interactions drained 1,000 events an answer, gzip), per Context Data read and per \`/_emulator/health\`, keep-alive, ${EMULATOR_BENCH_SIZE.concurrency} requests in flight; median of ${rounds} run(s) (min–max).`,
    '',
    '| figure | µs | goal |',
    '| --- | --- | --- |',
    ...rows,
  ].join('\n');
  return { section: 'LiveVox emulator', markdown, figures };
};

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rounds = Number(process.argv[2] ?? 5);
  const summary = await emulatorRounds(rounds, process.argv[3], (line) => console.error(line));
  console.log(JSON.stringify(summary, null, 2));
}
