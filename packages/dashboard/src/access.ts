import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/** A new random dashboard token (32 bytes, base64url). */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Compares a presented token with the dashboard's in constant time: both are hashed first, so neither
 * their contents nor their lengths change how long the comparison takes.
 */
export function tokenMatches(presented: string | undefined, expected: string): boolean {
  if (presented === undefined) return false;
  const a = createHash('sha256').update(presented, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/** True for a loopback address or name (`127.0.0.0/8`, `::1`, `localhost`). */
export function isLoopback(host: string | undefined): boolean {
  if (!host) return false;
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  const lower = bare.toLowerCase();
  if (lower === 'localhost' || lower.endsWith('.localhost')) return true;
  if (lower === '::1') return true;
  const v4 = lower.startsWith('::ffff:') ? lower.slice(7) : lower;
  return isIP(v4) === 4 && v4.startsWith('127.');
}

/** The host name of a `Host` header (`127.0.0.1:9464` → `127.0.0.1`, `[::1]:80` → `[::1]`). */
export function hostNameOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  if (header.startsWith('[')) {
    const end = header.indexOf(']');
    return end > 0 ? header.slice(0, end + 1) : undefined;
  }
  const colon = header.indexOf(':');
  return colon >= 0 ? header.slice(0, colon) : header;
}

/**
 * The token a request presents: `Authorization: Bearer …`, an `X-Dashboard-Token` header, or (for the
 * page and its event stream, which a browser opens without custom headers) the `token` query parameter of
 * `urlForQuery`.
 */
export function presentedToken(req: IncomingMessage, urlForQuery?: URL): string | undefined {
  const authorization = req.headers.authorization;
  if (typeof authorization === 'string' && /^bearer\s+/i.test(authorization))
    return authorization.replace(/^bearer\s+/i, '');
  const header = req.headers['x-dashboard-token'];
  if (typeof header === 'string' && header !== '') return header;
  if (urlForQuery) {
    const query = urlForQuery.searchParams.get('token');
    if (query !== null && query !== '') return query;
  }
  return undefined;
}

/** How a request may read the dashboard. */
export type ReadAccess = 'allowed' | 'token-required' | 'token-wrong' | 'host-refused';

/**
 * Decides whether a request may read the page, its state and its event stream. A right token always
 * may; a wrong one never. Without one, only a server bound to loopback answers, and only to a request
 * whose `Host` names loopback (a page on another site cannot reach it through DNS rebinding).
 */
export function readAccess(
  req: IncomingMessage,
  url: URL,
  token: string,
  boundHost: string | undefined,
): ReadAccess {
  const presented = presentedToken(req, url);
  if (presented !== undefined) return tokenMatches(presented, token) ? 'allowed' : 'token-wrong';
  const local = boundHost !== undefined ? isLoopback(boundHost) : isLoopback(req.socket.localAddress);
  if (!local) return 'token-required';
  return isLoopback(hostNameOf(req.headers.host)) ? 'allowed' : 'host-refused';
}
