// Only the configuration and the store (`@voxbridge/bridge/state`): no API client, pipeline or
// progress display is loaded, so that `voxbridge status` answers at once.
import {
  type BridgeConfig,
  type BridgeConnection,
  DEFAULT_CONNECTION,
  ERROR_KINDS,
  INTERACTION_STREAM,
  lastClosedGap,
  type PostgresStore,
  postgresStoreOf,
  readLastErrors,
} from '@voxbridge/bridge/state';
import type { Command } from 'commander';
import { connectionsOf, named, withConnectionStore } from '../connections.js';
import { configCommand, EVERY_CONNECTION } from '../options.js';

/** `voxbridge status`: checkpoint age, queue, dead letters and last errors of each connection's store. */
export function registerStatus(program: Command): void {
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
}

/** The figures of `voxbridge status`. */
export function readStatus(config: BridgeConfig, connection: string = DEFAULT_CONNECTION) {
  return withConnectionStore(config, connection, async (store) => {
    const counts = await store.counts();
    const checkpoint = await store.getCheckpoint(INTERACTION_STREAM);
    const lastError = await store.getLastError();
    const i = counts.interactions;
    const postgres = await postgresStoreOf(store);
    const cluster: Partial<Awaited<ReturnType<typeof readCluster>>> = postgres
      ? await readCluster(postgres)
      : {};
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
