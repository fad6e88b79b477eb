import {
  type ApplyAllResult,
  applyAll,
  applyAllJson,
  type BridgeConfig,
  type BridgeStore,
  configJsonSchema,
  createWfmClients,
  describeLintFinding,
  describeStep,
  describeWfmStep,
  ERROR_KINDS,
  INTERACTION_STREAM,
  lastClosedGap,
  loadConfigFile,
  openStore,
  PostgresStore,
  playvoxClient,
  readLastErrors,
} from '@voxbridge/bridge';
import type { Command } from 'commander';

const CONFIG_OPTION = ['-c, --config <file>', 'configuration file', 'voxbridge.yaml'] as const;

/** `voxbridge apply`, `status`, `dlq` and `config`: the commands that work from a configuration file (`run` is in run.ts). */
export function registerBridgeCommands(program: Command): void {
  program
    .command('apply')
    .description(
      'make the Playvox integration (and, with a wfm section, Playvox WFM) match the configuration; everything is linted before anything changes',
    )
    .option(...CONFIG_OPTION)
    .option('--dry-run', 'print the plan without changing anything', false)
    .option('--prune', 'delete metadata fields that are not in the configuration', false)
    .option('--json', 'print the plan (and what was done) as JSON', false)
    .option(
      '--detailed-exitcode',
      'exit 0 when nothing changes, 2 when there are changes, 1 on an error',
      false,
    )
    .action(
      async (options: {
        config: string;
        dryRun: boolean;
        prune: boolean;
        json: boolean;
        detailedExitcode: boolean;
      }) => {
        const config = loadConfigFile(options.config);
        const result = await applyAll(
          config,
          { playvox: playvoxClient(config.playvox), wfm: config.wfm ? createWfmClients(config) : undefined },
          { dryRun: options.dryRun, prune: options.prune },
        );
        if (options.json)
          process.stdout.write(`${JSON.stringify(applyAllJson(config, result, options.dryRun), null, 2)}\n`);
        else writeApplyText(options.config, config, result, options.dryRun);
        if (result.blocked)
          throw new Error(
            'Playvox WFM: the regular expressions above must be fixed first; nothing was changed in Playvox QA or WFM',
          );
        if (options.detailedExitcode && result.changed) process.exitCode = 2;
      },
    );

  program
    .command('status')
    .description(
      'checkpoint age, events stored, interactions pending / delivered / dead-lettered, last error of each kind',
    )
    .option(...CONFIG_OPTION)
    .option('--json', 'print JSON', false)
    .action(async (options: { config: string; json: boolean }) => {
      const status = await readStatus(loadConfigFile(options.config));
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
  dlq
    .command('list')
    .option(...CONFIG_OPTION)
    .option('--json', 'print JSON', false)
    .option('--limit <n>', 'most records to list', (v) => Number.parseInt(v, 10), 100)
    .action(async (options: { config: string; json: boolean; limit: number }) => {
      await withStore(loadConfigFile(options.config), async (store) => {
        const letters = await store.listDeadLetters(options.limit);
        if (options.json) return void process.stdout.write(`${JSON.stringify(letters, null, 2)}\n`);
        if (letters.length === 0) return void process.stdout.write('the dead-letter store is empty\n');
        for (const l of letters)
          process.stdout.write(
            `#${l.id}  ${new Date(l.createdAt).toISOString()}  ${l.stage.padEnd(8)}  ${l.key ?? '(event)'}\n      ${l.reason}\n`,
          );
      });
    });
  for (const action of ['retry', 'drop'] as const) {
    dlq
      .command(action)
      .description(
        action === 'retry'
          ? 'put records back into the pipeline (the next run processes them)'
          : 'delete records for good',
      )
      .argument('<ids...>', 'dead-letter ids (from dlq list), or "all"')
      .option(...CONFIG_OPTION)
      .action(async (ids: string[], options: { config: string }) => {
        await withStore(loadConfigFile(options.config), async (store) => {
          const targets = ids.includes('all')
            ? (await store.listDeadLetters(1_000_000)).map((l) => l.id)
            : ids.map((id) => Number.parseInt(id, 10));
          let done = 0;
          for (const id of targets) {
            if (!Number.isInteger(id)) throw new Error(`dlq ${action}: "${id}" is not a dead-letter id`);
            if (await (action === 'retry' ? store.retryDeadLetter(id) : store.dropDeadLetter(id))) done += 1;
          }
          process.stdout.write(
            `${action === 'retry' ? 'retried' : 'dropped'} ${done} of ${targets.length}\n`,
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

/** Opens the configured store (PostgreSQL: waiting up to 30 s for an unreachable server). */
async function withStore<T>(config: BridgeConfig, work: (store: BridgeStore) => Promise<T>): Promise<T> {
  const store = await openStore(config.store, {
    sqlite: { mustExist: true },
    poolSize: 2,
    worker: `cli:${process.pid}`,
    retry: {
      signal: AbortSignal.timeout(30_000),
      onRetry: (error, _attempt, delayMs) =>
        process.stderr.write(`${error.message}; retrying in ${(delayMs / 1000).toFixed(0)} s\n`),
    },
  });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** The figures of `voxbridge status`. */
export function readStatus(config: BridgeConfig) {
  return withStore(config, async (store) => {
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
      lastError,
      // The last error of each kind (auth, tokenExpiry, gap, deadLetter, circuit, store), null when none.
      lastErrors: await readLastErrors(store),
      // The last feed gap past LiveVox's 24 hours that the bridge filled from the history report.
      lastGapClosed: await lastClosedGap(store),
      ...cluster,
    };
  });
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
