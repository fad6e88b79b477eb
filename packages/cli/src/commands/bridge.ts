import {
  type ApplyAllResult,
  applyAll,
  applyAllJson,
  type BridgeConfig,
  configJsonSchema,
  createWfmClients,
  DEFAULT_CONNECTION,
  describeLintFinding,
  describeStep,
  describeWfmStep,
  playvoxClient,
  settleDeadLetters,
} from '@voxbridge/bridge';
import type { Command } from 'commander';
import { connectionsOf, named, oneConnection, withConnectionStore } from '../connections.js';
import { configCommand, EVERY_CONNECTION, integerOption } from '../options.js';
import { progressDisplay } from '../progress.js';

/**
 * `voxbridge apply`, `dlq` and `config`: the commands that work from a configuration file (`run` is in
 * run.ts, `status` in status.ts so that it loads none of the clients imported here).
 */
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
