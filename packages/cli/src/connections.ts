import {
  type BridgeConnection,
  DEFAULT_CONNECTION,
  loadConnections,
  selectConnections,
} from '@voxbridge/bridge';

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
