import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  classifyEvent,
  Gladly,
  type GladlyEvent,
  type PoisonItem,
  parseEventLine,
  parseWebhookBody,
} from '@voxbridge/gladly';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const NOW = Date.parse('2025-03-10T16:00:00.000Z');

/** A good event, one per index, in timestamp order. */
const eventAt = (i: number): GladlyEvent => ({
  id: `event-${i}`,
  type: 'AGENT_STATUS/LOGGED_IN',
  timestamp: new Date(NOW - 3_600_000 + i * 1000).toISOString(),
  initiator: { id: `agent-${i % 5}`, type: 'AGENT' },
  content: { agentId: `agent-${i % 5}`, occurredAt: new Date(NOW - 3_600_000 + i * 1000).toISOString() },
});

/** Malformed items of every kind the issue names: not an object, cut short, missing ids, wrong types. */
const poisonArb = fc.oneof(
  fc.constantFrom('42', 'null', '[]', '"text"', 'true', '{"id":"cut","type":"AGENT_STATUS/LOGGED_IN","tim'),
  fc.string({ maxLength: 30 }).map((text) => `{${text}`),
  fc
    .record({
      type: fc.constant('X'),
      timestamp: fc.constant(new Date(NOW).toISOString()),
      content: fc.constant({}),
    })
    .map((value) => JSON.stringify(value)),
  fc
    .record({
      id: fc.oneof(fc.integer(), fc.constant(''), fc.constant(null), fc.array(fc.string(), { maxLength: 2 })),
      type: fc.constant('AGENT_STATUS/LOGGED_OUT'),
      timestamp: fc.constant(new Date(NOW).toISOString()),
      content: fc.constant({}),
    })
    .map((value) => JSON.stringify(value)),
  fc
    .record({
      id: fc.constant('bad-types'),
      type: fc.oneof(fc.integer(), fc.constant('')),
      timestamp: fc.oneof(fc.constant('soon'), fc.integer()),
      content: fc.oneof(fc.constant('none'), fc.constant(null), fc.constant([1])),
    })
    .map((value) => JSON.stringify(value)),
);

/** Pages of good events with poison at random places (no raw text spans a newline). */
const pageArb = fc
  .tuple(
    fc.integer({ min: 0, max: 40 }),
    fc.array(
      fc.tuple(
        fc.nat(),
        poisonArb.filter((raw) => !/[\r\n]/.test(raw) && raw.trim() !== ''),
      ),
      {
        maxLength: 12,
      },
    ),
  )
  .map(([goodCount, poison]) => {
    const lines: Array<{ raw: string; good?: GladlyEvent }> = Array.from({ length: goodCount }, (_, i) => ({
      raw: JSON.stringify(eventAt(i)),
      good: eventAt(i),
    }));
    for (const [position, raw] of poison) lines.splice(position % (lines.length + 1), 0, { raw });
    return lines;
  });

let body = '';
let server: ReturnType<typeof createServer>;
let gladly: Gladly;

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/x-jsonlines' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  gladly = new Gladly(
    { baseUrl: `http://127.0.0.1:${port}` },
    { email: 'api@example.test', apiToken: 't' },
    { now: () => NOW, rateLimit: { requestsPerSecond: 10_000, burst: 1000 }, retry: { maxRetries: 0 } },
  );
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('Gladly client: poison items never block', () => {
  it('yields every good event once, in order, and reports each poison line with its raw text (property, over HTTP)', async () => {
    await fc.assert(
      fc.asyncProperty(pageArb, async (lines) => {
        body = lines.map((line) => `${line.raw}\n`).join('');
        const poison: PoisonItem[] = [];
        const events: GladlyEvent[] = [];
        for await (const event of gladly.events.stream(
          { startAt: NOW - 3_600_000, entities: ['AGENT_STATUS'] },
          { onPoison: (item) => void poison.push(item) },
        ))
          events.push(event);
        expect(events).toEqual(lines.flatMap((line) => (line.good ? [line.good] : [])));
        const bad = lines.flatMap((line, i) => (line.good ? [] : [{ raw: line.raw, line: i + 1 }]));
        expect(poison.map(({ raw, line }) => ({ raw, line }))).toEqual(bad);
        for (const item of poison) expect(item.reason).not.toBe('');
        // items() gives the same split, in the answer's order.
        const items = [];
        for await (const item of gladly.events.items({
          startAt: NOW - 3_600_000,
          entities: ['AGENT_STATUS'],
        }))
          items.push(item.kind === 'event' ? item.event.id : `poison:${item.poison.line}`);
        expect(items).toEqual(lines.map((line, i) => (line.good ? line.good.id : `poison:${i + 1}`)));
      }),
      { numRuns: 60 },
    );
  });

  it('classifies webhook bodies the same way: an event, or poison naming the field at fault', () => {
    fc.assert(
      fc.property(poisonArb, (raw) => {
        const item = parseWebhookBody(Buffer.from(raw));
        expect(item.kind).toBe('poison');
        if (item.kind === 'poison') expect(item.poison.raw).toBe(raw);
      }),
    );
    expect(parseWebhookBody(JSON.stringify(eventAt(1)))).toEqual({ kind: 'event', event: eventAt(1) });
    expect(
      classifyEvent('{"id":7,"type":"T","timestamp":"2025-01-01T00:00:00Z","content":{}}'),
    ).toMatchObject({
      kind: 'poison',
      poison: { reason: 'id: must be a non-empty string (got a number)' },
    });
    expect(classifyEvent('{"id":"e1","type":"T","timestamp":"soon","content":{}}', 3)).toMatchObject({
      poison: { reason: 'timestamp: must be an ISO 8601 time (got a string "soon")', line: 3, id: 'e1' },
    });
    // The throwing parser keeps its meaning and names the reason.
    expect(() => parseEventLine('[]', 9)).toThrow(
      'events line 9 is not an event: not an object (got an array)',
    );
  });
});
