import {
  type LiveVoxConfigPatch,
  type LiveVoxEmulator,
  startLiveVoxEmulator,
} from '@voxbridge/emulator-livevox';
import { LiveVox, type LiveVoxOptions } from '@voxbridge/livevox';

/** The emulator's default login. */
export const CREDENTIALS = {
  accessToken: 'demo-access-token',
  clientName: 'DEMO',
  userName: 'demo',
  password: 'demo-password',
} as const;

/** Starts an emulator on a free loopback port with test-friendly timings. */
export function startEmulator(
  config: LiveVoxConfigPatch = {},
  seed = 1,
  startTime?: number,
): Promise<LiveVoxEmulator> {
  return startLiveVoxEmulator({ port: 0, seed, startTime, config: { feed: { waitMs: 200 }, ...config } });
}

/** A client of `emu` with short retry delays and feed timings (no shared rate limiter between tests). */
export function client(emu: LiveVoxEmulator, options: Partial<LiveVoxOptions> = {}): LiveVox {
  return new LiveVox({
    baseUrl: emu.url,
    ...CREDENTIALS,
    rateLimit: false,
    retry: { baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 2_000 },
    maxRetries: 4,
    ...options,
    feed: {
      longPollTimeoutMs: 5_000,
      sseIdleTimeoutMs: 2_000,
      sseReconnectDelayMs: 10,
      sseMaxReconnectDelayMs: 50,
      ...options.feed,
    },
  });
}

/** Sends an admin request to the emulator and returns its JSON answer. */
export async function admin<T = unknown>(
  emu: LiveVoxEmulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${emu.url}/_emulator${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`admin ${method} ${path} answered ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Logs in directly (the API returns the same session id to the same user and token). */
export async function rawLogin(emu: LiveVoxEmulator): Promise<string> {
  const res = await fetch(`${emu.url}/session/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'lv-access': CREDENTIALS.accessToken },
    body: JSON.stringify({
      clientName: CREDENTIALS.clientName,
      userName: CREDENTIALS.userName,
      password: CREDENTIALS.password,
      agent: false,
    }),
  });
  const body = (await res.json()) as { sessionId: string };
  return body.sessionId;
}

/** Logins the emulator has served (any status). */
export function loginCount(emu: LiveVoxEmulator): number {
  const counts = emu.stats().byRoute['POST /session/login'] ?? {};
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}
