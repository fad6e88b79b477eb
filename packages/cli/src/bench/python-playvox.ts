/**
 * Bulk creation through our client against python-playvox itself, side by side, both against the
 * Playvox emulator in a child process. python-playvox is not shipped with voxbridge and is never
 * copied into it: `VOXBRIDGE_BENCH_PYTHON_PLAYVOX_WHEEL` names its released wheel, which is installed
 * into a throwaway virtual environment (`python3 -m venv --system-site-packages`, `pip install --no-deps
 * --no-index`; it needs `requests` from the system). Without the variable the rows say "not measured".
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BulkInteractionItem } from '@voxbridge/playvox';
import { type Spread, spread } from './drain.js';
import { startPlayvoxChild } from './playvox-emulator.js';
import type { BenchContext, FigureValue } from './types.js';

/** The environment variable naming python-playvox's wheel. */
export const PYTHON_PLAYVOX_WHEEL_ENV = 'VOXBRIDGE_BENCH_PYTHON_PLAYVOX_WHEEL';
/** Overrides how many interactions python-playvox creates per round (default: enough for about 10 s). */
export const PYTHON_PLAYVOX_ITEMS_ENV = 'VOXBRIDGE_BENCH_PYTHON_PLAYVOX_ITEMS';

/** How to get the wheel, for the "not measured" row and the docs. */
export const PYTHON_PLAYVOX_HOWTO =
  `set ${PYTHON_PLAYVOX_WHEEL_ENV} to python-playvox's wheel, e.g. \`pip download --no-deps python-playvox==0.2.1\` ` +
  '(or `git show HEAD:dist/python_playvox-0.2.1-py3-none-any.whl` in a clone of github.com/moseswynn/python-playvox), ' +
  'keeping its file name';

/**
 * Our driver (not python-playvox's code): python-playvox's own `Interaction.add`, one interaction per
 * request, pointed at the emulator by replacing the hard-coded `https://{subdomain}.playvox.com/api/v1/`.
 * Times the loop only (not the interpreter's start or the imports).
 */
const DRIVER = `
import json, sys, time
from python_playvox import Playvox
url, uid, key, integration_id, count, prefix = sys.argv[1:7]
pv = Playvox('bench', uid, key)
pv.client.url = url + '/api/v1/'
started = time.perf_counter()
for i in range(int(count)):
    pv.interaction.add(integration_id, '%s-%d' % (prefix, i), 'agent.one@example.com',
                       {'closed_at': '2026-11-22T10:%02d:%02dZ' % (i // 60 % 60, i % 60),
                        'channel': 'voice', 'queue': 'billing'})
print(json.dumps({'seconds': time.perf_counter() - started}))
`;

interface Sizes {
  rounds: number;
  clientItems: number;
  pythonItems: number;
}

const execFileAsync = promisify(execFile);

/** Runs a command to its end; rejects with its output when it fails. */
async function run(command: string, args: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await execFileAsync(command, args, { maxBuffer: 64 * 1024 * 1024 });
    return stdout + stderr;
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    throw new Error(
      `${command} ${args.join(' ')} failed (${String(failed.code)}): ${failed.stdout ?? ''}${failed.stderr ?? ''}`,
    );
  }
}

/** A throwaway virtual environment with python-playvox installed from `wheel`, and our driver script. */
async function pythonPlayvoxEnv(wheel: string): Promise<{ python: string; driver: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'voxbridge-python-playvox-'));
  try {
    await run('python3', ['-m', 'venv', '--system-site-packages', join(dir, 'venv')]);
    const python = join(dir, 'venv', 'bin', 'python');
    await run(python, ['-m', 'pip', 'install', '--quiet', '--no-deps', '--no-index', wheel]);
    const driver = join(dir, 'driver.py');
    writeFileSync(driver, DRIVER);
    return { python, driver, dir };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

function items(count: number, prefix: string): BulkInteractionItem[] {
  return Array.from({ length: count }, (_, i) => ({
    interactionId: `${prefix}-${i}`,
    assigneeId: 'agent.one@example.com',
    metadata: {
      closed_at: `2026-11-22T10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z`,
      channel: 'voice',
      queue: 'billing',
    },
  }));
}

/** What the comparison adds to the Playvox client section. */
export interface PythonPlayvoxComparison {
  rows: string[];
  notes: string[];
  figures: Record<string, FigureValue>;
}

const round0 = (value: number) => Math.round(value);
const show = (s: Spread) => `${round0(s.median)}/s (${round0(s.min)}–${round0(s.max)})`;

/**
 * Runs the comparison: per round, the emulator is reset and given a fresh integration (all fields
 * strings, so python-playvox's form encoding is valid), then python-playvox creates its items one by
 * one, and, in the other half of the round, our client creates 20,000 with `bulkCreate` +
 * `waitForJobs`; the order alternates from round to round.
 */
export async function comparePythonPlayvox(ctx: BenchContext): Promise<PythonPlayvoxComparison> {
  const wheel = process.env[PYTHON_PLAYVOX_WHEEL_ENV];
  const sizes: Sizes = ctx.quick
    ? { rounds: 2, clientItems: 1_000, pythonItems: 100 }
    : { rounds: 5, clientItems: 20_000, pythonItems: Number(process.env[PYTHON_PLAYVOX_ITEMS_ENV] ?? 4_000) };
  const label = `| \`bulkCreate\` + \`waitForJobs\` vs python-playvox's \`interaction.add\`, interactions/s`;
  if (!wheel) {
    const reason = `not measured: ${PYTHON_PLAYVOX_HOWTO}`;
    return {
      rows: [`${label} | ${reason} | ≥ 100× |`],
      notes: [],
      figures: { pythonPlayvoxComparison: reason },
    };
  }
  const env = await pythonPlayvoxEnv(wheel);
  const { emulator, agent, pv, uid, key } = await startPlayvoxChild({ jobs: { delayMs: 5 } });
  const admin = (method: string, path: string) =>
    fetch(`${emulator.url}/_emulator/${path}`, { method }).then(async (r) => {
      if (!r.ok) throw new Error(`${method} /_emulator/${path}: ${r.status}`);
      return r.json() as Promise<{ interactions: { total: number } }>;
    });
  const freshIntegration = async () => {
    await admin('POST', 'reset');
    const id = await pv.integrations.create({
      name: 'python-playvox comparison',
      description: 'bench',
      dataStorageMinutes: 1_440,
    });
    await pv.integrations.addMetadata(id, { fieldId: 'closed_at', type: 'datetime', required: true });
    await pv.integrations.addMetadata(id, { fieldId: 'channel', type: 'string' });
    await pv.integrations.addMetadata(id, { fieldId: 'queue', type: 'string' });
    return id;
  };
  const expectCreated = async (count: number, who: string) => {
    const total = (await admin('GET', 'truth')).interactions.total;
    if (total !== count) throw new Error(`${who}: the emulator holds ${total} interactions, not ${count}`);
  };
  const python = async (r: number) => {
    const id = await freshIntegration();
    const out = await run(env.python, [
      env.driver,
      emulator.url,
      uid,
      key,
      id,
      String(sizes.pythonItems),
      `py${r}`,
    ]);
    const { seconds } = JSON.parse(out.trim().split('\n').pop() ?? '{}') as { seconds: number };
    await expectCreated(sizes.pythonItems, 'python-playvox');
    return sizes.pythonItems / seconds;
  };
  const client = async (r: number) => {
    const id = await freshIntegration();
    const batch = items(sizes.clientItems, `vb${r}`);
    const started = performance.now();
    const jobIds = await pv.interactions.bulkCreate(id, batch, { concurrency: 8 });
    // Job reads every 10-50 ms: a loader that wants its confirmations promptly (the defaults are 100 ms-5 s).
    const outcome = await pv.interactions.waitForJobs(jobIds, { initialDelayMs: 10, maxDelayMs: 50 });
    const seconds = (performance.now() - started) / 1000;
    if (outcome.createdIds.length !== sizes.clientItems) throw new Error('bulk: not every item was created');
    await expectCreated(sizes.clientItems, 'bulkCreate');
    return sizes.clientItems / seconds;
  };
  try {
    // One untimed bulk first, so the emulator child's code is compiled before the first measured round.
    await client(-1);
    const pythonRates: number[] = [];
    const clientRates: number[] = [];
    for (let r = 0; r < sizes.rounds; r++) {
      ctx.log(`playvox: python-playvox comparison, round ${r + 1}/${sizes.rounds}`);
      if (r % 2 === 0) {
        pythonRates.push(await python(r));
        clientRates.push(await client(r));
      } else {
        clientRates.push(await client(r));
        pythonRates.push(await python(r));
      }
    }
    const ratios = clientRates.map((rate, i) => rate / pythonRates[i]!);
    const py = spread(pythonRates);
    const ours = spread(clientRates);
    const ratio = spread(ratios);
    return {
      rows: [
        `| python-playvox 0.2.1 \`interaction.add\`, one request each, ${sizes.pythonItems} per round | ${show(py)} | |`,
        `| our \`bulkCreate\` (8 in flight) + \`waitForJobs\`, ${sizes.clientItems} per round | ${show(ours)} | |`,
        `| **bulk vs python-playvox, measured** (median of ${sizes.rounds} paired rounds) | **${ratio.median.toFixed(0)}×** (${ratio.min.toFixed(0)}–${ratio.max.toFixed(0)}) | ≥ 100×: ${ratio.median >= 100 ? 'met' : 'NOT met'} |`,
      ],
      notes: [
        `python-playvox rows: python-playvox itself (its wheel in a throwaway venv, ${PYTHON_PLAYVOX_WHEEL_ENV}), pointed at the emulator, ` +
          'creating interactions one form-encoded request at a time over a new connection each, as it does; the emulator is reset ' +
          'before each half-round, the two sides alternate which goes first, and the bulk side reads its jobs every 10-50 ms ' +
          `(after one untimed warm-up bulk). Per-round rates (interactions/s): python-playvox ${pythonRates.map(round0).join(', ')}; ` +
          `bulk ${clientRates.map(round0).join(', ')}.`,
      ],
      figures: {
        pythonPlayvoxItems: sizes.pythonItems,
        pythonPlayvoxRounds: sizes.rounds,
        pythonPlayvoxInteractionsPerSecond: round0(py.median),
        pythonPlayvoxInteractionsPerSecondMin: round0(py.min),
        pythonPlayvoxInteractionsPerSecondMax: round0(py.max),
        bulkVsPythonItems: sizes.clientItems,
        bulkVsPythonInteractionsPerSecond: round0(ours.median),
        bulkVsPythonInteractionsPerSecondMin: round0(ours.min),
        bulkVsPythonInteractionsPerSecondMax: round0(ours.max),
        bulkVsPythonPlayvoxRatio: Number(ratio.median.toFixed(1)),
        bulkVsPythonPlayvoxRatioMin: Number(ratio.min.toFixed(1)),
        bulkVsPythonPlayvoxRatioMax: Number(ratio.max.toFixed(1)),
        bulkVsPythonGoalMet: ratio.median >= 100,
      },
    };
  } finally {
    await agent.close();
    await emulator.close();
    rmSync(env.dir, { recursive: true, force: true });
  }
}
