import type { IncomingMessage } from 'node:http';
import type { LiveVoxEmulator, Truth } from '@voxbridge/emulator-livevox';
import {
  AbortError,
  type FeedBatch,
  type InteractionEvent,
  type LiveVox,
  TokenExpiredError,
  ValidationError,
} from '@voxbridge/livevox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, client, startEmulator } from './helpers.js';

interface Backlog {
  backlog: { events: number; agentEvents: number; generated: Record<string, number> };
}

/** Fields an SMS event and an email event of the Interaction Event feed both carry. */
const DIGITAL_EVENT_FIELDS = [
  'acctTransactionId',
  'eventType',
  'threadId',
  'accountNumber',
  'campaignType',
  'carrier',
];

/** Reads batches until `expected` events arrived (bounded in batches), checking every batch has a token. */
async function drain<T>(
  feed: AsyncIterable<FeedBatch<T>>,
  expected: number,
  maxBatches = 200,
): Promise<{ events: T[]; tokens: string[] }> {
  const events: T[] = [];
  const tokens: string[] = [];
  let batches = 0;
  for await (const batch of feed) {
    expect(typeof batch.token).toBe('string');
    expect(batch.token).not.toBe('');
    events.push(...batch.events);
    tokens.push(batch.token);
    if (events.length >= expected || ++batches >= maxBatches) break;
  }
  return { events, tokens };
}

/** Events per transaction id, from the emulator's truth. */
function expectedPerTransaction(truth: Truth, types?: string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of truth.interactions ?? []) {
    if (types && !types.includes(item.type)) continue;
    out.set(String(item.transactionId), item.events);
  }
  return out;
}

/** Events per transaction id, from what the client received. */
function receivedPerTransaction(events: InteractionEvent[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const event of events) {
    const tx = String(event.transactionId ?? event.acctTransactionId);
    out.set(tx, (out.get(tx) ?? 0) + 1);
  }
  return out;
}

function expectNoLossNoRepeat(events: InteractionEvent[], truth: Truth, types?: string[]): void {
  const ids = events.map((event) => event.eventId);
  expect(new Set(ids).size).toBe(ids.length);
  expect(receivedPerTransaction(events)).toEqual(expectedPerTransaction(truth, types));
}

describe('long-poll feeds', () => {
  let emu: LiveVoxEmulator;
  let lv: LiveVox;
  let interactionStart: string;
  let agentStart: string;
  let callStart: string;
  let backlog: Backlog['backlog'];
  let truth: Truth;

  beforeAll(async () => {
    emu = await startEmulator();
    lv = client(emu);
    // The first request carries no token and answers (after the server's wait) with the head of the feed.
    const [interaction, agent, call] = await Promise.all([
      lv.realtime.interactionEvents.feed().next(),
      lv.realtime.agentEvents.feed().next(),
      lv.realtime.callEvents.read(),
    ]);
    interactionStart = interaction.value!.token;
    agentStart = agent.value!.token;
    callStart = call.token;
    expect(interaction.value!.events).toEqual([]);
    ({ backlog } = await admin<Backlog>(emu, 'POST', '/traffic', {
      calls: 3000,
      sms: 700,
      emails: 700,
      seed: 7,
    }));
    truth = await admin<Truth>(emu, 'GET', '/truth?limit=100000');
    expect(backlog.events).toBeGreaterThanOrEqual(10_000);
  });
  afterAll(() => emu.close());

  it('chains tokens across 10,000+ events with no loss and no repeat', async () => {
    const { events, tokens } = await drain(
      lv.realtime.interactionEvents.feed({ token: interactionStart, count: 1000 }),
      backlog.events,
    );
    expect(events).toHaveLength(backlog.events);
    expect(new Set(tokens).size).toBe(tokens.length);
    expectNoLossNoRepeat(events, truth);
    // Timestamps are normalised, raw values kept.
    for (const event of events.slice(0, 50)) {
      expect(event.occurredAt).toBeInstanceOf(Date);
      expect(event.timestamp).toBeDefined();
    }
    const voiceEnd = events.find((event) => event.callEventType === 'CALL_TERMINATION');
    expect(voiceEnd?.endedAt).toBeInstanceOf(Date);
  });

  it('resumes from a persisted token in a new client, exactly where it stopped', async () => {
    const first: InteractionEvent[] = [];
    let persisted = interactionStart;
    for await (const batch of lv.realtime.interactionEvents.feed({ token: interactionStart, count: 500 })) {
      first.push(...batch.events);
      persisted = batch.token;
      if (first.length >= 3000) break;
    }
    const other = client(emu);
    const rest = await drain(
      other.realtime.interactionEvents.feed({ token: persisted, count: 500 }),
      backlog.events - first.length,
    );
    expectNoLossNoRepeat([...first, ...rest.events], truth);
  });

  it('survives injected 5xx, 429, dropped and truncated answers without losing or repeating events', async () => {
    const path = '^/realtime/event/feed$';
    await admin(emu, 'PUT', '/faults', [
      { path, status: 503, probability: 0.3, times: 3 },
      { path, status: 429, retryAfter: 0, probability: 0.3, times: 3 },
      { path, drop: true, probability: 0.3, times: 3 },
      { path, truncate: true, probability: 0.3, times: 3 },
    ]);
    try {
      const retries: string[] = [];
      // At most 12 faults in all, so 12 retries always get every request through.
      const resilient = client(emu, { maxRetries: 12, on: { retry: (event) => retries.push(event.reason) } });
      const { events } = await drain(
        resilient.realtime.interactionEvents.feed({ token: interactionStart }),
        backlog.events,
      );
      expectNoLossNoRepeat(events, truth);
      const applied = await admin<Array<{ applied: number }>>(emu, 'GET', '/faults');
      const faults = applied.reduce((sum, rule) => sum + rule.applied, 0);
      expect(faults).toBeGreaterThan(0);
      // The request prefetched when the loop ended was aborted: its fault, if any, may not show as a retry.
      expect(retries.length).toBeGreaterThanOrEqual(faults - 1);
      expect(retries.length).toBeLessThanOrEqual(faults);
    } finally {
      await admin(emu, 'DELETE', '/faults');
    }
  });

  it("replays the seed's filtered request and answers in the seed's event shapes", async () => {
    const sent: unknown[] = [];
    const listener = (req: IncomingMessage) => {
      if (!req.url?.startsWith('/realtime/event/feed')) return;
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () =>
        sent.push({ url: req.url, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }),
      );
    };
    emu.server.prependListener('request', listener);
    try {
      const filter = {
        interactionType: [{ type: 'EMAIL' }, { type: 'SMS' }],
        callCenter: [{ id: 11363 }],
        service: [{ id: 93140 }],
      };
      const digital = (truth.counts.SMS ?? 0) + (truth.counts.EMAIL ?? 0);
      const { events } = await drain(
        lv.realtime.interactionEvents.feed({ token: interactionStart, filter, count: 500 }),
        digital,
      );
      expect(sent[0]).toEqual({
        url: '/realtime/event/feed?count=500',
        body: { token: interactionStart, filter },
      });
      expect(events).toHaveLength(digital);
      const sms = events.find((event) => event.interactionType === 'SMS');
      const email = events.find((event) => event.interactionType === 'Email');
      for (const field of [
        'eventId',
        'interactionType',
        'clientId',
        'callCenterId',
        'serviceId',
        'timestamp',
        'campaignId',
        'sessionId',
        'phoneNumber',
        ...DIGITAL_EVENT_FIELDS,
        'smsCode',
      ]) {
        expect(sms).toHaveProperty(field);
      }
      for (const field of ['fromEmail', 'toEmail', ...DIGITAL_EVENT_FIELDS]) {
        expect(email).toHaveProperty(field);
      }
      expect(
        events.every(
          (event) => String(event.callCenterId) === '11363' && String(event.serviceId) === '93140',
        ),
      ).toBe(true);
    } finally {
      emu.server.removeListener('request', listener);
    }
    const { events: voice } = await drain(
      lv.realtime.interactionEvents.feed({ token: interactionStart, filter: { interactionType: ['VOICE'] } }),
      1,
    );
    const start = voice.find((event) => event.callEventType === 'CALL_START');
    for (const field of [
      'eventId',
      'callEventType',
      'interactionType',
      'transactionId',
      'clientId',
      'serviceId',
      'callCenterId',
      'sessionId',
      'campaignId',
      'phoneDialed',
      'account',
      'operatorPhone',
      'areaCodeState',
      'callDirection',
      'campaignType',
      'agentLoginId',
      'agentId',
      'start',
      'timestamp',
    ]) {
      expect(start).toHaveProperty(field);
    }
    expect(start?.startedAt).toBeInstanceOf(Date);
  });

  it('filters by interaction type and checks count before sending', async () => {
    const sms = truth.counts.SMS ?? 0;
    const { events } = await drain(
      lv.realtime.interactionEvents.feed({
        token: interactionStart,
        filter: { interactionType: ['SMS'] },
        count: 500,
      }),
      sms,
    );
    expect(events).toHaveLength(sms);
    expect(events.every((event) => event.interactionType === 'SMS')).toBe(true);
    expectNoLossNoRepeat(events, truth, ['SMS']);
    expect(() => lv.realtime.interactionEvents.feed({ count: 1001 })).toThrow(ValidationError);
    expect(() => lv.realtime.interactionEvents.stream({ count: 499 })).toThrow(ValidationError);
  });

  it('chains the agent event feed', async () => {
    const { events } = await drain(lv.realtime.agentEvents.feed({ token: agentStart }), backlog.agentEvents);
    expect(events).toHaveLength(backlog.agentEvents);
    expect(new Set(events.map((event) => event.eventId)).size).toBe(events.length);
    expect(events.every((event) => event.occurredAt instanceof Date)).toBe(true);
    expect(events.every((event) => typeof event.eventType === 'string' && event.agentId !== undefined)).toBe(
      true,
    );
  });

  it('serves the deprecated Agent Event, Call Event and Call Event Feed methods', async () => {
    const voiceEvents = [...expectedPerTransaction(truth, ['VOICE']).values()].reduce((sum, n) => sum + n, 0);
    const { events } = await drain(lv.realtime.callEvents.feed({ token: callStart }), voiceEvents);
    expect(events).toHaveLength(voiceEvents);
    expect(events.every((event) => event.startedAt instanceof Date)).toBe(true);
    const read = await lv.realtime.callEvents.read({ token: callStart });
    expect(read.events.length).toBeGreaterThan(0);
    expect(read.events[0]).toEqual(events[0]);
    const agents = await lv.realtime.agentEvent.read({ token: agentStart });
    expect(agents.events.length).toBeGreaterThan(0);
    const next = await lv.realtime.agentEvent.read({ token: agents.token });
    expect(next.events[0]?.eventId).not.toBe(agents.events[0]?.eventId);
  });

  it('stops cleanly on break and on abort', async () => {
    const requests: string[] = [];
    const quiet = client(emu, { on: { request: (event) => requests.push(event.path) } });
    for await (const batch of quiet.realtime.interactionEvents.feed({ token: interactionStart })) {
      expect(batch.events.length).toBeGreaterThan(0);
      break;
    }
    const afterBreak = requests.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(requests.length).toBe(afterBreak);
    // An abort ends a long poll that is waiting at the head of the feed (the server would wait 30 s).
    await admin(emu, 'PUT', '/config', { feed: { waitMs: 30_000 } });
    try {
      const controller = new AbortController();
      quiet.on('request', (event) => {
        if (event.path === '/realtime/agentEvent/feed') setTimeout(() => controller.abort(), 20);
      });
      const head = (await quiet.realtime.agentEvents.feed().next()).value!.token;
      const waiting = quiet.realtime.agentEvents.feed({ token: head, signal: controller.signal }).next();
      await expect(waiting).rejects.toBeInstanceOf(AbortError);
    } finally {
      await admin(emu, 'PUT', '/config', { feed: { waitMs: 200 } });
    }
  });

  it('asks for the next batch while the caller holds one, unless prefetch is off', async () => {
    for (const prefetch of [true, false]) {
      const paths: string[] = [];
      const reader = client(emu, { feed: { prefetch }, on: { request: (event) => paths.push(event.path) } });
      await reader.session.login();
      const feed = reader.realtime.interactionEvents.feed({ token: interactionStart });
      const first = await feed.next();
      expect(first.value?.events.length).toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(paths.filter((path) => path.startsWith('/realtime/event/feed')).length).toBe(prefetch ? 2 : 1);
      const second = await feed.next();
      expect(second.value?.events[0]?.eventId).not.toBe(first.value?.events[0]?.eventId);
      await feed.return(undefined);
    }
  });

  it('raises TokenExpiredError for a token older than 24 hours (long poll and SSE)', async () => {
    await admin(emu, 'POST', '/clock', { advanceMs: 25 * 60 * 60 * 1000 });
    const feedError = await lv.realtime.interactionEvents
      .feed({ token: interactionStart })
      .next()
      .catch((caught: unknown) => caught);
    expect(feedError).toBeInstanceOf(TokenExpiredError);
    expect((feedError as TokenExpiredError).status).toBe(400);
    expect((feedError as TokenExpiredError).body).toMatchObject({ code: 202 });
    expect((feedError as Error).message).toMatch(/more than 24 hours old/);
    await expect(lv.realtime.agentEvents.feed({ token: agentStart }).next()).rejects.toBeInstanceOf(
      TokenExpiredError,
    );
    await expect(
      lv.realtime.interactionEvents.stream({ token: interactionStart }).next(),
    ).rejects.toBeInstanceOf(TokenExpiredError);
  });
});
