import { Readable } from 'node:stream';
import type { HttpResponse, RequestOptions } from '@voxbridge/core';
import type { FeedBatch, InteractionEvent, LiveVox, PoisonItem } from '@voxbridge/livevox';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { longPollFeed } from '../src/feed.js';
import { normaliseInteractionEvent } from '../src/normalise.js';
import { checkInteractionEvent } from '../src/poison.js';
import { sseFeed } from '../src/sse.js';
import type { Send } from '../src/transport.js';
import { admin, client, startEmulator } from './helpers.js';

/** Poison items of every kind the contract check refuses. */
const poisonArb = fc.oneof(
  fc.string().map((text) => text as unknown),
  fc.constant(null),
  fc.integer(),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.record({ eventId: fc.integer(), sessionId: fc.constant('s') }), // wrong type
  fc.record({ sessionId: fc.constant('s') }), // no eventId
  fc.record({ eventId: fc.constant('x'), sessionId: fc.constant('') }), // empty session id
  fc.record({ eventId: fc.constant('y'), sessionId: fc.constant('s'), duration: fc.constant('long') }),
);

/** Pages of good events (unique ids) with poison items at random places. */
const pagesArb = fc
  .array(fc.array(fc.oneof(fc.constant('good' as const), poisonArb), { maxLength: 12 }), {
    minLength: 1,
    maxLength: 8,
  })
  .map((pages) => {
    let n = 0;
    return pages.map((items) =>
      items.map((item) =>
        item === 'good' ? { eventId: `e${++n}`, sessionId: `S${n}`, interactionType: 'SMS' } : item,
      ),
    );
  });

/** A `send` that answers page i for token `t<i>` (none for the first request) and records the tokens asked for. */
function pageServer(pages: unknown[][]): { send: Send; asked: Array<string | undefined> } {
  const asked: Array<string | undefined> = [];
  const send = (async (request: RequestOptions) => {
    const token = (request.body as { token?: string }).token;
    asked.push(token);
    const index = token === undefined ? 0 : Number(token.slice(1));
    const events = structuredClone(pages[index] ?? []);
    return {
      status: 200,
      headers: {},
      body: { token: `t${index + 1}`, events },
      attempts: 1,
    } as HttpResponse;
  }) as Send;
  return { send, asked };
}

describe('poison items never block a feed', () => {
  it('delivers every good event exactly once and reports every poison item once, the token advancing', async () => {
    await fc.assert(
      fc.asyncProperty(pagesArb, async (pages) => {
        const { send, asked } = pageServer(pages);
        const spec = {
          path: '/realtime/event/feed',
          eventFields: ['events'],
          normalise: normaliseInteractionEvent,
          check: checkInteractionEvent,
          timeoutMs: 1000,
        };
        const good: string[] = [];
        const poison: PoisonItem[] = [];
        let batches = 0;
        for await (const batch of longPollFeed<InteractionEvent>(send, spec)) {
          good.push(...batch.events.map((event) => event.eventId));
          poison.push(...(batch.poison ?? []));
          expect(batch.token).toBe(`t${++batches}`);
          if (batches === pages.length) break;
        }
        const all = pages.flat();
        const expectedGood = all.filter((item) => checkInteractionEvent(item) === undefined);
        const expectedPoison = all.filter((item) => checkInteractionEvent(item) !== undefined);
        expect(good).toEqual(expectedGood.map((item) => (item as { eventId: string }).eventId));
        expect(poison.map((item) => item.raw)).toEqual(expectedPoison.map((item) => JSON.stringify(item)));
        for (const item of poison) expect(item.reason).not.toBe('');
        expect(asked).toEqual([undefined, ...pages.slice(1).map((_, i) => `t${i + 1}`)]);
      }),
      { numRuns: 200 },
    );
  });

  it('an SSE stream delivers every good event once and reports every bad message once, in any order', async () => {
    const messageArb = fc.oneof(
      fc.constant('good' as const),
      fc.constant('{"eventId":"cut'), // invalid JSON
      fc.constant('{"sessionId":"s"}'), // no eventId
      fc.constant('42'),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(messageArb, { minLength: 1, maxLength: 30 }), async (messages) => {
        let n = 0;
        const data = messages.map((m) =>
          m === 'good' ? JSON.stringify({ eventId: `e${++n}`, sessionId: `S${n}` }) : m,
        );
        let connections = 0;
        const send = (async () => {
          connections += 1;
          const text = connections === 1 ? data.map((d) => `data: ${d}\n\n`).join('') : '';
          return {
            status: 200,
            headers: {},
            body: Readable.from([Buffer.from(text)]),
            attempts: 1,
          } as HttpResponse;
        }) as Send;
        const spec = {
          path: '/realtime/event/feed/sse',
          connectTimeoutMs: 1000,
          idleTimeoutMs: 1000,
          reconnectDelayMs: 0,
          maxReconnectDelayMs: 0,
          maxFailedConnections: 3,
        };
        const good: string[] = [];
        const poison: PoisonItem[] = [];
        const feed = sseFeed(send, spec);
        try {
          for await (const batch of feed) {
            good.push(...batch.events.map((event) => event.eventId));
            poison.push(...(batch.poison ?? []));
            if (batch.events.length > 0) expect(batch.token).toBe(good[good.length - 1]);
            if (good.length + poison.length === messages.length) break;
          }
        } catch (error) {
          // Only when nothing more arrives after the first connection: every message was seen by then.
          expect(String(error)).toMatch(/connections in a row/);
        }
        expect(good).toEqual(Array.from({ length: n }, (_, i) => `e${i + 1}`));
        expect(poison.map((item) => item.raw)).toEqual(data.filter((d) => !d.startsWith('{"eventId":"e')));
      }),
      { numRuns: 100 },
    );
  });

  it('names the reason: not an object, the field and rule, or the missing id', () => {
    expect(checkInteractionEvent('}{')).toBe('not an object (string)');
    expect(checkInteractionEvent(null)).toBe('not an object (null)');
    expect(checkInteractionEvent({ eventId: 7, sessionId: 's' })).toMatch(/^eventId: /);
    expect(checkInteractionEvent({ eventId: 'e' })).toBe('missing sessionId');
    expect(checkInteractionEvent({ eventId: 'e', sessionId: 's' })).toBeUndefined();
  });
});

describe('poison planted by the emulator, over HTTP', () => {
  let emu: Awaited<ReturnType<typeof startEmulator>>;
  let lv: LiveVox;
  beforeAll(async () => {
    emu = await startEmulator();
    lv = client(emu);
  });
  afterAll(async () => {
    await lv.session.logout();
    await emu.close();
  });

  it('the long-poll feed yields every real event once and reports the four planted items', async () => {
    const feed = lv.realtime.interactionEvents.feed();
    const first = (await feed.next()).value as FeedBatch<InteractionEvent>;
    await feed.return();
    emu.generateBacklog({ calls: 40, sms: 5, emails: 5, seed: 11 });
    await admin(emu, 'POST', '/poison', { count: 4 });
    const ids: string[] = [];
    const poison: PoisonItem[] = [];
    for await (const batch of lv.realtime.interactionEvents.feed({ token: first.token, count: 500 })) {
      ids.push(...batch.events.map((event) => event.eventId));
      poison.push(...(batch.poison ?? []));
      if (batch.events.length === 0) break;
    }
    expect(ids).toHaveLength(emu.truth({ summary: true }).events);
    expect(new Set(ids).size).toBe(ids.length);
    expect(poison.map((item) => item.reason)).toEqual([
      'not an object (string)',
      expect.stringMatching(/^transactionId: /),
      'missing eventId, sessionId',
      'not an object (string)',
    ]);
  });

  it('the SSE feed reports a message with invalid JSON and goes on', async () => {
    const before = emu.truth({ summary: true }).events;
    const stream = lv.realtime.interactionEvents.stream({ token: '' });
    const pending = stream.next();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await admin(emu, 'POST', '/poison', { count: 2, kinds: ['invalid-json', 'missing-id'] });
    emu.generateBacklog({ calls: 10, seed: 12 });
    const expected = emu.truth({ summary: true }).events - before;
    const ids: string[] = [];
    const poison: PoisonItem[] = [];
    let next = await pending;
    while (!next.done) {
      ids.push(...next.value.events.map((event) => event.eventId));
      poison.push(...(next.value.poison ?? []));
      if (ids.length >= expected) break;
      next = await stream.next();
    }
    await stream.return();
    expect(new Set(ids).size).toBe(expected);
    expect(poison.map((item) => item.reason)).toEqual([
      expect.stringMatching(/^not JSON: /),
      'missing eventId, sessionId',
    ]);
    expect(poison[0]!.raw).toMatch(/^\{"eventId":"poison-\d+","interactionType":"VOI$/);
  });
});
