import { type BackfillResult, backfill, liveVoxClient, type ProgressCallback } from '@voxbridge/bridge';
import { type Command, InvalidArgumentError } from 'commander';
import { oneConnection, withConnectionStore } from '../connections.js';
import { configCommand } from '../options.js';
import { progressDisplay } from '../progress.js';

/** Options of `voxbridge backfill`. */
export interface BackfillCommandOptions {
  config: string;
  /** The connection to backfill (`connections[i].name`); required when the file lists several. */
  connection?: string;
  from: string;
  to: string;
  dryRun: boolean;
  json: boolean;
}

/** A commander parser for an ISO 8601 time with a date (`2026-01-05T00:00:00Z`); returns it as given. */
export function isoTimeOption(value: string): string {
  if (!/^\d{4}-\d\d-\d\d/.test(value) || !Number.isFinite(Date.parse(value)))
    throw new InvalidArgumentError(
      `must be an ISO 8601 time such as 2026-01-05T00:00:00Z, got ${JSON.stringify(value)}`,
    );
  return value;
}

/** Adds the required `--from` and `--to` of a period of LiveVox history (backfill, reconcile). */
export function periodOptions(command: Command): Command {
  return command
    .requiredOption('--from <time>', 'start of the period (inclusive), ISO 8601', isoTimeOption)
    .requiredOption('--to <time>', 'end of the period (exclusive), ISO 8601', isoTimeOption);
}

/** Checks that `--from` is before `--to` (an empty or reversed period reads nothing). */
export function checkPeriod(from: string, to: string): void {
  if (Date.parse(from) >= Date.parse(to))
    throw new Error(`--to: must be after --from, got --from ${from} --to ${to}`);
}

/**
 * `voxbridge backfill --from ISO --to ISO`: what the bridge does by itself after a gap longer than
 * LiveVox's 24 hours, on demand. It reads the period from LiveVox's Call Event Recovery report and
 * queues in the store, as ready to deliver, every interaction the store does not hold yet; the
 * running `voxbridge run` (or the next one) enriches, maps and delivers them exactly once.
 */
export function registerBackfill(program: Command): void {
  periodOptions(
    configCommand(
      program,
      'backfill',
      "queue a past period's LiveVox interactions that the bridge has not delivered (from the Call Event Recovery report); voxbridge run delivers them",
      {
        connection: 'the connection to backfill (required when the file lists several)',
        json: 'print the counts as JSON',
      },
    ),
  )
    .option('--dry-run', 'count only: queue nothing', false)
    .action(async (options: BackfillCommandOptions) => {
      const progress = progressDisplay({ json: options.json });
      const result = await runBackfill(options, progress.onProgress).finally(() => progress.done());
      process.stdout.write(
        options.json
          ? `${JSON.stringify({ dryRun: options.dryRun, ...result }, null, 2)}\n`
          : describe(result, options),
      );
    });
}

/** Runs one backfill from a configuration file; `onProgress` follows the period read (minutes of it). */
export async function runBackfill(
  options: BackfillCommandOptions,
  onProgress?: ProgressCallback,
): Promise<BackfillResult> {
  checkPeriod(options.from, options.to);
  const { name, config } = oneConnection('backfill', options.config, options.connection);
  const filter = config.livevox.feed.filter;
  const livevox = liveVoxClient(config.livevox, config.tls);
  return withConnectionStore(
    config,
    name,
    (store) =>
      backfill(store, livevox, {
        from: options.from,
        to: options.to,
        dryRun: options.dryRun,
        ...(onProgress ? { onProgress } : {}),
        ...(filter.service?.length ? { service: filter.service.map(String) } : {}),
        ...(filter.interactionType?.length ? { interactionTypes: filter.interactionType } : {}),
      }),
    { mustExist: false },
  );
}

function describe(result: BackfillResult, options: BackfillCommandOptions): string {
  const n = (value: number) => String(value).padStart(7);
  const lines = [
    `LiveVox ${result.from} → ${result.to} (Call Event Recovery report, ${result.requests} request${result.requests === 1 ? '' : 's'})`,
    `  found             ${n(result.found)}`,
    `  already delivered ${n(result.alreadyDelivered)}`,
    `  already queued    ${n(result.alreadyStored - result.alreadyDelivered)}  (on their way to Playvox)`,
    `  ${options.dryRun ? 'to queue         ' : 'queued           '} ${n(result.queued)}${result.completed ? `  (${result.completed} completing calls the feed saw in part)` : ''}`,
  ];
  if (result.unusable) lines.push(`  unusable          ${n(result.unusable)}  (see voxbridge dlq list)`);
  lines.push(
    options.dryRun
      ? 'dry run: nothing was queued'
      : result.queued > 0
        ? 'voxbridge run delivers the queued interactions (a running one within a second, else at its next start)'
        : 'nothing to deliver',
  );
  return `${lines.join('\n')}\n`;
}
