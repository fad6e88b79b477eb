import {
  type ApplyAllResult,
  applyAll,
  applyAllJson,
  type BridgeConfig,
  type BridgeConnection,
  configJsonSchema,
  createWfmClients,
  DEFAULT_CONNECTION,
  describeLintFinding,
  describeStep,
  describeWfmStep,
  ERROR_KINDS,
  INTERACTION_STREAM,
  lastClosedGap,
  PostgresStore,
  playvoxClient,
  readLastErrors,
  settleDeadLetters,
} from '@voxbridge/bridge';
import type { Command } from 'commander';
import { connectionsOf, named, oneConnection, withConnectionStore } from '../connections.js';
import { configCommand, EVERY_CONNECTION, integerOption } from '../options.js';
import { progressDisplay } from '../progress.js';

/** `voxbridge apply`, `status`, `dlq` and `config`: the commands that work from a configuration file (`run` is in run.ts). */
export function registerBridgeCommands(program: Command): void {
  configCommand(
    program,
    'apply',
    'make the Playvox integration (and, with a wfm section, Playvox WFM) match the configuration; everything is linted before anything changes',
    { connection: EVERY_CONNECTION, json: 'print the plan (and what was done) as JSON' },
  )
    .option('--dry-run', 'print the plan without changing anything', false)
    .option('--prune', 'delete metadata fields that are not in the configuration', false)
    .option(
      '--detailed-exitcode',
      'exit 0 when nothing changes, 2 when there are changes, 1 on an error',
      false,
    )
    .action(
      async (options: {
        config: string;
        connection?: string;
        dryRun: boolean;
        prune: boolean;
        json: boolean;
        detailedExitcode: boolean;
      }) => {
        const connections = connectionsOf(options.config, options.connection);
        const json: Record<string, unknown> = {};
        const failed: string[] = [];
        for (const { name, config } of connections) {
          if (named(connections) && !options.json) process.stdout.write(`connection ${name}:\n`);
          let result: ApplyAllResult;
          const progress = progressDisplay({ json: options.json });
          try {
            result = await applyAll(
              config,
              {
                playvox: playvoxClient(config.playvox, undefined, config.tls),
                wfm: config.wfm ? createWfmClients(config) : undefined,
              },
              { dryRun: options.dryRun, prune: options.prune, onProgress: progress.onProgress },
            ).finally(() => progress.done());
          } catch (error) {
            // One connection's failure (its credentials, its service) does not keep the others unapplied.
            if (!named(connections)) throw error;
            failed.push(`${name}: ${(error as Error).message}`);
            process.stderr.write(`connection ${name}: ${(error as Error).message}\n`);
            continue;
          }
          if (options.json) json[name] = applyAllJson(config, result, options.dryRun);
          else writeApplyText(options.config, config, result, options.dryRun);
          if (result.blocked)
            failed.push(`${name}: Playvox WFM: the regular expressions must be fixed first`);
          if (options.detailedExitcode && result.changed) process.exitCode = 2;
        }
        if (options.json)
          process.stdout.write(
            `${JSON.stringify(named(connections) ? { connections: json } : json[DEFAULT_CONNECTION], null, 2)}\n`,
          );
        if (failed.length > 0 && !named(connections))
          throw new Error(
            'Playvox WFM: the regular expressions above must be fixed first; nothing was changed in Playvox QA or WFM',
          );
        if (failed.length > 0)
          throw new Error(`apply failed for ${failed.length} connection(s):\n  ${failed.join('\n  ')}`);
      },
    );

  configCommand(
    program,
    'status',
    'checkpoint age, events stored, interactions pending / delivered / dead-lettered, late updates, last error of each kind',
    { connection: EVERY_CONNECTION, json: 'print JSON' },
  ).action(async (options: { config: string; connection?: string; json: boolean }) => {
    const connections = connectionsOf(options.config, options.connection);
    if (named(connections)) return void (await writeConnectionsStatus(connections, options.json));
    const status = await readStatus(connections[0]!.config);
    if (options.json) return void process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
    const i = status.interactions;
    const workers = status.workers?.map(
      (w) =>
        `  ${w.worker}  host ${w.host}  heartbeat ${w.heartbeatAgeSeconds.toFixed(1)} s ago  leases ${w.leases.join(', ') || '-'}`,
    );
    const streams = status.streams?.map(
      (l) =>
        `  ${l.stream}  owner ${l.worker}  token ${l.token}  ${l.expiresInSeconds > 0 ? `expires in ${l.expiresInSeconds.toFixed(1)} s` : 'EXPIRED: waiting for a new owner'}`,
    );
    process.stdout.write(
      [
        `checkpoint        ${status.checkpoint ? `${status.checkpoint.ageSeconds.toFixed(1)} s old` : 'none yet'}`,
        `events stored     ${status.events}`,
        `interactions      pending ${status.pending} (assembling ${i.assembling}, ready ${i.ready}, mapped ${i.mapped}, sending ${i.sending}, submitted ${i.submitted})`,
        `                  delivered ${i.delivered}, dead-lettered ${status.deadLetters}`,
        `late updates      applied ${status.lateUpdates.applied}, pending ${status.lateUpdates.pending}`,
        `last error        ${status.lastError ? `${status.lastError.at} ${status.lastError.message}` : 'none'}`,
        'last errors by kind',
        ...ERROR_KINDS.map((kind) => {
          const e = status.lastErrors[kind];
          return `  ${kind.padEnd(16)}${e ? `${e.at} ${e.message}` : 'none'}`;
        }),
        ...(status.lastGapClosed
          ? [
              `last gap closed   ${status.lastGapClosed.closedAt}: ${status.lastGapClosed.gapHours} h of LiveVox time (${status.lastGapClosed.from} → ${status.lastGapClosed.to}), ${status.lastGapClosed.queued} queued, ${status.lastGapClosed.alreadyStored} already held`,
            ]
          : []),
        ...(workers ? [`workers           ${workers.length}`, ...workers] : []),
        ...(streams ? [`streams           ${streams.length}`, ...streams] : []),
      ].join('\n') + '\n',
    );
  });

  const dlq = program.command('dlq').description('the dead-letter store: list, retry or drop records');
  configCommand(dlq, 'list', 'list the dead letters, oldest first', {
    connection: EVERY_CONNECTION,
    json: 'print JSON',
  })
    .option('--limit <n>', 'most records to list', integerOption({ min: 1 }), 100)
    .action(async (options: { config: string; connection?: string; json: boolean; limit: number }) => {
      const connections = connectionsOf(options.config, options.connection);
      const json: Record<string, unknown> = {};
      for (const { name, config } of connections) {
        await withConnectionStore(config, name, async (store) => {
          const letters = await store.listDeadLetters(options.limit);
          if (options.json) {
            json[name] = letters;
            return;
          }
          const heading = named(connections) ? `connection ${name}: ` : '';
          if (letters.length === 0)
            return void process.stdout.write(`${heading}the dead-letter store is empty\n`);
          if (heading) process.stdout.write(`${heading}${letters.length} dead letter(s)\n`);
          for (const l of letters)
            process.stdout.write(
              `#${l.id}  ${new Date(l.createdAt).toISOString()}  ${l.stage.padEnd(8)}  ${l.key ?? '(event)'}\n      ${l.reason}\n`,
            );
        });
      }
      if (options.json)
        process.stdout.write(
          `${JSON.stringify(named(connections) ? { connections: json } : json[DEFAULT_CONNECTION], null, 2)}\n`,
        );
    });
  for (const action of ['retry', 'drop'] as const) {
    configCommand(
      dlq,
      action,
      action === 'retry'
        ? 'put records back into the pipeline (the next run processes them)'
        : 'delete records for good',
      { connection: 'the connection whose dead letters these are (required when the file lists several)' },
    )
      .argument('<ids...>', 'dead-letter ids (from dlq list), or "all"')
      .action(async (ids: string[], options: { config: string; connection?: string }) => {
        // Dead-letter ids are per connection: acting on one needs to know whose it is.
        const { name, config } = oneConnection(`dlq ${action}`, options.config, options.connection);
        await withConnectionStore(config, name, async (store) => {
          const targets = ids.includes('all')
            ? (await store.listDeadLetters(1_000_000)).map((l) => l.id)
            : ids.map((id) => {
                if (!/^\d+$/.test(id)) throw new Error(`dlq ${action}: "${id}" is not a dead-letter id`);
                return Number.parseInt(id, 10);
              });
          const progress = progressDisplay();
          const { settled } = await settleDeadLetters(store, action, targets, {
            onProgress: progress.onProgress,
          }).finally(() => progress.done());
          process.stdout.write(
            `${action === 'retry' ? 'retried' : 'dropped'} ${settled} of ${targets.length}\n`,
          );
        });
      });
  }

  program
    .command('config')
    .description('configuration helpers')
    .command('schema')
    .description('print the JSON Schema of voxbridge.yaml')
    .action(() => {
      process.stdout.write(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
    });
}

/** The human-readable `apply` report: lint findings, then each product's plan. */
function writeApplyText(file: string, config: BridgeConfig, result: ApplyAllResult, dryRun: boolean): void {
  const out: string[] = [];
  for (const finding of result.wfm?.lint ?? []) out.push(describeLintFinding(finding));
  if (result.qa) {
    const header = dryRun ? 'Plan (dry run, nothing changed):' : 'Applied:';
    out.push(
      result.qa.plan.length === 0
        ? `Playvox already matches ${file}; nothing to do.`
        : `${header}\n${result.qa.plan.map((s) => `  ${describeStep(s)}`).join('\n')}`,
    );
    if (result.qa.integrationId)
      out.push(`integration "${config.playvox.integration.name}": ${result.qa.integrationId}`);
  }
  if (result.wfm && !result.blocked) {
    const header = dryRun ? 'Playvox WFM plan (dry run):' : 'Playvox WFM:';
    out.push(
      result.wfm.plan.length === 0
        ? 'Playvox WFM already matches; nothing to do.'
        : `${header}\n${result.wfm.plan.map((s) => `  ${describeWfmStep(s)}`).join('\n')}`,
    );
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

/** The figures of `voxbridge status`. */
export function readStatus(config: BridgeConfig, connection: string = DEFAULT_CONNECTION) {
  return withConnectionStore(config, connection, async (store) => {
    const counts = await store.counts();
    const checkpoint = await store.getCheckpoint(INTERACTION_STREAM);
    const lastError = await store.getLastError();
    const i = counts.interactions;
    const cluster: Partial<Awaited<ReturnType<typeof readCluster>>> =
      store instanceof PostgresStore ? await readCluster(store) : {};
    return {
      checkpoint: checkpoint
        ? {
            savedAt: new Date(checkpoint.updatedAt).toISOString(),
            ageSeconds: (Date.now() - checkpoint.updatedAt) / 1000,
          }
        : undefined,
      events: counts.events,
      pending: i.assembling + i.ready + i.mapped + i.sending + i.submitted,
      interactions: i,
      deadLetters: counts.deadLetters,
      // Delivered interactions updated in place with data that came late (a disposition after the grace).
      lateUpdates: await store.lateUpdateCounts(),
      lastError,
      // The last error of each kind (auth, tokenExpiry, gap, deadLetter, circuit, store), null when none.
      lastErrors: await readLastErrors(store),
      // The last feed gap past LiveVox's 24 hours that the bridge filled from the history report.
      lastGapClosed: await lastClosedGap(store),
      ...cluster,
    };
  });
}

/** `status` of a file with connections: one line (or one JSON object) per connection. */
async function writeConnectionsStatus(connections: BridgeConnection[], json: boolean): Promise<void> {
  const rows: Array<Record<string, unknown>> = [];
  for (const { name, config } of connections) {
    try {
      rows.push({ connection: name, ...(await readStatus(config, name)) });
    } catch (error) {
      // A connection never run has no store yet; that is its status, not the command's failure.
      rows.push({ connection: name, error: (error as Error).message });
    }
  }
  if (json) return void process.stdout.write(`${JSON.stringify({ connections: rows }, null, 2)}\n`);
  const width = Math.max(...connections.map((c) => c.name.length));
  for (const row of rows) {
    const head = String(row.connection).padEnd(width);
    if (row.error) {
      process.stdout.write(`${head}  no state: ${row.error}\n`);
      continue;
    }
    const s = row as unknown as Awaited<ReturnType<typeof readStatus>>;
    process.stdout.write(
      `${head}  checkpoint ${s.checkpoint ? `${s.checkpoint.ageSeconds.toFixed(1)} s old` : 'none yet'}  events ${s.events}  pending ${s.pending}  delivered ${s.interactions.delivered}  dead-lettered ${s.deadLetters}  last error ${s.lastError ? `${s.lastError.at} ${s.lastError.message}` : 'none'}\n`,
    );
  }
}

/** The workers (this command's own registration left out) and each stream's owner. */
async function readCluster(store: PostgresStore) {
  const now = Date.now();
  const workers = (await store.listWorkers())
    .filter((w) => w.worker !== store.worker)
    .map((w) => ({
      worker: w.worker,
      host: w.host,
      leases: w.leases,
      lastHeartbeat: new Date(w.heartbeatAt).toISOString(),
      heartbeatAgeSeconds: Math.max(0, (now - w.heartbeatAt) / 1000),
    }));
  const streams = (await store.listLeases()).map((l) => ({
    stream: l.stream,
    worker: l.worker,
    token: l.token,
    expiresInSeconds: (l.expiresAt - now) / 1000,
  }));
  return { workers, streams };
}
