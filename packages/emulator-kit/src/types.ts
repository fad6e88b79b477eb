import type { Server } from 'node:http';
import type { RateLimitConfig } from './rate-limit.js';
import type { RouteContext, Router } from './router.js';

/** Configuration every emulator has; each emulator extends it with its own keys. */
export interface BaseEmulatorConfig {
  /** Per-credential request limit; `requestsPerMinute` 0 means no limit. */
  rateLimit: RateLimitConfig;
  /** Compress JSON answers with gzip when the client accepts it. Default true. */
  gzip?: boolean;
  /** The largest request body accepted; a larger one is answered 413. Default 5 MiB. */
  maxBodyBytes?: number;
}

/** What an emulator plugs into the shared server. */
export interface EmulatorDefinition<C extends BaseEmulatorConfig = BaseEmulatorConfig> {
  /** Short name (`playvox`), used in logs and the health answer. */
  name: string;
  /** The API routes. */
  router: Router;
  /** Extra admin routes under `/_emulator/` (paths relative to it, such as `/clock`). */
  adminRouter?: Router;
  /** Defaults of the configuration; `PUT /_emulator/config` merges into a copy. */
  defaultConfig: C;
  /** Checks a merged configuration; returns an error message naming the key, or undefined. */
  validateConfig?(config: C): string | undefined;
  /** Called after the configuration changed. */
  onConfig?(config: C): void;
  /**
   * Recognises the credential of an API request. Return the credential's key (for rate limiting),
   * or undefined when the request is not authenticated (the server answers 401 with `errorBody`).
   * Routes listed in `publicRoutes` skip it.
   */
  authenticate(ctx: RouteContext): string | undefined | Promise<string | undefined>;
  /** Route patterns (`POST /session/login`) served without authentication. */
  publicRoutes?: string[];
  /** The API's own error body for a status and message. */
  errorBody(status: number, message: string, details?: Record<string, unknown>): unknown;
  /** Restores the initial state (`POST /_emulator/reset`). */
  reset(): void;
  /** The OpenAPI 3.1 document of what the emulator serves. */
  openapi(): unknown;
  /** Called when the server closes (stop timers). */
  close?(): void;
}

/** Where to listen. */
export interface ListenOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (a free port). */
  port?: number;
}

/** A started emulator. */
export interface RunningEmulator<C extends BaseEmulatorConfig = BaseEmulatorConfig> {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** The address bound (`127.0.0.1` by default). */
  host: string;
  /** The port bound (a free one when 0 was asked for). */
  port: number;
  /** The underlying Node server. */
  server: Server;
  /** The live configuration. */
  config(): C;
  /** Merges a partial configuration, as `PUT /_emulator/config` does. */
  configure(patch: unknown): C;
  /** Request counts by route and status. */
  /** A snapshot of the request counts (later requests do not change it). */
  stats(): EmulatorStats;
  /** Restores the initial state, faults, limits, stats and configuration, as `POST /_emulator/reset` does. */
  reset(): void;
  /** Stops accepting requests, ends open connections and stops the emulator's timers. */
  close(): Promise<void>;
}

/** Request counts, as `GET /_emulator/stats` returns them (admin requests are not counted). */
export interface EmulatorStats {
  /** API requests received. */
  total: number;
  /**
   * Counts by route (`GET /api/v1/users/:id`, or `GET (unmatched)`) and then by status. A request a fault
   * rule answered counts under its route with the injected status; a dropped one with status 0.
   */
  byRoute: Record<string, Record<string, number>>;
  /** Counts by status (0 for connections dropped, or abandoned by the client, before an answer). */
  byStatus: Record<string, number>;
  /** Requests a fault rule applied to (answered, delayed, dropped or cut). */
  faults: number;
}
