import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import type { Command } from 'commander';
import { BENCH_SECTIONS } from '../bench/sections.js';
import type { BenchResult } from '../bench/types.js';

/** `voxbridge bench`: runs the benchmark sections and writes BENCHMARKS.md. */
export function registerBench(program: Command): void {
  program
    .command('bench')
    .description('run the benchmarks against the in-process emulators and write BENCHMARKS.md')
    .option('--out <file>', 'markdown file to write', 'BENCHMARKS.md')
    .option('--only <sections>', `comma-separated subset of: ${Object.keys(BENCH_SECTIONS).join(', ')}`)
    .option('--quick', 'smaller sizes, for a smoke run', false)
    .option('--json', 'print the raw figures as JSON', false)
    .action(async (options: { out: string; only?: string; quick: boolean; json: boolean }) => {
      const names = options.only ? options.only.split(',').map((s) => s.trim()) : Object.keys(BENCH_SECTIONS);
      const results: BenchResult[] = [];
      for (const name of names) {
        const section = BENCH_SECTIONS[name];
        if (!section)
          throw new Error(
            `--only: unknown section "${name}" (use ${Object.keys(BENCH_SECTIONS).join(', ')})`,
          );
        process.stderr.write(`bench: ${name}…\n`);
        results.push(
          await section({ quick: options.quick, log: (message) => process.stderr.write(`  ${message}\n`) }),
        );
      }
      await writeFile(options.out, renderReport(results, options.quick));
      if (options.json)
        process.stdout.write(
          `${JSON.stringify(Object.fromEntries(results.map((r) => [r.section, r.figures])), null, 2)}\n`,
        );
      process.stderr.write(`bench: wrote ${options.out}\n`);
    });
}

/** The machine line every report starts with: figures mean little without it. */
export function describeMachine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}`;
}

function renderReport(results: BenchResult[], quick: boolean): string {
  const lines = [
    '# Benchmarks',
    '',
    `Run with \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}${quick ? ' (quick mode: reduced sizes)' : ''}.`,
    '',
    `Machine: ${describeMachine()}.`,
    '',
    'Every figure below was measured in one run on a shared machine; compare the ratios, not the absolute numbers.',
    '',
  ];
  for (const result of results) lines.push(`## ${result.section}`, '', result.markdown.trim(), '');
  return `${lines.join('\n')}\n`;
}
