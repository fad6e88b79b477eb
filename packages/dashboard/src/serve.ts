import { createServer, type Server } from 'node:http';
import { listenLocal } from '@voxbridge/core';
import type { Dashboard } from './dashboard.js';

/** Options of {@link serveDashboard}. */
export interface ServeDashboardOptions {
  dashboard: Dashboard;
  /** Address to bind. Default 127.0.0.1; anything else should go with `createDashboard({ host })`. */
  host?: string;
  /** Port; 0 picks a free one. Default 9465 (the bridge's default port + 1). */
  port?: number;
}

/** A dashboard served by its own HTTP server. */
export interface ServedDashboard {
  server: Server;
  /** `http://127.0.0.1:9465` */
  url: string;
  /** The page's URL with its token. */
  pageUrl: string;
  /** Closes the dashboard, then the server and its open connections. */
  close(): Promise<void>;
}

/** Serves a dashboard on an HTTP server of its own (`voxbridge dashboard`, away from the bridge process). */
export async function serveDashboard(options: ServeDashboardOptions): Promise<ServedDashboard> {
  const { dashboard } = options;
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://dashboard');
    try {
      if (await dashboard.route(req, res, url)) return;
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: `no route for ${req.method} ${url.pathname}` }));
    } catch (error) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: (error as Error).message }));
    }
  });
  const { url } = await listenLocal(server, options.port ?? 9465, options.host ?? '127.0.0.1');
  return {
    server,
    url,
    pageUrl: dashboard.url(url),
    close: async () => {
      await dashboard.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
