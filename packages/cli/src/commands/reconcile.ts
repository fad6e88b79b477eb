import { liveVoxClient, playvoxClient, type ReconcileReport, reconcile } from '@voxbridge/bridge';
import type { Command } from 'commander';
import { oneConnection, withConnectionStore } from '../connections.js';
import { configCommand } from '../options.js';
import { checkPeriod, periodOptions } from './backfill.js';

/** Options of `voxbridge reconcile`. */
export interface ReconcileCommandOptions {
  config: string;
  /** The connection to reconcile (`connections[i].name`); required when the file lists several. */
  connection?: string;
  from: string;
  to: string;
  fix: boolean;
  json: boolean;
}

/**
 * `voxbridge reconcile --from ISO --to ISO [--fix]`: LiveVox's record of a period against what Playvox
 * holds, listing missing, duplicated and different interactions; exits 2 when it found any. Playvox is
 * read through its list endpoint by `interaction_id`, 100 per request (10,000 interactions: 100 GETs).
 * `--fix` queues the missing ones in the store for `voxbridge run` to deliver exactly once; duplicates
 * and differences are listed for a person to judge.
 */
export function registerReconcile(program: Command): void {
  periodOptions(
    configCommand(
      program,
      'reconcile',
      'compare LiveVox with Playvox for a period: missing, duplicated and different interactions (--fix queues the missing)',
      {
        connection: 'the connection to reconcile (required when the file lists several)',
        json: 'print the report as JSON',
      },
    ),
  )
    .option('--fix', 'queue the missing interactions for delivery', false)
    .action(async (options: ReconcileCommandOptions) => {
      const report = await runReconcile(options);
      process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : describe(report));
      if (report.missing.length + report.duplicated.length + report.different.length > 0)
        process.exitCode = 2;
    });
}

/** Runs one reconciliation from a configuration file. */
export async function runReconcile(options: ReconcileCommandOptions): Promise<ReconcileReport> {
  checkPeriod(options.from, options.to);
  const { name, config } = oneConnection('reconcile', options.config, options.connection);
  return withConnectionStore(
    config,
    name,
    (store) =>
      reconcile(
        {
          config,
          store,
          livevox: liveVoxClient(config.livevox, config.tls),
          playvox: playvoxClient(config.playvox, undefined, config.tls),
        },
        { from: options.from, to: options.to, fix: options.fix },
      ),
    { mustExist: false },
  );
}

function describe(report: ReconcileReport): string {
  const lines = [
    `LiveVox ${report.from} → ${report.to}: ${report.expected} interactions; Playvox holds ${report.held} copies of them`,
    `requests: ${report.requests.livevox} LiveVox report page(s), ${report.requests.playvox} Playvox list page(s) (100 interactions each)`,
    `missing    ${report.missing.length}`,
    ...report.missing.map((id) => `  ${id}`),
    `duplicated ${report.duplicated.length}`,
    ...report.duplicated.map((d) => `  ${d.interactionId} (${d.copies} copies)`),
    `different  ${report.different.length}`,
    ...report.different.flatMap((d) => [
      `  ${d.interactionId}`,
      ...d.fields.map(
        (f) => `    ${f.field}: LiveVox ${JSON.stringify(f.expected)}, Playvox ${JSON.stringify(f.held)}`,
      ),
    ]),
  ];
  if (report.fixed)
    lines.push(
      `fixed: ${report.fixed.queued} queued for delivery (voxbridge run delivers them)${report.fixed.inFlight ? `, ${report.fixed.inFlight} already on their way` : ''}`,
    );
  else if (report.missing.length > 0) lines.push('run again with --fix to queue the missing interactions');
  return `${lines.join('\n')}\n`;
}
