/** Starting a local HTTP server: the one place that waits for `listening` and builds the server's URL. */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Where a server listens once {@link listenLocal} has resolved. */
export interface ListeningAddress {
  /** `http://<host>:<port>`, an IPv6 host in brackets. */
  url: string;
  /** The bound address as the OS reports it (`127.0.0.1`, `::1`). */
  host: string;
  /** The bound port (the one the OS chose when asked for port 0). */
  port: number;
}

/**
 * Starts `server` on `host` and `port` (0: any free port) and resolves once it listens; rejects with the
 * server's error (a port in use, an unknown host) when it cannot.
 */
export async function listenLocal(server: Server, port: number, host: string): Promise<ListeningAddress> {
  // `once` rejects on an `error` before `listening` and removes its listeners either way.
  const listening = once(server, 'listening');
  server.listen(port, host);
  await listening;
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { url: `http://${shown}:${address.port}`, host: address.address, port: address.port };
}

/**
 * A port free on 127.0.0.1 at the time of the call, for a process started later (a child, a database
 * server) that must be told its port before it binds.
 */
export async function freeLocalPort(): Promise<number> {
  const server = createServer();
  const { port } = await listenLocal(server, 0, '127.0.0.1');
  await new Promise((resolve) => server.close(resolve));
  return port;
}
