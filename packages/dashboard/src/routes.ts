import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ExtraRoute } from '@voxbridge/bridge';
import { presentedToken, readAccess, tokenMatches } from './access.js';
import { PAGE_HEADERS, refuseRead, sendJson } from './http.js';
import { formatEvent, type SseHub } from './sse.js';
import type { StaticFile } from './static-files.js';
import type { DeadLetterList, HealthSample, SeriesHistory, WallboardSnapshot } from './types.js';

/** What the page learns first about the dashboard it talks to. */
export interface DashboardHello {
  /** Whether a LiveVox client polls the wallboard. */
  wallboard: boolean;
  pollIntervalMs: number;
  sampleIntervalMs: number;
  deadLetterLimit: number;
  /** The server's clock when this was sent, epoch ms: the page measures every relative time from it. */
  serverTime: number;
}

/** Everything the routes read and do; built by `createDashboard`. */
export interface DashboardState {
  token: string;
  boundHost: string | undefined;
  files: Map<string, StaticFile>;
  hub: SseHub;
  /** True once the dashboard is closed (its routes may stay mounted on a server that lives on). */
  isClosed(): boolean;
  hello(): DashboardHello;
  wallboard(): WallboardSnapshot | undefined;
  health(): HealthSample | undefined;
  history(): SeriesHistory;
  deadLetters(): Promise<DeadLetterList>;
  act(action: 'retry' | 'drop', id: number): Promise<boolean>;
}

const ACTION_PATH = /^\/dashboard\/dead-letters\/(\d{1,15})\/(retry|drop)$/;
const STATIC_PATH = /^\/dashboard\/static\/([A-Za-z0-9._-]+)$/;

/** The current state as the event stream's first events, so a page draws at once. */
async function initialEvents(state: DashboardState): Promise<string> {
  let out = formatEvent('hello', state.hello());
  out += formatEvent('history', state.history());
  const health = state.health();
  if (health) out += formatEvent('health', health);
  const wallboard = state.wallboard();
  if (wallboard) out += formatEvent('wallboard', wallboard);
  out += formatEvent('deadLetters', await state.deadLetters());
  return out;
}

function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: StaticFile,
  headers: Record<string, string>,
): void {
  res.writeHead(200, {
    'content-type': file.contentType,
    'content-length': String(file.body.length),
    ...headers,
  });
  res.end(req.method === 'HEAD' ? undefined : file.body);
}

/** A POST from another site's page: refused even before the token is checked. */
function crossOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined || origin === 'null') return origin === 'null';
  try {
    return new URL(origin).host !== req.headers.host;
  } catch {
    return true;
  }
}

/** The answer to a dead-letter action, as status and body. */
async function actionAnswer(
  req: IncomingMessage,
  state: DashboardState,
  match: RegExpExecArray,
): Promise<[number, unknown, Record<string, string>?]> {
  if (req.method !== 'POST') return [405, { error: 'use POST' }, { allow: 'POST' }];
  if (crossOrigin(req)) return [403, { error: 'cross-origin requests are refused' }];
  // Actions always need the token, sent in a header (never in the URL, which proxies log).
  if (!tokenMatches(presentedToken(req), state.token)) {
    return [
      401,
      { error: 'retry and drop need the dashboard token (X-Dashboard-Token or Authorization: Bearer)' },
      { 'www-authenticate': 'Bearer realm="voxbridge-dashboard"' },
    ];
  }
  const id = Number(match[1]);
  const action = match[2] as 'retry' | 'drop';
  if (!(await state.act(action, id))) return [404, { error: `dead letter ${id} is not in the store` }];
  return [200, { ok: true, id, action }];
}

/** Answers a read of the page, its state or its event stream; false when the path is none of them. */
async function answerRead(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  state: DashboardState,
): Promise<boolean> {
  const path = url.pathname;
  const page = path === '/' || path === '/dashboard' || path === '/dashboard/';
  if (!page && path !== '/dashboard/events' && path !== '/dashboard/state') return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendJson(res, 405, { error: 'use GET' }, { allow: 'GET, HEAD' });
  } else {
    const access = readAccess(req, url, state.token, state.boundHost);
    if (access !== 'allowed') refuseRead(res, access, page);
    else if (page) sendFile(req, res, state.files.get('index.html')!, PAGE_HEADERS);
    else if (path === '/dashboard/state') {
      sendJson(res, 200, {
        hello: state.hello(),
        wallboard: state.wallboard() ?? null,
        health: state.health() ?? null,
        history: state.history(),
        deadLetters: await state.deadLetters(),
      });
    } else state.hub.open(res, await initialEvents(state));
  }
  return true;
}

/**
 * The dashboard's routes: `/` and `/dashboard/` (the page), `/dashboard/static/*`, `/dashboard/events`
 * (server-sent events), `/dashboard/state` (the same state as JSON) and
 * `POST /dashboard/dead-letters/:id/retry|drop`. Other paths are left to the server.
 */
export function buildRoute(state: DashboardState): ExtraRoute {
  return async (req, res, url) => {
    const path = url.pathname;
    if (path !== '/' && path !== '/dashboard' && !path.startsWith('/dashboard/')) return false;
    if (state.isClosed()) {
      sendJson(res, 503, { error: 'the dashboard is closed' });
      return true;
    }
    const action = ACTION_PATH.exec(path);
    if (action) {
      req.resume();
      const [status, body, headers] = await actionAnswer(req, state, action);
      sendJson(res, status, body, headers);
      return true;
    }
    const staticMatch = STATIC_PATH.exec(path);
    if (staticMatch) {
      // The page's script and styles hold nothing secret; the page and the data do.
      const file = staticMatch[1] === 'index.html' ? undefined : state.files.get(staticMatch[1]!);
      if ((req.method === 'GET' || req.method === 'HEAD') && file) {
        sendFile(req, res, file, { 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
      } else {
        sendJson(res, 404, { error: 'no such file' });
      }
      return true;
    }
    if (!(await answerRead(req, res, url, state)))
      sendJson(res, 404, { error: `no dashboard route ${path}` });
    return true;
  };
}
