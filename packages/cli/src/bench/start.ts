/**
 * The start section of `voxbridge bench` (issue #14: `voxbridge --help` and `voxbridge status` start in
 * at most 150 ms of CPU). Each command runs in a process of its own, the commands in turn round after
 * round (so a machine that slows down slows all of them alike), `node -e 0` among them as the floor.
 * CPU is user + sys as the process itself reads it at exit (a preloaded CommonJS file writes
 * `process.cpuUsage()`), so the figures leave out Node's last milliseconds of teardown. `status` reads a
 * SQLite store of 2,000 events; one warm-up round first (it also writes the start's code cache).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { SqliteStore } from '@voxbridge/bridge/state';
import { spread } from './drain.js';
import type { BenchContext, BenchResult, BenchSection } from './types.js';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../../bin/voxbridge.js', import.meta.url));

/** The goal of issue #14, in ms of CPU. */
const GOAL_MS = 150;

/** What one run of a command cost, as the process read it at exit. */
interface StartRun {
  cpuMs: number;
  maxRssMiB: number;
}

/** The CPU (median, min, max, ms) and peak RSS (median, MiB) of each command over the rounds. */
export type StartFigures = Record<
  string,
  { cpuMs: number; cpuMsMin: number; cpuMsMax: number; rssMiB: number }
>;

/** Writes a store of `events` events and a configuration reading it; returns the configuration file. */
async function statusFixture(dir: string, events: number): Promise<string> {
  const store = new SqliteStore({ path: join(dir, 'state.db') });
  const batch = Array.from({ length: events }, (_, n) => ({
    eventId: `e${n}`,
    payload: { n, text: 'x'.repeat(200) },
  }));
  await store.appendEvents('livevox:interaction-events', batch, 'token-1');
  await store.close();
  const file = join(dir, 'voxbridge.yaml');
  writeFileSync(
    file,
    `livevox: { baseUrl: http://127.0.0.1:9, accessToken: t, clientName: c, userName: u, password: p }
playvox:
  baseUrl: http://127.0.0.1:9
  uid: u
  key: k
  integration: { name: x }
  metadata:
    - { fieldId: when, type: datetime }
store: { path: ${JSON.stringify(join(dir, 'state.db'))} }
`,
  );
  return file;
}

/** Runs `node -r <preload> ...args` once; the preload writes the process's CPU and peak RSS at exit. */
async function measure(args: string[], preload: string, out: string): Promise<StartRun> {
  await run(process.execPath, ['-r', preload, ...args], {
    env: { ...process.env, VOXBRIDGE_BENCH_START_OUT: out },
    maxBuffer: 16 * 1024 * 1024,
  });
  const { user, system, maxRSS } = JSON.parse(readFileSync(out, 'utf8')) as Record<string, number>;
  return { cpuMs: (user! + system!) / 1000, maxRssMiB: maxRSS! / 1024 };
}

/** `rounds` rounds of `node -e 0`, `voxbridge --help`, `voxbridge status` and `status --json`, in turn. */
export async function startRounds(rounds: number, events = 2000): Promise<StartFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'voxbridge-bench-start-'));
  try {
    const config = await statusFixture(dir, events);
    const preload = join(dir, 'cpu-at-exit.cjs');
    writeFileSync(
      preload,
      `process.on('exit', () => require('node:fs').writeFileSync(process.env.VOXBRIDGE_BENCH_START_OUT,
  JSON.stringify({ ...process.cpuUsage(), maxRSS: process.resourceUsage().maxRSS })));\n`,
    );
    const commands: Record<string, string[]> = {
      'node -e 0': ['-e', '0'],
      'voxbridge --help': [CLI, '--help'],
      'voxbridge status': [CLI, 'status', '-c', config],
      'voxbridge status --json': [CLI, 'status', '--json', '-c', config],
    };
    const runs = new Map<string, StartRun[]>(Object.keys(commands).map((name) => [name, []]));
    for (let round = -1; round < rounds; round++)
      for (const [name, args] of Object.entries(commands)) {
        const result = await measure(args, preload, join(dir, 'out.json'));
        if (round >= 0) runs.get(name)!.push(result);
      }
    return Object.fromEntries(
      [...runs].map(([name, list]) => {
        const cpu = spread(list.map((r) => r.cpuMs));
        const rss = spread(list.map((r) => r.maxRssMiB));
        return [name, { cpuMs: cpu.median, cpuMsMin: cpu.min, cpuMsMax: cpu.max, rssMiB: rss.median }];
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The figure names of each command (`statusJsonCpuMs`, …). */
const FIGURE: Record<string, string> = {
  'node -e 0': 'nodeAlone',
  'voxbridge --help': 'help',
  'voxbridge status': 'status',
  'voxbridge status --json': 'statusJson',
};

/** The start section: CPU of each command against the 150 ms goal. */
export const benchStart: BenchSection = async (context: BenchContext): Promise<BenchResult> => {
  const rounds = context.quick ? 3 : 9;
  context.log(`start: ${rounds} rounds of node -e 0, --help, status, status --json`);
  const figures = await startRounds(rounds);
  const rows = Object.entries(figures).map(
    ([name, f]) =>
      `| \`${name}\` | ${f.cpuMs.toFixed(0)} (${f.cpuMsMin.toFixed(0)}–${f.cpuMsMax.toFixed(0)}) | ${f.rssMiB.toFixed(1)} | ${name.startsWith('voxbridge') ? (f.cpuMs <= GOAL_MS ? `≤ ${GOAL_MS} ms: met` : `≤ ${GOAL_MS} ms: NOT met`) : 'floor'} |`,
  );
  return {
    section: 'CLI start',
    markdown: [
      `Median (min–max) of ${rounds} rounds, each command a process of its own, in turn; CPU = user + sys read at exit.`,
      '',
      '| command | CPU ms | peak RSS MiB | goal |',
      '|---|---|---|---|',
      ...rows,
    ].join('\n'),
    figures: Object.fromEntries(
      Object.entries(figures).flatMap(([name, f]) => [
        [`${FIGURE[name]}CpuMs`, f.cpuMs],
        [`${FIGURE[name]}CpuMsMin`, f.cpuMsMin],
        [`${FIGURE[name]}CpuMsMax`, f.cpuMsMax],
        [`${FIGURE[name]}PeakRssMiB`, f.rssMiB],
      ]),
    ),
  };
};
