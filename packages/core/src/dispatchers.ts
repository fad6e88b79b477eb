import { readFileSync } from 'node:fs';
import * as tls from 'node:tls';
import { Agent, type Dispatcher, EnvHttpProxyAgent } from 'undici';
import { ValidationError } from './errors.js';

/** TLS settings for corporate networks. */
export interface TlsOptions {
  /**
   * A PEM file of extra certificate authorities to trust (a proxy that inspects TLS, an internal CA).
   * Read once per path. They are added to Node's bundled roots (and to `NODE_EXTRA_CA_CERTS`, if set),
   * not put in their place.
   */
  caFile?: string;
}

/** How a client reaches the network, as {@link dispatcherFor} reads it. */
export interface NetworkOptions {
  /**
   * A proxy URL (`http://proxy.corp:3128`) for every request except those `noProxy` names; `false`
   * ignores `HTTPS_PROXY`/`HTTP_PROXY`. Default: the environment's `HTTPS_PROXY`, `HTTP_PROXY` and
   * `NO_PROXY` (lower-case names win, as curl reads them).
   */
  proxy?: string | false;
  /** Hosts that bypass the proxy (`NO_PROXY` syntax: `localhost,.corp.example,10.0.0.1:8080`, `*`). */
  noProxy?: string;
  /** Extra certificate authorities. */
  tls?: TlsOptions;
}

/** Options every dispatcher the core builds shares: a keep-alive pool per origin. */
const POOL_OPTIONS = {
  keepAliveTimeout: 10_000,
  keepAliveMaxTimeout: 60_000,
  connections: 64,
  pipelining: 1,
} as const;

let sharedAgent: Agent | undefined;
/** The keep-alive pool used when no dispatcher, proxy or CA is configured. */
export function defaultDispatcher(): Agent {
  sharedAgent ??= new Agent(POOL_OPTIONS);
  return sharedAgent;
}

/** The proxy settings of the environment, as undici's `EnvHttpProxyAgent` reads them. */
export function proxyFromEnv(env: NodeJS.ProcessEnv = process.env): {
  httpProxy: string | undefined;
  httpsProxy: string | undefined;
  noProxy: string;
} {
  const pick = (name: string) => env[name.toLowerCase()] || env[name] || undefined;
  return { httpProxy: pick('HTTP_PROXY'), httpsProxy: pick('HTTPS_PROXY'), noProxy: pick('NO_PROXY') ?? '' };
}

const shared = new Map<string, Dispatcher>();
const caFiles = new Map<string, string[]>();

/**
 * The dispatcher for a client's network options: the shared keep-alive pool when nothing is set, else
 * one shared `EnvHttpProxyAgent` (or `Agent` with a CA) per distinct setting. Dispatchers are shared so
 * that many clients with one setting reuse their connections.
 */
export function dispatcherFor(options: NetworkOptions): Dispatcher {
  const ca = options.tls?.caFile === undefined ? undefined : trustedCas(options.tls.caFile);
  let httpProxy: string | undefined;
  let httpsProxy: string | undefined;
  let noProxy: string;
  if (options.proxy === false) {
    noProxy = '';
  } else if (options.proxy !== undefined) {
    checkProxyUrl(options.proxy, 'proxy');
    httpProxy = options.proxy;
    httpsProxy = options.proxy;
    noProxy = options.noProxy ?? proxyFromEnv().noProxy;
  } else {
    const env = proxyFromEnv();
    if (env.httpProxy) checkProxyUrl(env.httpProxy, 'HTTP_PROXY');
    if (env.httpsProxy) checkProxyUrl(env.httpsProxy, 'HTTPS_PROXY');
    ({ httpProxy, httpsProxy } = env);
    noProxy = options.noProxy ?? env.noProxy;
  }
  if (!httpProxy && !httpsProxy && !ca) return defaultDispatcher();
  const key = JSON.stringify([httpProxy, httpsProxy, noProxy, options.tls?.caFile]);
  let dispatcher = shared.get(key);
  if (!dispatcher) {
    const tlsOptions = ca ? { connect: { ca }, requestTls: { ca }, proxyTls: { ca } } : {};
    dispatcher =
      httpProxy || httpsProxy
        ? new EnvHttpProxyAgent({
            ...POOL_OPTIONS,
            ...tlsOptions,
            // undici reads the environment for an undefined value; '' says "none" (https then falls
            // back to the HTTP proxy, as undici does with the environment).
            httpProxy: httpProxy ?? '',
            httpsProxy: httpsProxy ?? '',
            noProxy,
          })
        : new Agent({ ...POOL_OPTIONS, ...tlsOptions });
    shared.set(key, dispatcher);
  }
  return dispatcher;
}

function checkProxyUrl(value: string, field: string): void {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    // The value may hold proxy credentials: name the rule, not the value.
    throw new ValidationError(field, 'must be an absolute http:// or https:// proxy URL');
  }
}

/** Node's default trust store plus the PEM certificates of `caFile`, read once per path. */
function trustedCas(caFile: string): string[] {
  let cas = caFiles.get(caFile);
  if (cas) return cas;
  let pem: string;
  try {
    pem = readFileSync(caFile, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'unreadable';
    throw new ValidationError('tls.caFile', `cannot read ${caFile} (${code})`);
  }
  const own = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
  if (!own) throw new ValidationError('tls.caFile', `${caFile} holds no PEM certificate`);
  cas = [...defaultCas(), ...own];
  caFiles.set(caFile, cas);
  return cas;
}

/** The CAs Node trusts by default: an explicit `ca` replaces them, so they are passed along. */
function defaultCas(): string[] {
  const getter = (tls as { getCACertificates?: (type: string) => string[] }).getCACertificates;
  if (getter) return getter('default');
  const extra = process.env.NODE_EXTRA_CA_CERTS;
  let extras: string[] = [];
  if (extra) {
    try {
      extras =
        readFileSync(extra, 'utf8').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ??
        [];
    } catch {
      // Node itself only warns about an unreadable NODE_EXTRA_CA_CERTS; do the same by ignoring it.
    }
  }
  return [...tls.rootCertificates, ...extras];
}
