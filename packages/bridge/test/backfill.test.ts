import { join } from 'node:path';
import type { CallDetail, LiveVox } from '@voxbridge/livevox';
import { afterEach, describe, expect, it } from 'vitest';
import { backfill, historyEvents, historyRow, lastClosedGap } from '../src/qa/sources/history.js';
import { LiveVoxInteractionSource } from '../src/qa/sources/livevox-feed.js';
import { assembleRecord } from '../src/qa/stages/assemble.js';
import { type ClosedGapInfo, type EventSource, type FeedBatch, runSource } from '../src/sources/feed.js';
import { SqliteStore } from '../src/store/sqlite.js';
import type { InteractionRow } from '../src/store/types.js';
import { tempDir } from './helpers.js';

const stores: SqliteStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});
function openStore(): SqliteStore {
  const store = new SqliteStore({ path: join(tempDir(), 'state.db') });
  stores.push(store);
  return store;
}

const T = Date.parse('2026-01-05T10:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

/** A Call Event Recovery row of a connected voice call started at `start`. */
function voiceRow(session: string, start: number): CallDetail {
  return {
    interactionType: 'VOICE',
    sessionId: session,
    transactionId: '900',
    serviceId: '38049',
    serviceName: 'Collections',
    callCenterId: '4',
    campaignId: null,
    callDirection: 'INBOUND',
    agentId: '1001',
    agentLoginId: 'JDOE',
    phoneNumber: '5551234567',
    start: iso(start),
    answer: iso(start + 5_000),
    end: iso(start + 65_000),
    disposition: iso(start + 95_000),
    duration: 60,
    talkDuration: 60,
    holdDuration: 0,
    wrapDuration: 30,
    lvResult: 'AGENT - Customer',
    lvResultId: 2,
    termCode: 'Promise to pay',
    termCodeId: 703,
    recordingId: null,
    hasRecording: false,
  } as CallDetail;
}

/** A LiveVox client whose history report answers `rows` and records the periods asked for. */
function history(rows: CallDetail[], asked: Array<{ from: unknown; to: unknown }> = []): LiveVox {
  return {
    reporting: {
      async *callHistory(period: { from: unknown; to: unknown }) {
        asked.push({ from: period.from, to: period.to });
        yield* rows;
      },
    },
  } as unknown as LiveVox;
}

describe('history rows', () => {
  it('become the events the feed would have carried, so the assembler builds the same call data', () => {
    const events = historyEvents(voiceRow('S1', T));
    expect(events.map((e) => e.callEventType)).toEqual([
      'CALL_START',
      'CALL_TERMINATION',
      'CALL_DISPOSITION',
    ]);
    const record = assembleRecord({ type: 'VOICE', events });
    expect(record).toMatchObject({
      sessionId: 'S1',
      agentLoginId: 'JDOE',
      startAt: iso(T),
      endAt: iso(T + 65_000),
      durationSeconds: 60,
      wrapSeconds: 30,
      disposition: 'AGENT - Customer',
      termCode: 703,
      termCodeDescription: 'Promise to pay',
      direction: 'INBOUND',
    });
  });

  it('key a call as the feed does and leave events from `cutAt` on to the feed', () => {
    const whole = historyRow(voiceRow('S1', T), 1);
    expect(whole).toMatchObject({
      row: { key: 'VOICE:S1:900', interactionId: 'VOICE-S1-900', state: 'ready', events: [] },
    });
    // The restarted feed began between the call's end and its disposition: the disposition is the feed's.
    const cut = historyRow(voiceRow('S1', T), 1, T + 70_000);
    expect('row' in cut && cut.row.state).toBe('assembling');
    expect('row' in cut && cut.row.events.map((e) => e.callEventType)).toEqual([
      'CALL_START',
      'CALL_TERMINATION',
    ]);
    const sms = historyRow({ ...voiceRow('S2', T), interactionType: 'SMS', end: null, disposition: null }, 1);
    expect(sms).toMatchObject({ row: { key: 'SMS:S2', state: 'ready' } });
    expect(historyRow({ ...voiceRow('S3', T), interactionType: 'FAX' }, 1)).toMatchObject({
      error: 'interactionType: must be VOICE, SMS or EMAIL, got "FAX"',
    });
  });
});

describe('backfill', () => {
  it('queues new interactions, skips those past assembly, completes assembling calls; a dry run writes nothing', async () => {
    const store = openStore();
    const delivered: InteractionRow = {
      key: 'VOICE:S1:900',
      type: 'VOICE',
      state: 'delivered',
      interactionId: 'VOICE-S1-900',
      events: [],
      firstSeenAt: 1,
      updatedAt: 1,
      attempts: 0,
      retryAt: 0,
    };
    const assembling: InteractionRow = {
      ...delivered,
      key: 'VOICE:S2:900',
      interactionId: 'VOICE-S2-900',
      state: 'assembling',
      events: [historyEvents(voiceRow('S2', T))[0]!],
    };
    await store.saveInteractions([delivered, assembling]);
    const rows = [voiceRow('S1', T), voiceRow('S2', T), voiceRow('S3', T)];
    const options = { from: T - 3_600_000, to: T + 3_600_000 };

    const dry = await backfill(store, history(rows), { ...options, dryRun: true });
    expect(dry).toMatchObject({ found: 3, alreadyStored: 1, alreadyDelivered: 1, queued: 2, completed: 1 });
    expect((await store.counts()).interactions).toMatchObject({ ready: 0, assembling: 1, delivered: 1 });

    const real = await backfill(store, history(rows), options);
    expect(real).toMatchObject({ found: 3, alreadyStored: 1, queued: 2, completed: 1, requests: 1 });
    const held = await store.getInteractions(['VOICE:S1:900', 'VOICE:S2:900', 'VOICE:S3:900']);
    expect([...held.values()].map((r) => [r.key, r.state])).toEqual([
      ['VOICE:S1:900', 'delivered'],
      ['VOICE:S2:900', 'ready'],
      ['VOICE:S3:900', 'ready'],
    ]);
    // The completed call keeps when the bridge first saw it (latency counts from there).
    expect(held.get('VOICE:S2:900')?.firstSeenAt).toBe(1);
    expect(held.get('VOICE:S2:900')?.record?.callEventTypes).toEqual([
      'CALL_START',
      'CALL_TERMINATION',
      'CALL_DISPOSITION',
    ]);
    // Again: everything is held now.
    expect(await backfill(store, history(rows), options)).toMatchObject({ alreadyStored: 3, queued: 0 });
  });
});

describe('the source stage after an expired token', () => {
  /** A feed that expires once, then yields `batches`; the test ends the run after the last one. */
  function expiring(batches: FeedBatch[], abort: AbortController, gaps: Array<{ from: number; to: number }>) {
    let calls = 0;
    const source: EventSource = {
      async *batches(token) {
        calls += 1;
        if (calls === 1 && token !== undefined) throw Object.assign(new Error('expired'), { expired: true });
        yield* batches;
        abort.abort();
      },
      isTokenExpired: (error) => (error as { expired?: boolean }).expired === true,
      eventTime: (event) => Date.parse(String(event.timestamp)),
      async closeGap(_store, gap) {
        gaps.push(gap);
        return { queued: 7 };
      },
    };
    return source;
  }

  it('measures the gap in the events’ own times and closes it before storing the first new batch', async () => {
    const store = openStore();
    const stream = 'livevox:interaction-events';
    // Before the outage: an event at T, saved with a token, the bridge's clock being "now".
    const first = new AbortController();
    await runSource(
      stream,
      store,
      {
        async *batches() {
          yield { events: [{ eventId: 'a', timestamp: iso(T) }], token: 'old' };
          first.abort();
        },
        isTokenExpired: () => false,
        eventTime: (event) => Date.parse(String(event.timestamp)),
      },
      { stored: () => {}, tokenExpired: () => {}, error: (e) => expect.fail(String(e)) },
      first.signal,
      () => {},
    );
    // 27 hours later in LiveVox's clock, a moment later in the bridge's.
    const gaps: Array<{ from: number; to: number }> = [];
    const closed: ClosedGapInfo[] = [];
    const expired: unknown[] = [];
    const abort = new AbortController();
    const later = T + 27 * 3_600_000;
    await runSource(
      stream,
      store,
      expiring([{ events: [{ eventId: 'b', timestamp: iso(later) }], token: 'new' }], abort, gaps),
      {
        stored: () => {},
        tokenExpired: (info) => expired.push(info),
        gapClosed: (info) => closed.push(info),
        error: (e) => expect.fail(String(e)),
      },
      abort.signal,
      () => {},
    );
    expect(expired).toEqual([expect.objectContaining({ lastEventAt: T })]);
    expect(gaps).toEqual([{ from: T, to: later }]);
    expect(closed).toEqual([{ from: T, to: later, result: { queued: 7 } }]);
    expect((closed[0]!.to - closed[0]!.from) / 3_600_000).toBe(27);
    expect(await store.getCheckpoint(`${stream}:gap-from`)).toBeUndefined();
    expect((await store.getCheckpoint(stream))?.token).toBe('new');
  });

  it('remembers an open gap across a restart until a feed with events lets it be closed', async () => {
    const store = openStore();
    const stream = 'livevox:interaction-events';
    await store.appendEvents(stream, [], 'old');
    await store.appendEvents(`${stream}:last-event-at`, [], String(T));
    // Expired, then the process stops before any new event arrived.
    const abort1 = new AbortController();
    await runSource(stream, store, expiring([], abort1, []), noEvents(), abort1.signal, () => {});
    expect((await store.getCheckpoint(`${stream}:gap-from`))?.token).toBe(String(T));
    // The next process closes it with its first events.
    const gaps: Array<{ from: number; to: number }> = [];
    const abort2 = new AbortController();
    const batch = { events: [{ eventId: 'b', timestamp: iso(T + 30 * 3_600_000) }], token: 'new' };
    await runSource(stream, store, expiring([batch], abort2, gaps), noEvents(), abort2.signal, () => {});
    expect(gaps).toEqual([{ from: T, to: T + 30 * 3_600_000 }]);
    expect(await store.getCheckpoint(`${stream}:gap-from`)).toBeUndefined();
  });
});

function noEvents() {
  return { stored: () => {}, tokenExpired: () => {}, error: (e: unknown) => expect.fail(String(e)) };
}

describe('the LiveVox source closing a gap', () => {
  it('reads from the oldest call still assembling, cuts at the feed restart and notes the gap', async () => {
    const store = openStore();
    const open = historyEvents(voiceRow('S9', T - 600_000))[0]!;
    await store.saveInteractions([
      {
        key: 'VOICE:S9:900',
        type: 'VOICE',
        state: 'assembling',
        interactionId: 'VOICE-S9-900',
        events: [open],
        firstSeenAt: 1,
        updatedAt: 1,
        attempts: 0,
        retryAt: 0,
      },
    ]);
    const asked: Array<{ from: unknown; to: unknown }> = [];
    const source = new LiveVoxInteractionSource(history([voiceRow('S9', T - 600_000)], asked), {
      filter: {},
    } as never);
    const to = T + 30 * 3_600_000;
    const closed = await source.closeGap(store, { from: T, to }, new AbortController().signal);
    expect(asked).toEqual([{ from: T - 600_000 - 60_000, to }]);
    expect(closed).toMatchObject({ gapHours: 30, found: 1, completed: 1, queued: 1 });
    expect(await lastClosedGap(store)).toMatchObject({ gapHours: 30, queued: 1 });
  });
});
