import type { ServerResponse } from 'node:http';
import type { ReadAccess } from './access.js';

/** Headers of the page: nothing but its own files may run, load or frame it, and no referrer leaves it. */
export const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
} as const;

/** Writes a JSON answer. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(JSON.stringify(body));
}

/** What a refused read says; the token itself is never echoed. */
const REFUSALS: Record<Exclude<ReadAccess, 'allowed'>, { status: number; message: string }> = {
  'token-required': {
    status: 401,
    message:
      'This dashboard is served on a non-loopback address and needs its token: open the URL printed at start (…/?token=…).',
  },
  'token-wrong': {
    status: 401,
    message: 'The dashboard token is wrong: open the URL printed at start (…/?token=…).',
  },
  'host-refused': {
    status: 403,
    message:
      'Without a token the dashboard only answers requests addressed to 127.0.0.1, [::1] or localhost.',
  },
};

/** Answers a refused read: plain text for a browser page, JSON for the API and the event stream. */
export function refuseRead(
  res: ServerResponse,
  access: Exclude<ReadAccess, 'allowed'>,
  asText: boolean,
): void {
  const { status, message } = REFUSALS[access];
  const headers: Record<string, string> =
    status === 401 ? { 'www-authenticate': 'Bearer realm="voxbridge-dashboard"' } : {};
  if (asText) {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...PAGE_HEADERS, ...headers });
    res.end(`${message}\n`);
  } else {
    sendJson(res, status, { error: message }, headers);
  }
}
