import { existsSync } from 'node:fs';
import {
  type BridgeConfig,
  type BridgeConnection,
  ConfigError,
  configWarnings,
  connectionStoreChoice,
  DEFAULT_CONNECTION,
  describeStep,
  ensureConnectionSchema,
  findIntegration,
  gladlyClient,
  isQaChange,
  liveVoxClient,
  loadConnections,
  openStore,
  planIntegration,
  playvoxClient,
  wfmClient,
} from '@voxbridge/bridge';
import type { Command } from 'commander';
import { configCommand } from '../options.js';

/** One line of `voxbridge check`. */
export interface CheckLine {
  check: string;
  ok: boolean;
  detail: string;
}

/** How long one service may take to answer a check. */
const CHECK_TIMEOUT_MS = 15_000;

/** `voxbridge check`: the configuration, the store, then each configured service, read-only. */
export function registerCheck(program: Command): void {
  configCommand(
    program,
    'check',
    'validate the configuration, then call each configured service read-only with its credentials (exit 0 when all pass, 1 otherwise)',
    { json: 'print JSON' },
  ).action(async (options: { config: string; json: boolean }) => {
    const lines = await runChecks(options.config);
    const ok = lines.every((line) => line.ok);
    if (options.json) process.stdout.write(`${JSON.stringify({ ok, checks: lines }, null, 2)}\n`);
    else
      for (const line of lines)
        process.stdout.write(`${line.ok ? 'OK  ' : 'FAIL'}  ${line.check.padEnd(13)}  ${line.detail}\n`);
    process.exitCode = ok ? 0 : 1;
  });
}

/**
 * Runs every check: the file (schema and cross-field rules), the store (it must exist where the file
 * says), Playvox QA (credentials, the integration and its metadata compared with the file), LiveVox
 * (login and a read), and when configured Gladly (a read) and Playvox WFM (a token). Nothing is changed.
 */
export async function runChecks(file: string): Promise<CheckLine[]> {
  let connections: BridgeConnection[];
  try {
    connections = loadConnections(file);
  } catch (error) {
    const detail =
      error instanceof ConfigError ? `${file}: ${error.problems.join('; ')}` : (error as Error).message;
    return [{ check: 'configuration', ok: false, detail }];
  }
  // A file with connections: checks each one, its lines named `<connection>/<check>`.
  const named = connections.length > 1 || connections[0]!.name !== DEFAULT_CONNECTION;
  const warnings = connections.flatMap(({ name, config }) =>
    configWarnings(config).map((w) => (named ? `${name}: ${w}` : w)),
  );
  const lines: CheckLine[] = [
    {
      check: 'configuration',
      ok: true,
      detail: `${file} is valid${warnings.length ? ` (warning: ${warnings.join('; ')})` : ''}`,
    },
  ];
  for (const { name, config } of connections)
    for (const line of await connectionChecks(config, name))
      lines.push(named ? { ...line, check: `${name}/${line.check}` } : line);
  return lines;
}

/** The checks of one connection: its store, Playvox QA, LiveVox, and Gladly and Playvox WFM when configured. */
async function connectionChecks(config: BridgeConfig, connection: string): Promise<CheckLine[]> {
  const lines: CheckLine[] = [];
  const checks: Array<[string, () => Promise<string>]> = [
    ['store', () => checkStore(config, connection)],
    ['playvox-qa', () => checkPlayvox(config)],
    ['livevox', () => checkLiveVox(config)],
  ];
  const gladly = config.gladly;
  if (gladly)
    checks.push([
      'gladly',
      async () =>
        `${(await gladlyClient(gladly, {}, config.tls).inboxes.list()).length} inboxes readable as ${gladly.email}`,
    ]);
  const wfm = config.wfm;
  if (wfm)
    checks.push([
      'playvox-wfm',
      async () => {
        await wfmClient(wfm, config.tls).auth.headers(); // fetches a token with the access key
        return 'access token issued';
      },
    ]);
  for (const [check, run] of checks) {
    try {
      lines.push({ check, ok: true, detail: await withTimeout(run(), check) });
    } catch (error) {
      lines.push({ check, ok: false, detail: (error as Error).message });
    }
  }
  return lines;
}

async function checkStore(config: BridgeConfig, connection: string): Promise<string> {
  const choice = connectionStoreChoice(config.store, connection);
  if (!choice.url && !existsSync(choice.path))
    throw new Error(`no store at ${choice.path}: \`voxbridge run\` creates it there`);
  await ensureConnectionSchema(config.store, connection);
  const store = await openStore(
    choice,
    { sqlite: { mustExist: true }, poolSize: 1, worker: `check:${process.pid}` },
    {},
  );
  try {
    const counts = await store.counts();
    return `${choice.url ? 'PostgreSQL' : choice.path}: ${counts.events} events, ${counts.interactions.delivered} delivered, ${counts.deadLetters} dead letters`;
  } finally {
    await store.close();
  }
}

async function checkPlayvox(config: BridgeConfig): Promise<string> {
  const name = config.playvox.integration.name;
  const remote = await findIntegration(playvoxClient(config.playvox, undefined, config.tls), name);
  if (!remote) throw new Error(`integration "${name}" does not exist (\`voxbridge apply\` creates it)`);
  const differences = planIntegration(config.playvox, remote, false).filter(isQaChange);
  if (differences.length > 0)
    throw new Error(
      `integration "${name}" differs from the file (\`voxbridge apply\` fixes it): ${differences.map(describeStep).join('; ')}`,
    );
  const extra = (remote.metadata ?? []).length - config.playvox.metadata.length;
  return `integration "${name}" (${remote._id}): ${config.playvox.metadata.length} metadata fields match the file${extra > 0 ? `, ${extra} more in Playvox only` : ''}`;
}

async function checkLiveVox(config: BridgeConfig): Promise<string> {
  const livevox = liveVoxClient(config.livevox, config.tls);
  await livevox.session.login();
  try {
    const services = await livevox.realtime.service.stats();
    return `logged in as ${config.livevox.userName}; ${services.length} services readable`;
  } finally {
    await livevox.session.logout().catch(() => undefined);
  }
}

async function withTimeout<T>(work: Promise<T>, check: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${check}: no answer within ${CHECK_TIMEOUT_MS / 1000} s`)),
      CHECK_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
