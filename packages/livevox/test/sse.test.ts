import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { LiveVoxEmulator, Truth } from '@voxbridge/emulator-livevox';
import {
  AbortError,
  ConnectionError,
  type InteractionEvent,
  type LiveVox,
  type SseReconnect,
} from '@voxbridge/livevox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, client, startEmulator } from './helpers.js';

interface Backlog {
  backlog: { events: number };
}

/** Bounded wait for a condition checked every 10 ms. */
async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The server-side sockets of the SSE requests the emulator receives from now on. */
function sseSockets(emu: LiveVoxEmulator): Socket[] {
  const sockets: Socket[] = [];
  emu.server.on('request', (req: IncomingMessage) => {
    if (req.url?.startsWith('/realtime/event/feed/sse')) sockets.push(req.socket);
  });
  return sockets;
}

/**
 * Consumes a stream in the background, collecting events and tokens, for at most `maxBatches` batches.
 * The loop breaks by itself once `stopAt` events arrived; `stop()` aborts it from outside (the way to
 * end a stream that is waiting for events).
 */
function consume(
  open: (signal: AbortSignal) => AsyncGenerator<{ events: InteractionEvent[]; token: string }>,
  stopAt = Infinity,
  maxBatches = 5_000,
) {
  const controller = new AbortController();
  const events: InteractionEvent[] = [];
  const tokens: string[] = [];
  const done = (async () => {
    let batches = 0;
    for await (const batch of open(controller.signal)) {
      events.push(...batch.events);
      tokens.push(batch.token);
      expect(batch.token).toBe(batch.events[batch.events.length - 1]?.eventId);
      if (events.length >= stopAt || ++batches >= maxBatches) break;
    }
  })().catch((error: unknown) => {
    if (!(error instanceof AbortError)) throw error;
  });
  return {
    events,
    tokens,
    done,
    async stop() {
      controller.abort();
      await done;
    },
  };
}

function expectUnique(events: InteractionEvent[]): void {
  expect(new Set(events.map((event) => event.eventId)).size).toBe(events.length);
}

describe('SSE interaction feed', () => {
  let emu: LiveVoxEmulator;
  let lv: LiveVox;

  beforeAll(async () => {
    emu = await startEmulator({ sse: { keepaliveMs: 100, idleCloseMs: 60_000 } });
    lv = client(emu);
  });
  afterAll(() => emu.close());

  async function headToken(): Promise<string> {
    return (await lv.realtime.interactionEvents.feed().next()).value!.token;
  }

  async function generate(calls: number, seed: number): Promise<number> {
    return (await admin<Backlog>(emu, 'POST', '/traffic', { calls, sms: 50, emails: 50, seed })).backlog
      .events;
  }

  it('streams a backlog as batches whose token is the last eventId, and break closes the connection', async () => {
    const start = await headToken();
    const expected = await generate(300, 11);
    const truth = await admin<Truth>(emu, 'GET', '/truth?summary=true');
    const events: InteractionEvent[] = [];
    const sockets = sseSockets(emu);
    for await (const batch of lv.realtime.interactionEvents.stream({ token: start, count: 1000 })) {
      events.push(...batch.events);
      expect(batch.token).toBe(batch.events[batch.events.length - 1]?.eventId);
      if (events.length >= expected) {
        expect(sockets).toHaveLength(1);
        expect(sockets[0]?.destroyed).toBe(false);
        break;
      }
    }
    expect(events).toHaveLength(expected);
    expect(truth.events).toBe(expected);
    expectUnique(events);
    expect(events.every((event) => event.occurredAt instanceof Date)).toBe(true);
    // Leaving the loop released the streaming connection.
    await until(() => sockets[0]?.destroyed === true);
  });

  it('resumes after a dropped connection from the last eventId: nothing missed, nothing repeated', async () => {
    const start = await headToken();
    const first = await generate(200, 12);
    const reconnects: SseReconnect[] = [];
    const slow = client(emu, { feed: { sseReconnectDelayMs: 300, sseMaxReconnectDelayMs: 300 } });
    const stream = consume((signal) =>
      slow.realtime.interactionEvents.stream({
        token: start,
        signal,
        onReconnect: (info) => reconnects.push(info),
      }),
    );
    await until(() => stream.events.length >= first);
    const lastBeforeDrop = stream.tokens[stream.tokens.length - 1];
    emu.server.closeAllConnections();
    // Events created while the client is away must still arrive: it resumes from the last eventId.
    const second = await generate(200, 13);
    await until(() => stream.events.length >= first + second);
    await stream.stop();
    expect(stream.events).toHaveLength(first + second);
    expectUnique(stream.events);
    expect(reconnects.length).toBeGreaterThanOrEqual(1);
    expect(reconnects[0]?.token).toBe(lastBeforeDrop);
    expect(reconnects[0]?.reason).toMatch(/dropped|closed/);
  });

  it('renews a connection that stays silent past the idle timeout', async () => {
    await admin(emu, 'PUT', '/config', { sse: { keepaliveMs: 60_000 } });
    try {
      const start = await headToken();
      const reconnects: SseReconnect[] = [];
      const impatient = client(emu, { feed: { sseIdleTimeoutMs: 150 } });
      const stream = consume((signal) =>
        impatient.realtime.interactionEvents.stream({
          token: start,
          signal,
          onReconnect: (info) => reconnects.push(info),
        }),
      );
      const first = await generate(50, 14);
      await until(() => stream.events.length >= first && reconnects.length >= 1);
      expect(reconnects[0]?.reason).toMatch(/no data for 150 ms/);
      const second = await generate(50, 15);
      await until(() => stream.events.length >= first + second);
      await stream.stop();
      expectUnique(stream.events);
      expect(stream.events).toHaveLength(first + second);
    } finally {
      await admin(emu, 'PUT', '/config', { sse: { keepaliveMs: 100 } });
    }
  });

  it('keeps a quiet connection open while keepalives arrive', async () => {
    const reconnects: SseReconnect[] = [];
    const patient = client(emu, { feed: { sseIdleTimeoutMs: 1_000 } });
    const token = await headToken();
    const sockets = sseSockets(emu);
    const stream = consume((signal) =>
      patient.realtime.interactionEvents.stream({
        token,
        signal,
        onReconnect: (info) => reconnects.push(info),
      }),
    );
    // Keepalives every 100 ms reset the 1 s idle timeout: fifteen of them pass without a reconnect.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(reconnects).toEqual([]);
    expect(sockets).toHaveLength(1);
    // Aborting a stream that waits for events ends it and closes its connection.
    await stream.stop();
    await until(() => sockets[0]?.destroyed === true);
  });

  it("reconnects after the server's idle close", async () => {
    await admin(emu, 'PUT', '/config', { sse: { idleCloseMs: 200 } });
    try {
      const start = await headToken();
      const reconnects: SseReconnect[] = [];
      const stream = consume((signal) =>
        lv.realtime.interactionEvents.stream({
          token: start,
          signal,
          onReconnect: (info) => reconnects.push(info),
        }),
      );
      await until(() => reconnects.length >= 1);
      expect(reconnects[0]?.reason).toBe('the server closed the stream');
      expect(reconnects[0]?.token).toBe(start);
      const more = await generate(30, 16);
      await until(() => stream.events.length >= more);
      await stream.stop();
      expect(stream.events).toHaveLength(more);
      expectUnique(stream.events);
    } finally {
      await admin(emu, 'PUT', '/config', { sse: { idleCloseMs: 60_000 } });
    }
  });

  it('reconnects through failed connection attempts and gives up after too many in a row', async () => {
    await admin(emu, 'PUT', '/faults', [{ path: '^/realtime/event/feed/sse$', drop: true }]);
    try {
      const reconnects: SseReconnect[] = [];
      const fragile = client(emu, { maxRetries: 0, feed: { sseMaxFailedConnections: 3 } });
      const token = await headToken();
      const error = await fragile.realtime.interactionEvents
        .stream({ token, onReconnect: (info) => reconnects.push(info) })
        .next()
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ConnectionError);
      expect((error as Error).message).toMatch(/3 connections in a row failed/);
      expect(reconnects).toHaveLength(2);
      expect(reconnects.every((info) => info.token === token)).toBe(true);
    } finally {
      await admin(emu, 'DELETE', '/faults');
    }
  });
});
