import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  GLADLY_DEFAULT_CREDENTIALS,
  type GladlyEmulator,
  type GladlyEmulatorOptions,
  startGladlyEmulator,
} from '@voxbridge/emulator-gladly';
import { Gladly, type GladlyOptions } from '@voxbridge/gladly';

/** Fixed simulated start time, so that runs are reproducible. */
export const START = Date.parse('2025-03-10T16:00:00.000Z');
export const HOUR = 3_600_000;

/** Emulators and receivers started by a test file, closed by {@link closeAll}. */
const open: Array<{ close(): Promise<void> }> = [];

/** Starts an emulator at {@link START} (unless told otherwise). */
export async function emulator(options: GladlyEmulatorOptions = {}): Promise<GladlyEmulator> {
  const emu = await startGladlyEmulator({ startTime: START, ...options });
  open.push(emu);
  return emu;
}

/**
 * A client of an emulator. Its clock is the emulator's (for the 24-hour check of the Events API);
 * unless `defaults` is set, it may spend the emulator's budget faster than Gladly's real one.
 */
export function clientOf(
  emu: GladlyEmulator,
  options: GladlyOptions = {},
  credentials = GLADLY_DEFAULT_CREDENTIALS,
): Gladly {
  return new Gladly({ baseUrl: emu.url }, credentials, { now: () => emu.clock.now(), ...options });
}

/** Lifts the emulator's request limit so that functional tests do not wait for the rate limiter. */
export const FAST_LIMITS: GladlyEmulatorOptions['config'] = { rateLimit: { requestsPerMinute: 0 } };
/** A client budget matching {@link FAST_LIMITS}. */
export const FAST_CLIENT: GladlyOptions = {
  rateLimit: { requestsPerSecond: 1000, burst: 100 },
  reportRateLimit: { requestsPerSecond: 100, burst: 10, maxConcurrent: 2 },
};

/** One request a receiver got. */
export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  body: { type?: string; [key: string]: unknown };
}

/** A tiny webhook receiver on 127.0.0.1. */
export async function receiver(
  answer: (request: ReceivedRequest) => number = () => 200,
): Promise<{ url: string; received: ReceivedRequest[] }> {
  const received: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = {
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'),
      };
      received.push(request);
      res.writeHead(answer(request)).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  open.push({
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/gladly`, received };
}

/** Closes everything the test file started. */
export async function closeAll(): Promise<void> {
  await Promise.all(open.splice(0).map((item) => item.close()));
}
