import { join } from 'node:path';
import type { Gladly } from '@voxbridge/gladly';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../src/store/sqlite.js';
import type { StoredEvent } from '../src/store/types.js';
import { GladlyEventTranslator, WorkSessionTranslator } from '../src/wfm/stages/translate-gladly.js';
import { LiveVoxAgentTranslator } from '../src/wfm/stages/translate-livevox.js';
import { UserDirectory } from '../src/wfm/users.js';
import { tempDir } from './helpers.js';

const stores: SqliteStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

const signal = new AbortController().signal;
const stored = (eventId: string, payload: Record<string, unknown>): StoredEvent => ({
  seq: 1,
  eventId,
  stream: 'test',
  receivedAt: 0,
  payload,
});

/** A directory where agent `a1` of both sources is WFM user 1. */
async function directory(): Promise<UserDirectory> {
  const store = new SqliteStore({ path: join(tempDir(), 'state.db') });
  stores.push(store);
  const users = { a1: { email: 'a1@example.com', wfmUserId: 1 } };
  await store.saveUserMap('gladly', { at: 1, users });
  await store.saveUserMap('livevox', { at: 1, users });
  return UserDirectory.load(store);
}

describe('WFM translators: a record that throws is dead-lettered alone', () => {
  it('LiveVox agent events: an out-of-range time becomes an untranslatable dead letter, the next event translates', async () => {
    const translator = new LiveVoxAgentTranslator(await directory(), {}, true);
    const hostile = stored('livevox-agent:e1', {
      eventId: 'livevox-agent:e1',
      liveVoxEventId: 'e1',
      agentId: 'a1',
      eventType: 'READY',
      timestamp: 1e20,
    });
    expect(await translator.translate(hostile, signal)).toEqual([
      {
        kind: 'dead',
        reason: 'untranslatable',
        detail: expect.stringMatching(/^event livevox-agent:e1 could not be translated \(RangeError: /),
      },
    ]);
    const good = stored('livevox-agent:e2', {
      ...hostile.payload,
      liveVoxEventId: 'e2',
      timestamp: 1_700_000_000_000,
    });
    expect(await translator.translate(good, signal)).toMatchObject([
      { kind: 'status', agentId: 'a1', event: { eventId: 'e2', status: 'READY' } },
    ]);
  });

  it('Gladly work sessions: a row whose times are out of range is dead-lettered', async () => {
    const translator = new WorkSessionTranslator(await directory());
    const row = stored('gladly-ws:w1', {
      id: 'w1',
      agentId: 'a1',
      workSessionHandleTimeSec: 30,
      agentAcceptedAt: '1700000000000',
      contactSessionEndedAt: '99999999999999999999',
    });
    expect(await translator.translate(row, signal)).toMatchObject([
      { kind: 'dead', reason: 'untranslatable', detail: expect.stringContaining('RangeError') },
    ]);
  });

  it('Gladly events: a failed call to Gladly fails the round (retried), it is never dead-lettered', async () => {
    const down = new Error('connect ECONNREFUSED');
    const gladly = {
      conversations: {
        get: async () => {
          throw down;
        },
      },
    } as unknown as Gladly;
    const translator = new GladlyEventTranslator(gladly, await directory(), {});
    const closed = stored('gladly:c1', {
      id: 'c1',
      type: 'CONVERSATION/CLOSED',
      timestamp: '2026-03-02T08:00:00.000Z',
      content: { conversationId: 'conv-1', context: { assignee: { inboxId: 'inbox-1' } } },
    });
    await expect(translator.translate(closed, signal)).rejects.toBe(down);
    // A payload of an unexpected shape (content null on a status event) is the record's fault.
    const odd = stored('gladly:s1', {
      id: 's1',
      type: 'AGENT_STATUS/LOGGED_IN',
      timestamp: '2026-03-02T08:00:00.000Z',
      content: null,
    });
    expect(translator.agentsOf(odd)).toEqual([]);
    expect(await translator.translate(odd, signal)).toMatchObject([
      { kind: 'dead', reason: 'untranslatable' },
    ]);
  });
});
