import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { type CallDetail, type LiveVox, NotFoundError } from '@voxbridge/livevox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startEmulator } from './helpers.js';

/** Reads a stream to the end, counting the chunks (the client never buffers the whole file). */
async function drain(body: Readable): Promise<{ bytes: Buffer; chunks: number }> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return { bytes: Buffer.concat(chunks), chunks: chunks.length };
}

const HOUR = 3_600_000;

describe('LiveVox Reporting: recordings and history against the emulator', () => {
  let emu: Awaited<ReturnType<typeof startEmulator>>;
  let lv: LiveVox;
  const start = Date.UTC(2026, 0, 5, 15, 0, 0);
  beforeAll(async () => {
    emu = await startEmulator({ recordings: { maxSeconds: 12, delayMs: 2 * HOUR } }, 21, start);
    emu.clock.setSpeed(1e-9);
    emu.generateBacklog({ calls: 150, sms: 15, emails: 10, seed: 21 });
    lv = client(emu);
  });
  afterAll(async () => {
    await lv.session.logout();
    await emu.close();
  });

  it('finds no recording before the delay, then lists and streams it byte for byte, with resume', async () => {
    const voice = emu.truth({ type: 'VOICE' }).interactions ?? [];
    const call = voice.find((i) => i.recording !== null && (i.talkSeconds ?? 0) >= 10)!;
    const recording = call.recording!;
    expect(await lv.reporting.recordingsOf({ sessionId: call.sessionId, start: call.start })).toEqual([]);
    await expect(lv.reporting.downloadRecording(recording.id)).rejects.toBeInstanceOf(NotFoundError);

    emu.clock.advance(2 * HOUR);
    const [listed, ...others] = await lv.reporting.recordingsOf({
      sessionId: call.sessionId,
      start: new Date(call.start),
      serviceId: call.service,
    });
    expect(others).toEqual([]);
    expect(listed).toMatchObject({
      recordingId: recording.id,
      session: call.sessionId,
      agent: call.agentLoginId,
    });
    expect(listed!.connectedAt).toBeInstanceOf(Date);

    const whole = await lv.reporting.downloadRecording(recording.id);
    expect(whole).toMatchObject({ status: 200, contentType: 'audio/wav', contentLength: recording.bytes });
    const { bytes, chunks } = await drain(whole.body);
    expect(chunks).toBeGreaterThan(1);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(recording.sha256);

    // A download broken after 1,000 bytes resumes from there.
    const rest = await lv.reporting.downloadRecording(recording.id, { start: 1000 });
    expect(rest.status).toBe(206);
    expect(rest.range).toEqual({ first: 1000, last: recording.bytes - 1, total: recording.bytes });
    expect(rest.contentLength).toBe(recording.bytes - 1000);
    expect(Buffer.concat([bytes.subarray(0, 1000), (await drain(rest.body)).bytes])).toEqual(bytes);
    await expect(
      lv.reporting.downloadRecording(recording.id, { start: recording.bytes }),
    ).rejects.toMatchObject({
      status: 416,
    });
    await expect(lv.reporting.downloadRecording(recording.id, { start: -1 })).rejects.toThrow(/range\.start/);
  });

  it('pages through a past period beyond 24 hours with the fields the feed gives', async () => {
    emu.clock.advance(30 * HOUR);
    const truth = emu.truth().interactions ?? [];
    const rows: CallDetail[] = [];
    for await (const row of lv.reporting.callHistory({ from: start - 2 * HOUR, to: start, pageSize: 40 }))
      rows.push(row);
    expect(rows).toHaveLength(truth.length);
    expect(new Set(rows.map((row) => row.sessionId)).size).toBe(truth.length);
    for (const known of truth) {
      const row = rows.find((r) => r.sessionId === known.sessionId)!;
      expect(row.transactionId).toBe(known.transactionId);
      expect(row.agentLoginId).toBe(known.agentLoginId);
      expect(row.startedAt?.getTime()).toBe(known.start);
      expect(row.endedAt?.getTime() ?? null).toBe(known.type === 'VOICE' ? known.end : null);
      expect(row.termCode).toBe(known.termCodeName);
      expect([row.talkDuration, row.holdDuration, row.wrapDuration]).toEqual([
        known.talkSeconds,
        known.holdSeconds,
        known.wrapSeconds,
      ]);
      expect(row.hasRecording).toBe(known.recording !== null);
    }
    const support = rows.filter((row) => row.serviceId === 38049).length;
    const filtered: CallDetail[] = [];
    for await (const row of lv.reporting.callHistory({ from: start - 2 * HOUR, to: start, service: [38049] }))
      filtered.push(row);
    expect(filtered).toHaveLength(support);
    await expect(lv.reporting.callHistory({ from: 'soon', to: start }).next()).rejects.toThrow(/^from/);
  });

  it('reads service names by id', async () => {
    const names = await lv.realtime.service.names();
    expect(names.get('38049')).toBe('Inbound Support');
  });
});
