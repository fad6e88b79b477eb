import { createHash } from 'node:crypto';
import { hasPlayvoxUser, rosterPerson } from '@voxbridge/emulator-kit';
import type { LiveVoxEmulator } from '@voxbridge/emulator-livevox';
import { describe, expect, it } from 'vitest';
import { call, drainFeed, firstToken, freshEmulatorEachTest, login } from './helpers.js';

/** Raw GET of a recording: status, headers and bytes. */
async function getRecording(emu: LiveVoxEmulator, session: string, id: string, range?: string) {
  const headers: Record<string, string> = { 'lv-session': session };
  if (range) headers.range = range;
  const res = await fetch(`${emu.url}/compliance/recording/${id}`, { headers });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

describe('recordings, history, roster and poison of the LiveVox emulator', () => {
  let emu: LiveVoxEmulator;
  let session: string;
  freshEmulatorEachTest({ recordings: { share: 0.8, delayMs: 60_000, maxSeconds: 2 } }, (e, s) => {
    emu = e;
    session = s;
  });

  it('gives most agent-handled calls a WAV served with Content-Type, Content-Length and Range', async () => {
    emu.generateBacklog({ calls: 200, seed: 3 });
    const voice = emu.truth({ type: 'VOICE' }).interactions ?? [];
    const handled = voice.filter((i) => i.agentId !== null);
    const recorded = handled.filter((i) => i.recording !== null);
    expect(voice.filter((i) => i.agentId === null && i.recording !== null)).toEqual([]);
    expect(recorded.length / handled.length).toBeGreaterThan(0.6);
    expect(recorded.length).toBeLessThan(handled.length);
    const call0 = recorded[0]!;
    const recording = call0.recording!;
    const whole = await getRecording(emu, session, recording.id);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('audio/wav');
    expect(Number(whole.headers.get('content-length'))).toBe(recording.bytes);
    expect(createHash('sha256').update(whole.bytes).digest('hex')).toBe(recording.sha256);
    // RIFF/WAVE, PCM, mono, 8 kHz, 16-bit; length follows the talk time, capped at 2 s.
    expect(whole.bytes.toString('ascii', 0, 4)).toBe('RIFF');
    expect(whole.bytes.toString('ascii', 8, 12)).toBe('WAVE');
    expect([whole.bytes.readUInt16LE(20), whole.bytes.readUInt16LE(22)]).toEqual([1, 1]);
    expect([whole.bytes.readUInt32LE(24), whole.bytes.readUInt16LE(34)]).toEqual([8000, 16]);
    const seconds = Math.max(1, Math.min(2, call0.talkSeconds ?? 0));
    expect(recording.bytes).toBe(44 + seconds * 16_000);

    const part = await getRecording(emu, session, recording.id, 'bytes=100-199');
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${recording.bytes}`);
    expect(part.bytes).toEqual(whole.bytes.subarray(100, 200));
    const tail = await getRecording(emu, session, recording.id, 'bytes=1000-');
    expect(Number(tail.headers.get('content-length'))).toBe(recording.bytes - 1000);
    const past = await getRecording(emu, session, recording.id, `bytes=${recording.bytes}-`);
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${recording.bytes}`);
    expect((await getRecording(emu, session, 'REC-1')).status).toBe(404);
    const withoutOne = handled.find((i) => i.recording === null)!;
    expect((await getRecording(emu, session, `REC-${withoutOne.transactionId}`)).status).toBe(404);
  });

  it('makes a recording available only a configured delay after its call ends', async () => {
    emu.configure({ recordings: { delayMs: 7_200_000 } });
    const now = emu.clock.now();
    emu.generateBacklog({ calls: 40, seed: 4 });
    const recorded = (emu.truth({ type: 'VOICE' }).interactions ?? []).filter((i) => i.recording);
    const { id, availableAt } = recorded[0]!.recording!;
    expect(availableAt).toBe(recorded[0]!.end! + 7_200_000);
    expect((await getRecording(emu, session, id)).status).toBe(404);
    const listed = await call(emu, 'POST', '/reporting/standard/callRecording', {
      session,
      body: { startDate: now - 7_200_000, endDate: now + 1 },
    });
    expect(listed.body.callRecording).toEqual([]);
    emu.clock.advance(7_200_000);
    expect((await getRecording(emu, session, id)).status).toBe(200);
    const after = await call(emu, 'POST', '/reporting/standard/callRecording', {
      session,
      body: { startDate: new Date(now - 7_200_000).toISOString(), endDate: now + 1 },
    });
    expect(after.body.callRecording.map((row: { recordingId: string }) => row.recordingId).sort()).toEqual(
      recorded.map((i) => i.recording!.id).sort(),
    );
  });

  it('answers the Call Event Recovery report for a past period, paged, consistent with the truth', async () => {
    const now = emu.clock.now(); // the clock is shared by the file's tests
    const token = await firstToken(emu, session);
    emu.generateBacklog({ calls: 120, sms: 20, emails: 10, seed: 5 });
    const { events } = await drainFeed(emu, session, token);
    emu.clock.advance(30 * 3_600_000);
    session = await login(emu); // the old session expired while the clock moved on
    const truth = emu.truth().interactions ?? [];
    const rows: any[] = [];
    let path = '/reporting/standard/callEventRecovery?offset=0&count=50';
    for (;;) {
      const page = await call(emu, 'POST', path, {
        session,
        body: { startDate: now - 2 * 3_600_000, endDate: now },
      });
      expect(page.status).toBe(200);
      rows.push(...page.body.callEventRecovery);
      if (!page.body.next) break;
      path = page.body.next;
    }
    expect(rows.map((r) => r.sessionId).sort()).toEqual(truth.map((i) => i.sessionId).sort());
    for (const row of rows) {
      const known = truth.find((i) => i.sessionId === row.sessionId)!;
      expect(row.agentLoginId).toBe(known.agentLoginId);
      expect(row.termCode).toBe(known.termCodeName);
      expect(row.talkDuration).toBe(known.talkSeconds);
      expect(row.wrapDuration).toBe(known.wrapSeconds);
      expect(row.recordingId).toBe(known.recording?.id ?? null);
    }
    // The report agrees with the feed's events for the same calls.
    for (const event of events.filter((e) => e.callEventType === 'CALL_TERMINATION')) {
      const row = rows.find((r) => r.sessionId === event.sessionId)!;
      expect([row.transactionId, row.end, row.duration, row.lvResult, row.agentLoginId]).toEqual([
        event.transactionId,
        event.end,
        event.duration,
        event.lvResult,
        event.agentLoginId,
      ]);
    }
    for (const event of events.filter((e) => e.callEventType === 'CALL_DISPOSITION'))
      expect(rows.find((r) => r.sessionId === event.sessionId)!.termCode).toBe(event.lvResult);
    expect(events.filter((e) => e.interactionType !== 'VOICE')).toHaveLength(30);
    const bad = await call(emu, 'POST', '/reporting/standard/callEventRecovery', {
      session,
      body: { startDate: 'yesterday', endDate: now },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^startDate: /);
  });

  it('takes agent names, login ids and emails from the shared roster', async () => {
    emu.generateBacklog({ agents: 6, calls: 30, seed: 6 });
    const { body } = await call(emu, 'GET', '/_emulator/agents');
    expect(body.agents).toHaveLength(6);
    for (const [index, agent] of body.agents.entries()) {
      const person = rosterPerson(1, index);
      expect(agent).toMatchObject({
        loginId: person.loginId,
        email: person.email,
        name: person.name.toUpperCase(),
      });
    }
    const handled = (emu.truth({ type: 'VOICE' }).interactions ?? []).find((i) => i.agentId !== null)!;
    const index = handled.agentId! - 544_001;
    expect(handled.agentEmail).toBe(rosterPerson(1, index).email);
    expect(hasPlayvoxUser(3)).toBe(false); // the roster's no-user people are agents here too
  });

  it('plants poison items between the real events of the next feed answer', async () => {
    const first = await call(emu, 'POST', '/realtime/event/feed', { session, body: {} });
    emu.generateBacklog({ calls: 5, seed: 7 });
    const queued = await call(emu, 'POST', '/_emulator/poison', { body: { count: 4 } });
    expect(queued.body.waiting).toBe(4);
    const page = await call(emu, 'POST', '/realtime/event/feed', {
      session,
      body: { token: first.body.token },
    });
    const events = page.body.events as unknown[];
    expect(events).toHaveLength(emu.truth({ summary: true }).events + 4);
    expect(typeof events[1]).toBe('string');
    const status = await call(emu, 'GET', '/_emulator/poison');
    expect(status.body).toEqual({
      waiting: 0,
      planted: { 'not-object': 1, 'wrong-types': 1, 'missing-id': 1, 'invalid-json': 1 },
    });
    const bad = await call(emu, 'POST', '/_emulator/poison', { body: { count: 0 } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^count: /);
  });
});
