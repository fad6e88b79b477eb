import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BridgeMetrics } from './metrics.js';

/** What the health endpoints report. */
export interface HealthReport {
  /** The process is alive and its loops are running. */
  live: boolean;
  /** Source and sink are connected: the feed answered and the Playvox integration is known. */
  ready: boolean;
  details: Record<string, unknown>;
}

/** A route the server delegates to (the dashboard adds its own). */
export type ExtraRoute = (req: IncomingMessage, res: ServerResponse, url: URL) => boolean | Promise<boolean>;

/** Options of {@link startBridgeServer}. */
export interface BridgeServerOptions {
  host: string;
  port: number;
  metrics: BridgeMetrics;
  health: () => HealthReport;
  routes?: ExtraRoute[];
}

/**
 * The bridge's HTTP server: `/metrics`, `/healthz`, `/readyz` (with the open circuits and why, under
 * `details.openCircuits`, and the last error of every kind under `details.lastErrors`), plus extra routes.
 * Binds 127.0.0.1 by default.
 */
export async function startBridgeServer(
  options: BridgeServerOptions,
): Promise<{ server: Server; url: string; addRoute(route: ExtraRoute): void; close(): Promise<void> }> {
  const routes = [...(options.routes ?? [])];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://bridge');
    try {
      if (req.method === 'GET' && url.pathname === '/metrics') {
        const body = await options.metrics.registry.metrics();
        res.writeHead(200, { 'content-type': options.metrics.registry.contentType });
        return void res.end(body);
      }
      if (req.method === 'GET' && (url.pathname === '/healthz' || url.pathname === '/readyz')) {
        const report = options.health();
        const ok = url.pathname === '/healthz' ? report.live : report.ready;
        // Open circuits are reported, not made a reason to be unready: a worker that cannot reach Playvox
        // still stores what its sources send (the Gladly webhook), and delivers it once the circuit closes.
        const circuits = options.metrics.circuits.openCircuits();
        // The last error of every kind is reported too; none of them changes the answer's status.
        const lastErrors = options.metrics.errors.snapshot();
        res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
        return void res.end(
          JSON.stringify({
            ok,
            ...report,
            details: { ...report.details, openCircuits: circuits, lastErrors },
          }),
        );
      }
      for (const route of routes) if (await route(req, res, url)) return;
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: `no route for ${req.method} ${url.pathname}` }));
    } catch (error) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: (error as Error).message }));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    server,
    url: `http://${host}:${address.port}`,
    addRoute: (route) => routes.push(route),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
