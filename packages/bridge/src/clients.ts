import { dispatcherFor, type HttpClient, type RateLimiter } from '@voxbridge/core';
import { Gladly, type GladlyOptions } from '@voxbridge/gladly';
import { LiveVox } from '@voxbridge/livevox';
import { Playvox, PlayvoxWfm } from '@voxbridge/playvox';
import type { BridgeConfig } from './config/schema.js';
import type { GladlyConfig, WfmConfig } from './config/wfm-schema.js';
import type { Logger } from './observability/logger.js';

/**
 * The API clients both pipelines talk through, built from the configuration: Playvox QA and LiveVox for
 * the QA pipeline, Playvox WFM, Gladly and LiveVox for the WFM pipeline. Each has a circuit breaker
 * named after its destination (`playvox-qa`, `playvox-wfm`, `livevox`, `gladly`): during an outage it
 * fails fast and sends one probe at a time, and `voxbridge_circuit_state{destination}` shows it.
 * Every client honours HTTPS_PROXY/HTTP_PROXY/NO_PROXY and trusts the CAs of `tls.caFile` when it is set.
 */

/** The configuration's `tls` section: extra certificate authorities every client trusts. */
export type TlsConfig = NonNullable<BridgeConfig['tls']>;

/**
 * The client option that makes a client trust `tls.caFile` (one dispatcher per file, shared by every
 * client, still honouring the proxy variables), or nothing, which leaves the client's default.
 */
function trustOf(tls: TlsConfig | undefined): { dispatcher?: ReturnType<typeof dispatcherFor> } {
  return tls?.caFile ? { dispatcher: dispatcherFor({ tls: { caFile: tls.caFile } }) } : {};
}

/**
 * Builds the Playvox client a configuration describes (`rateLimiter`: a budget shared by several workers;
 * `tls`: the configuration's `tls` section).
 */
export function playvoxClient(
  config: BridgeConfig['playvox'],
  rateLimiter?: RateLimiter,
  tls?: TlsConfig,
): Playvox {
  const location = config.baseUrl ? { baseUrl: config.baseUrl } : { subdomain: config.subdomain! };
  return new Playvox({
    ...location,
    uid: config.uid,
    key: config.key,
    rateLimit: config.requestsPerMinute || undefined,
    ...(rateLimiter ? { rateLimiter } : {}),
    ...trustOf(tls),
    destination: 'playvox-qa',
  });
}

/**
 * The name of a Playvox account's rate budget: one per location and uid, so the workers and the
 * connections that talk to the same account spend one budget, and different accounts have their own.
 */
export function playvoxAccountKey(config: BridgeConfig['playvox']): string {
  return `playvox:${config.baseUrl ?? config.subdomain}:${config.uid}`;
}

/** Builds the LiveVox client a configuration describes (`tls`: the configuration's `tls` section). */
export function liveVoxClient(config: BridgeConfig['livevox'], tls?: TlsConfig): LiveVox {
  const location = config.baseUrl ? { baseUrl: config.baseUrl } : { region: config.region! };
  return new LiveVox({
    ...location,
    accessToken: config.accessToken,
    clientName: config.clientName,
    userName: config.userName,
    password: config.password,
    agent: config.agent,
    ...trustOf(tls),
    destination: 'livevox',
  });
}

/** The clients the WFM connector and `applyWfm` talk through. */
export interface WfmClients {
  wfm: PlayvoxWfm;
  /** Present when the configuration has a `gladly` section. */
  gladly?: Gladly;
  /** Present when `livevox.agentFeed` is enabled. */
  livevox?: LiveVox;
}

/** Options of {@link createWfmClients}. */
export interface WfmClientOptions {
  /** The clock Gladly's 24-hour Events API window is judged by (tests pass an emulator's clock). */
  now?: () => number;
  /** Further options of the Gladly client (rate limits, timeouts); `now` above wins. */
  gladly?: GladlyOptions;
}

/** The Playvox WFM client a `wfm` section describes (`tls`: the configuration's `tls` section). */
export function wfmClient(config: WfmConfig, tls?: TlsConfig): PlayvoxWfm {
  const location = config.baseUrl ? { baseUrl: config.baseUrl } : { subdomain: config.subdomain! };
  return new PlayvoxWfm(
    location,
    { accessKeyId: config.accessKeyId, secret: config.secret },
    {
      rateLimit: config.requestsPerMinute || undefined,
      usersBaseUrl: config.usersBaseUrl,
      inboundBatchSize: config.delivery.batchSize,
      ...trustOf(tls),
      destination: 'playvox-wfm',
    },
  );
}

/** The Gladly client a `gladly` section describes (`tls`: the configuration's `tls` section). */
export function gladlyClient(config: GladlyConfig, options: WfmClientOptions = {}, tls?: TlsConfig): Gladly {
  const target = config.baseUrl ? { baseUrl: config.baseUrl } : { org: config.org!, sandbox: config.sandbox };
  return new Gladly(
    target,
    { email: config.email, apiToken: config.apiToken },
    {
      destination: 'gladly',
      ...trustOf(tls),
      ...options.gladly,
      ...(options.now ? { now: options.now } : {}),
    },
  );
}

/** Every client the configuration asks for; throws when the `wfm` section is missing. */
export function createWfmClients(config: BridgeConfig, options: WfmClientOptions = {}): WfmClients {
  if (!config.wfm)
    throw new Error('the configuration has no wfm section: the WFM connector needs a Playvox WFM tenant');
  return {
    wfm: wfmClient(config.wfm, config.tls),
    ...(config.gladly ? { gladly: gladlyClient(config.gladly, options, config.tls) } : {}),
    ...(config.livevox.agentFeed?.enabled ? { livevox: liveVoxClient(config.livevox, config.tls) } : {}),
  };
}

/**
 * With `log.level: debug`, logs one line per request of `http` (an attempt: retries and the repeat
 * after a new session each count): destination, method, path without its query (a query may carry a
 * token; path segments that are secrets are scrubbed by the client), status or error, milliseconds. At
 * any other level nothing is attached, so requests cost nothing extra.
 */
export function logRequests(
  http: HttpClient,
  logger: Logger,
  destination = http.circuit?.destination ?? 'other',
): void {
  if (!logger.isLevelEnabled('debug')) return;
  const pathOf = (path: string) => path.split('?')[0];
  http.on('response', (e) =>
    logger.debug(
      { destination, method: e.method, path: pathOf(e.path), status: e.status, ms: Math.round(e.ms) },
      'request',
    ),
  );
  http.on('failure', (e) =>
    logger.debug(
      {
        destination,
        method: e.method,
        path: pathOf(e.path),
        error: e.error.name,
        ms: Math.round(e.ms),
      },
      'request failed',
    ),
  );
}
