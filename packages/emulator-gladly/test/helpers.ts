import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  GLADLY_DEFAULT_CREDENTIALS,
  type GladlyEmulator,
  type GladlyEmulatorOptions,
  startGladlyEmulator,
} from '@voxbridge/emulator-gladly';
import { afterEach } from 'vitest';

/** One request a test receiver got. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed body; `{}` when the body is empty or not JSON (see `raw`). */
  body: { type?: string; [key: string]: unknown };
  /** The body as received. */
  raw: string;
}

/** How a receiver answers: a status, optionally after a delay. */
export type Answer = number | { status: number; delayMs: number };

/** A tiny webhook receiver on 127.0.0.1 that records what it gets. */
export interface Receiver {
  url: string;
  received: ReceivedRequest[];
  /** Requests other than PING. */
  deliveries(): ReceivedRequest[];
  /** The most requests that were open at once. */
  maxInFlight(): number;
  close(): Promise<void>;
}

/** Starts a receiver; `answer` decides the status of each request (default 200). */
export async function startReceiver(
  answer: (request: ReceivedRequest) => Answer = () => 200,
): Promise<Receiver> {
  const received: ReceivedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let inFlight = 0;
  let maxInFlight = 0;
  const server = createServer((req, res) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => {
      inFlight -= 1;
    });
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const request: ReceivedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: parseOrEmpty(text),
        raw: text,
      };
      received.push(request);
      const decision = answer(request);
      const { status, delayMs } = typeof decision === 'number' ? { status: decision, delayMs: 0 } : decision;
      const reply = () => {
        if (!res.destroyed) res.writeHead(status, { 'content-type': 'text/plain' }).end('ok');
      };
      if (delayMs > 0) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          reply();
        }, delayMs);
        timers.add(timer);
      } else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    deliveries: () => received.filter((request) => request.body.type !== 'PING'),
    maxInFlight: () => maxInFlight,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The Basic authorization header of the default API user. */
export const AUTH = `Basic ${Buffer.from(`${GLADLY_DEFAULT_CREDENTIALS.email}:${GLADLY_DEFAULT_CREDENTIALS.apiToken}`).toString('base64')}`;

/** A raw request to the emulator with the default credentials. */
export async function call(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; text: string; json: () => unknown }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      authorization: AUTH,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
}

/** Fixed start time for reproducible runs. */
export const START = Date.parse('2025-03-10T16:00:00.000Z');

/**
 * What a test file starts: emulators (at {@link START} unless told otherwise) and receivers, all closed
 * after each test.
 */
export function harness(): {
  emulator(options?: GladlyEmulatorOptions): Promise<GladlyEmulator>;
  receiver(...args: Parameters<typeof startReceiver>): Promise<Receiver>;
} {
  const open: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((item) => item.close()));
  });
  const track = <T extends { close(): Promise<void> }>(item: T): T => {
    open.push(item);
    return item;
  };
  return {
    emulator: async (options = {}) => track(await startGladlyEmulator({ startTime: START, ...options })),
    receiver: async (...args) => track(await startReceiver(...args)),
  };
}

/** A JSON body as an object; `{}` for an empty body or one that is not a JSON object (planted poison). */
function parseOrEmpty(text: string): ReceivedRequest['body'] {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as ReceivedRequest['body'])
      : {};
  } catch {
    return {};
  }
}
