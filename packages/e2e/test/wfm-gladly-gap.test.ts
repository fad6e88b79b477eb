import { join } from 'node:path';
import { GLADLY_EVENT_STREAM, gladlyEventKey, pollGladlyEvents, SqliteStore } from '@voxbridge/bridge';
import { GLADLY_DEFAULT_CREDENTIALS, startGladlyEmulator } from '@voxbridge/emulator-gladly';
import { Gladly } from '@voxbridge/gladly';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../bridge/test/helpers.js';

// Issue 12 item 5 ("WFM too"): past the Gladly Events API's 24 hours, the poll reads the agent-status
// gap from Gladly's hourly export jobs, deduplicated by event id with what the Events API gives.

const HOUR = 3_600_000;

describe('a Gladly poll after 36 hours away', () => {
  it('stores every agent status of the gap once, from the export jobs and the Events API', async () => {
    const emu = await startGladlyEmulator({ seed: 7, speed: 1e-9 });
    const store = new SqliteStore({ path: join(tempDir(), 'state.db') });
    try {
      emu.generateBacklog({ hours: 40, agents: 4 });
      const now = () => emu.clock.now();
      const gladly = new Gladly({ baseUrl: emu.url }, GLADLY_DEFAULT_CREDENTIALS, { now });
      const since = now() - 36 * HOUR;
      // The checkpoint a poll 36 hours ago left: the time of the last event it saw.
      await store.appendEvents(GLADLY_EVENT_STREAM, [], new Date(since).toISOString());
      const entities = ['AGENT_STATUS', 'AGENT_AVAILABILITY'];
      const config = { poll: { overlapMs: 0, settleMs: 0, entities }, webhook: { events: [] } } as never;
      const outcome = await pollGladlyEvents({ gladly, store, config, now }, new AbortController().signal);

      // The truth's agent statuses of the gap, by the bridge's event key.
      const truth = emu.truth();
      const expected = new Set(
        truth.agents
          .flatMap((a) => a.statuses as Array<{ at: string; eventId: string; eventType: string }>)
          .filter((s) => Date.parse(s.at) >= since && Date.parse(s.at) < now())
          .map((s) => gladlyEventKey(s.eventId)),
      );
      const stored = await store.eventsAfterCursor('test', GLADLY_EVENT_STREAM, 100_000);
      const statusIds = stored
        .filter((e) => /^AGENT_(STATUS|AVAILABILITY)\//.test(String(e.payload.type)))
        .map((e) => e.eventId);
      expect(new Set(statusIds).size).toBe(statusIds.length);
      expect(statusIds.filter((id) => !expected.has(id))).toEqual([]);
      expect([...expected].filter((id) => !statusIds.includes(id))).toEqual([]);
      expect(outcome.fromExports.read).toBeGreaterThan(0);
      expect(outcome.fromExports.window?.startAt).toBe(since);
      // The export jobs reach the Events API's limit: nothing is lost.
      expect(outcome.lostMs).toBe(0);
      const viaExport = stored.filter((e) => e.payload.receivedVia === 'export').length;
      process.stdout.write(
        `gladly gap figures: ${JSON.stringify({ expected: expected.size, fromExports: outcome.fromExports.inserted, viaExport, fromEventsApi: outcome.read })}\n`,
      );
    } finally {
      await store.close();
      await emu.close();
    }
  }, 60_000);
});
