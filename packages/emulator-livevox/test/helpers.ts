import { request } from 'node:http';
import {
  LIVEVOX_DEFAULT_CREDENTIALS,
  type LiveVoxConfigPatch,
  type LiveVoxEmulator,
  type LiveVoxEmulatorOptions,
  startLiveVoxEmulator,
} from '@voxbridge/emulator-livevox';
import { afterAll, beforeAll, beforeEach } from 'vitest';

/** A fixed simulated start: 2024-03-05 10:00 at the default -04:00 offset (mid-morning, far from midnight). */
export const START = Date.UTC(2024, 2, 5, 14, 0, 0);
/** A clock speed so small that simulated time only moves when a test advances it. */
export const FROZEN = 1e-9;

/** Starts an emulator with a frozen clock at {@link START} unless told otherwise. */
export function startEmulator(options: LiveVoxEmulatorOptions = {}): Promise<LiveVoxEmulator> {
  return startLiveVoxEmulator({ speed: FROZEN, startTime: START, ...options });
}

/** A JSON answer: status, parsed body (undefined when empty), headers. */
export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** Sends a request with plain fetch and parses the JSON answer. */
export async function call<T = any>(
  emu: LiveVoxEmulator,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string>; session?: string } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.session) headers['lv-session'] = options.session;
  const response = await fetch(emu.url + path, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

/** Logs in with the default credentials (or the given ones) and returns the session id. */
export async function login(
  emu: LiveVoxEmulator,
  overrides: Record<string, unknown> = {},
  accessToken: string = LIVEVOX_DEFAULT_CREDENTIALS.accessToken,
): Promise<string> {
  const { accessToken: _token, ...credentials } = LIVEVOX_DEFAULT_CREDENTIALS;
  const answer = await call(emu, 'POST', '/session/login', {
    body: { ...credentials, ...overrides },
    headers: { 'lv-access': accessToken },
  });
  if (answer.status !== 200) throw new Error(`login failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.sessionId;
}

/** Reads the interaction feed from `token` until a page comes back short; returns the events and the last token. */
export async function drainFeed(
  emu: LiveVoxEmulator,
  session: string,
  token: string,
  options: { count?: number; filter?: unknown; path?: string; maxPages?: number } = {},
): Promise<{ events: any[]; token: string; pages: number }> {
  const count = options.count ?? 1000;
  const events: any[] = [];
  let pages = 0;
  for (; pages < (options.maxPages ?? 200); pages++) {
    const answer = await call(emu, 'POST', `${options.path ?? '/realtime/event/feed'}?count=${count}`, {
      session,
      body: { token, ...(options.filter ? { filter: options.filter } : {}) },
    });
    if (answer.status !== 200) throw new Error(`feed: ${answer.status} ${JSON.stringify(answer.body)}`);
    const page = answer.body.events ?? answer.body.agentEvent;
    events.push(...page);
    token = answer.body.token;
    if (page.length < count) break;
  }
  return { events, token, pages: pages + 1 };
}

/** A first token of the interaction feed. */
export async function firstToken(
  emu: LiveVoxEmulator,
  session: string,
  path = '/realtime/event/feed',
): Promise<string> {
  const answer = await call(emu, 'POST', path, { session, body: {} });
  if (answer.status !== 200) throw new Error(`first token: ${answer.status}`);
  return answer.body.token;
}

/** Raw POST over node:http, for answers whose bytes matter (gzip) or that stream (SSE). */
export function rawPost(
  emu: LiveVoxEmulator,
  path: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<import('node:http').IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = request(
      emu.url + path,
      { method: 'POST', headers: { 'content-type': 'application/json', ...headers } },
      resolve,
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/** Waits `ms` real milliseconds. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One emulator for a test file, reset before each test (then `config` applied) with a fresh session:
 * `use` receives both before each test.
 */
export function freshEmulatorEachTest(
  config: LiveVoxConfigPatch | undefined,
  use: (emu: LiveVoxEmulator, session: string) => void,
): void {
  let emu: LiveVoxEmulator;
  beforeAll(async () => {
    emu = await startEmulator();
  });
  afterAll(() => emu.close());
  beforeEach(async () => {
    emu.reset();
    if (config) emu.configure(config);
    use(emu, await login(emu));
  });
}
