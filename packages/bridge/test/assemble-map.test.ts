import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/load.js';
import { playvoxInteractionId } from '../src/qa/ids.js';
import {
  ASSEMBLE_CURSOR,
  assembleBatch,
  assembleRecord,
  releaseStaleCalls,
} from '../src/qa/stages/assemble.js';
import { MappingError, mapRecord } from '../src/qa/stages/map.js';
import { mapRow } from '../src/qa/stages/process.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { baseConfig } from './helpers.js';

const call = {
  interactionType: 'VOICE',
  sessionId: 'S1@10.0.0.1',
  transactionId: 1229726123859,
  serviceId: 149926,
  agentLoginId: 'APITEST1',
};
const start = {
  ...call,
  eventId: 'e1',
  callEventType: 'CALL_START',
  account: 'asd1',
  start: '2023-06-05T09:36:00.000Z',
  timestamp: '2023-06-05T09:36:00.000Z',
};
const termination = {
  ...call,
  eventId: 'e2',
  callEventType: 'CALL_TERMINATION',
  account: 'asd1',
  duration: 12,
  lvResult: 'Operator Transfer',
  timestamp: '2023-06-05T09:36:14.000Z',
};
// The seed's disposition event carries nulls (and the string "null") for fields the start had.
const disposition = {
  ...call,
  eventId: 'e3',
  callEventType: 'CALL_DISPOSITION',
  account: null,
  agentLoginId: undefined,
  areaCodeState: 'null',
  timestamp: '2023-06-05T09:37:05.611Z',
};
const sms = {
  eventId: 'e4',
  interactionType: 'SMS',
  sessionId: '93140-55926849742-1619253848682',
  eventType: 'Attempt',
  timestamp: '2021-04-24T04:44:08.000-04:00',
};

describe('assemble', () => {
  it('joins the three voice events of one call and readies SMS at once', async () => {
    const store = new SqliteStore({ path: ':memory:' });
    await store.appendEvents(
      's',
      [start, sms].map((p) => ({ eventId: p.eventId, payload: p })),
      't1',
    );
    expect(await assembleBatch(store, 's')).toEqual({
      events: 2,
      ready: 1,
      deadLettered: 0,
      mapped: 0,
      mapDeadLettered: 0,
      late: 0,
    });
    expect((await store.counts()).interactions).toMatchObject({ assembling: 1, ready: 1 });

    await store.appendEvents(
      's',
      [disposition, termination].map((p) => ({ eventId: p.eventId, payload: p })),
      't2',
    );
    expect((await assembleBatch(store, 's')).ready).toBe(1);
    const [voice] = (await store.interactionsInState('ready', 10)).filter((r) => r.type === 'VOICE');
    // In arrival order: the disposition came before the termination here.
    expect(voice!.record!.callEventTypes).toEqual(['CALL_START', 'CALL_DISPOSITION', 'CALL_TERMINATION']);
    // Later events do not erase earlier values with their nulls.
    expect(voice!.record).toMatchObject({
      account: 'asd1',
      agentLoginId: 'APITEST1',
      duration: 12,
      lvResult: 'Operator Transfer',
    });
    expect(voice!.record!.areaCodeState).toBeUndefined();
    expect(voice!.interactionId).toBe(
      playvoxInteractionId({
        type: 'VOICE',
        sessionId: call.sessionId,
        transactionId: String(call.transactionId),
      }),
    );
    expect((await assembleBatch(store, 's')).events).toBe(0);
  });

  it('deduplicates by eventId and keeps the newest token with the events', async () => {
    const store = new SqliteStore({ path: ':memory:' });
    expect(await store.appendEvents('s', [{ eventId: 'e1', payload: start }], 'a')).toEqual({
      inserted: 1,
      duplicates: 0,
    });
    expect(
      await store.appendEvents(
        's',
        [
          { eventId: 'e1', payload: start },
          { eventId: 'e4', payload: sms },
        ],
        'b',
      ),
    ).toEqual({ inserted: 1, duplicates: 1 });
    expect((await store.getCheckpoint('s'))!.token).toBe('b');
  });

  it('dead-letters an event that names no interaction, with the reason, and goes on', async () => {
    const store = new SqliteStore({ path: ':memory:' });
    await store.appendEvents(
      's',
      [
        { eventId: 'x', payload: { eventId: 'x', interactionType: 'FAX', sessionId: 'a' } },
        { eventId: 'e4', payload: sms },
      ],
      't',
    );
    expect(await assembleBatch(store, 's')).toMatchObject({ events: 2, ready: 1, deadLettered: 1 });
    expect((await store.listDeadLetters())[0]!.reason).toBe(
      'interactionType: must be VOICE, SMS or EMAIL, got "FAX"',
    );
    expect(await store.eventsAfterCursor(ASSEMBLE_CURSOR, 's', 10)).toHaveLength(0);
  });

  it('releases a call that waited longer than the grace period', async () => {
    const store = new SqliteStore({ path: ':memory:' });
    await store.appendEvents('s', [{ eventId: 'e1', payload: start }], 't');
    await assembleBatch(store, 's');
    expect(await releaseStaleCalls(store, 60_000, Date.now())).toBe(0);
    expect(await releaseStaleCalls(store, 60_000, Date.now() + 61_000)).toBe(1);
    expect((await store.counts()).interactions.ready).toBe(1);
  });
});

describe('assembleRecord', () => {
  it('keeps an event field named `__proto__` as a field, and the record a plain object', () => {
    const event = JSON.parse(
      '{"eventId":"e9","interactionType":"SMS","__proto__":{"polluted":true},"phoneDialed":"4155550199"}',
    ) as Record<string, unknown>;
    const record = assembleRecord({ type: 'SMS', events: [event] });
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect((record as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(record, '__proto__')?.value).toEqual({ polluted: true });
    expect(record.phoneDialed).toBe('4155550199');
  });
});

describe('map', () => {
  const config = parseConfig(baseConfig());

  it('converts values to the metadata types and fills comments', async () => {
    const payload = mapRecord(config, 'VOICE-1', {
      interactionType: 'VOICE',
      timestamp: '1685957638000',
      duration: '12',
      agentLoginId: 'APITEST1',
      lvResult: 'Sale',
    });
    expect(payload).toEqual({
      interaction_id: 'VOICE-1',
      assignee_id: 'APITEST1',
      metadata: {
        call_start: '2023-06-05T09:33:58.000Z',
        channel: 'VOICE',
        duration_seconds: 12,
        agent_login: 'APITEST1',
      },
      comments: [{ body: 'Result: Sale', type: 'internal_note', author_id: 'voxbridge@example.com' }],
    });
  });

  it('uses the assignee fallback for SMS and email, which carry no agent', async () => {
    expect(
      mapRecord(config, 'SMS-1', { interactionType: 'SMS', timestamp: '2021-04-24T04:44:08.000-04:00' })
        .assignee_id,
    ).toBe('unassigned@example.com');
  });

  it('names the field and the rule when a record cannot be mapped', async () => {
    expect(() => mapRecord(config, 'X', { interactionType: 'FAX', timestamp: 1 })).toThrow(
      new MappingError(
        'metadata.channel (from interactionType): "FAX" is not one of the allowed values VOICE, SMS, EMAIL',
      ),
    );
    expect(() => mapRecord(config, 'X', { interactionType: 'SMS' })).toThrow(
      'metadata.call_start: is required, but record field "timestamp" is empty',
    );
    expect(() => mapRecord(config, 'X', { interactionType: 'SMS', timestamp: 'yesterday' })).toThrow(
      'metadata.call_start (from timestamp): "yesterday" is not a timestamp',
    );
    expect(() => mapRecord(config, 'X', { interactionType: 'SMS', timestamp: 1, duration: 1.5 })).toThrow(
      'metadata.duration_seconds (from duration): 1.5 is not an integer',
    );
    // An epoch out of Date's range is no timestamp (it used to throw a RangeError that stalled the pass).
    expect(() => mapRecord(config, 'X', { interactionType: 'SMS', timestamp: 1e20 })).toThrow(
      'metadata.call_start (from timestamp): 100000000000000000000 is not a timestamp',
    );
  });

  it('dead-letters a record alone, whatever mapping throws', () => {
    const row = {
      key: 'SMS:1',
      type: 'SMS' as const,
      state: 'ready' as const,
      interactionId: 'SMS-1',
      events: [],
      firstSeenAt: 0,
      updatedAt: 0,
      attempts: 0,
      retryAt: 0,
    };
    const hostile = {
      interactionType: 'SMS',
      timestamp: 1,
      get duration(): number {
        throw new TypeError('boom');
      },
    };
    const outcome = mapRow(config, row, hostile);
    expect(outcome.row.state).toBe('dead');
    expect(outcome.letter).toMatchObject({
      key: 'SMS:1',
      stage: 'map',
      reason: 'unexpected mapping error: boom',
    });
  });
});
