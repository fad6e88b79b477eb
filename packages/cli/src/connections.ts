import {
  type BridgeConfig,
  type BridgeConnection,
  type BridgeStore,
  connectionStoreChoice,
  DEFAULT_CONNECTION,
  ensureConnectionSchema,
  loadConnections,
  openStore,
  selectConnections,
} from '@voxbridge/bridge/state';

/**
 * How the commands pick the connections of a configuration file they act on: every connection, or the
 * one `--connection` names (an unknown name lists the known ones).
 */
export function connectionsOf(file: string, name: string | undefined): BridgeConnection[] {
  return selectConnections(loadConnections(file), name);
}

/**
 * The one connection a command that works on a single connection acts on (`dlq retry`, `dashboard`):
 * the file's only one, or the one `--connection` names; with several and no name, an error naming them.
 */
export function oneConnection(command: string, file: string, name: string | undefined): BridgeConnection {
  const connections = connectionsOf(file, name);
  if (connections.length > 1)
    throw new Error(
      `${command}: --connection is required, the file has ${connections.length} connections (${connections.map((c) => c.name).join(', ')})`,
    );
  return connections[0]!;
}

/** Whether the output names each connection: the file lists connections (a plain file keeps its output). */
export function named(connections: BridgeConnection[]): boolean {
  return connections.length > 1 || connections[0]?.name !== DEFAULT_CONNECTION;
}

/**
 * Opens a connection's store beside a running `voxbridge run` (no run lock: SQLite's WAL lets both
 * write, and the running bridge picks up what a command queued on its next pass), runs `work` and
 * closes it. A SQLite file that is not there yet is refused (`status`, `dlq`) unless `mustExist` is
 * false (`backfill` and `reconcile --fix` may queue into a new store for the first run).
 */
export async function withConnectionStore<T>(
  config: BridgeConfig,
  connection: string,
  work: (store: BridgeStore) => Promise<T>,
  options: { mustExist?: boolean } = {},
): Promise<T> {
  await ensureConnectionSchema(config.store, connection);
  // The connection's own file or schema (VOXBRIDGE_STORE_URL already applied, hence the empty environment).
  const store = await openStore(
    connectionStoreChoice(config.store, connection),
    {
      sqlite: { mustExist: options.mustExist ?? true },
      poolSize: 2,
      worker: `cli:${process.pid}`,
      retry: {
        signal: AbortSignal.timeout(30_000),
        onRetry: (error, _attempt, delayMs) =>
          process.stderr.write(`${error.message}; retrying in ${(delayMs / 1000).toFixed(0)} s\n`),
      },
    },
    {},
  );
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
