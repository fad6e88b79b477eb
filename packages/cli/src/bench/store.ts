import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type InteractionRow, SqliteStore } from '@voxbridge/bridge';

/** What one round of the store-alone benchmark measured. */
export interface StoreRound {
  events: number;
  /** CPU time (user + system) of this process per event. */
  cpuUsPerEvent: number;
  eventsPerSecond: number;
  /** The store file after close (WAL folded in) per stored event. */
  storeBytesPerEvent: number;
}

/** A LiveVox SMS feed event as the feed reader hands it over (about 670 bytes of JSON). */
function feedEvent(n: number): Record<string, unknown> {
  return {
    eventId: `e${n}`,
    interactionType: 'SMS',
    clientId: '83424',
    callCenterId: '11363',
    serviceId: '93140',
    timestamp: '2026-12-03T02:57:45.000-04:00',
    campaignId: '751740258',
    sessionId: `93140-${n >> 1}-1796281065789`,
    phoneNumber: '9403864018',
    acctTransactionId: '1229726103000',
    eventType: 'Attempt',
    threadId: '1229726103000',
    accountNumber: '065629297',
    campaignType: 'OB',
    carrier: 'sap_sms365',
    smsCode: '53063',
    campaignTypeId: '6',
    callStartTime: '1796281065000',
    occurredAt: '2026-12-03T06:57:45.000Z',
    startedAt: '2026-12-03T06:57:45.000Z',
  };
}

/**
 * The store alone: the calls the QA pipeline makes per 1,000 feed events (append, read, assemble two
 * events per interaction, map with a record and a payload, then claim, submit and close batches of
 * 100), against a file store with the default durability, in this process.
 */
export async function storeRound(events: number): Promise<StoreRound> {
  const dir = mkdtempSync(join(tmpdir(), 'voxbridge-bench-store-'));
  const path = join(dir, 'state.db');
  const store = new SqliteStore({ path });
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let b = 0; b < events / 1000; b++) {
    const inputs = Array.from({ length: 1000 }, (_, i) => ({
      eventId: `e${b * 1000 + i}`,
      payload: feedEvent(b * 1000 + i),
    }));
    await store.appendEvents('livevox', inputs, `token-${b}`);
    const read = await store.eventsAfterCursor('assembler', 'livevox', 1000);
    const keyOf = (payload: Record<string, unknown>) => `SMS:${String(payload.sessionId)}`;
    const rows = await store.getInteractions([...new Set(read.map((e) => keyOf(e.payload)))]);
    for (const event of read) {
      const key = keyOf(event.payload);
      const row: InteractionRow = rows.get(key) ?? {
        key,
        type: 'SMS',
        state: 'assembling',
        interactionId: key,
        events: [],
        firstSeenAt: event.receivedAt,
        updatedAt: event.receivedAt,
        attempts: 0,
        retryAt: 0,
      };
      row.events.push(event.payload);
      if (row.events.length === 2) row.state = 'ready';
      rows.set(key, row);
    }
    await store.saveAssembly([...rows.values()], 'assembler', read[read.length - 1]!.seq);
    const ready = await store.interactionsInState('ready', 1000);
    for (const row of ready) {
      row.record = { ...row.events[0], events: row.events.length };
      row.payload = {
        interaction_id: row.interactionId,
        assignee_id: 'agent',
        metadata: { ...row.events[1] },
        comments: [{ body: 'x'.repeat(200), type: 'note', author_id: 'agent' }],
      };
      row.state = 'mapped';
    }
    await store.saveInteractions(ready);
    for (let k = 0; ; k++) {
      const batchId = `b${b}-${k}`;
      const claimed = await store.claimBatch(batchId, 100, Date.now());
      if (claimed.length === 0) break;
      const keys = claimed.map((r) => r.key);
      await store.batchSubmitted(batchId, `job-${batchId}`, keys);
      const delivered = keys.map((key) => ({ key, playvoxId: `p-${key}` }));
      await store.closeDeliveredBatch(batchId, delivered, [], [], Date.now());
    }
  }
  const used = process.cpuUsage(cpu);
  const seconds = (performance.now() - started) / 1000;
  await store.close();
  const bytes = statSync(path).size;
  rmSync(dir, { recursive: true, force: true });
  return {
    events,
    cpuUsPerEvent: (used.user + used.system) / events,
    eventsPerSecond: events / seconds,
    storeBytesPerEvent: bytes / events,
  };
}

/** `rounds` store-alone rounds of `events` events each. */
export async function storeRounds(rounds: number, events: number): Promise<StoreRound[]> {
  const out: StoreRound[] = [];
  for (let i = 0; i < rounds; i++) out.push(await storeRound(events));
  return out;
}
