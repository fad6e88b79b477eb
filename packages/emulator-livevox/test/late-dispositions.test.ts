import type { LiveVoxEmulator } from '@voxbridge/emulator-livevox';
import { afterEach, describe, expect, it } from 'vitest';
import { call, startEmulator } from './helpers.js';

const MINUTE = 60_000;

describe('late dispositions', () => {
  const running: LiveVoxEmulator[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((emu) => emu.close()));
  });

  /** An hour of live calls, drained; the voice calls of the truth. */
  async function calls(seed: number, simulation: Record<string, number> = {}) {
    const emu = await startEmulator({ seed, config: { simulation } as never });
    running.push(emu);
    emu.startTraffic({ agents: 8, callsPerMinute: 4, smsPerMinute: 0, emailsPerMinute: 0 });
    emu.clock.advance(60 * MINUTE);
    const drained = emu.stopTraffic({ drain: true });
    emu.clock.advance(40 * MINUTE);
    await drained;
    return (emu.truth().interactions ?? []).filter((i) => i.type === 'VOICE');
  }

  it('come a configurable delay after the usual wrap-up, for a share of agent calls drawn from the seed', async () => {
    const voice = await calls(11, { lateDispositionShare: 0.2, lateDispositionDelayMs: 25 * MINUTE });
    const late = voice.filter((c) => c.lateDisposition);
    const handled = voice.filter((c) => c.agentLoginId !== null && c.talkSeconds! > 0);
    expect(late.length).toBeGreaterThan(handled.length * 0.08);
    expect(late.length).toBeLessThan(handled.length * 0.35);
    for (const c of late) {
      // Only agent calls; the truth gives the final term code and when it came.
      expect(c.agentLoginId).not.toBeNull();
      expect(c.status).toBe('completed');
      expect(c.termCode).toBeGreaterThanOrEqual(700);
      expect(c.dispositionAt! - c.end!).toBeGreaterThanOrEqual(25 * MINUTE);
      expect(c.wrapSeconds).toBe(Math.round((c.dispositionAt! - c.end!) / 1000));
    }
    for (const c of voice.filter((v) => !v.lateDisposition && v.dispositionAt !== null))
      expect(c.dispositionAt! - c.end!).toBeLessThan(25 * MINUTE);
    // Deterministic per seed.
    const again = await calls(11, { lateDispositionShare: 0.2, lateDispositionDelayMs: 25 * MINUTE });
    expect(again.filter((c) => c.lateDisposition).map((c) => c.sessionId)).toEqual(
      late.map((c) => c.sessionId),
    );
  });

  it('are on by default for a small share, off with a share of 0, and validated', async () => {
    const byDefault = await calls(12);
    expect(byDefault.some((c) => c.lateDisposition)).toBe(true);
    const off = await calls(12, { lateDispositionShare: 0 });
    expect(off.some((c) => c.lateDisposition)).toBe(false);
    const emu = running[0]!;
    const bad = await call(emu, 'PUT', '/_emulator/config', {
      body: { simulation: { lateDispositionShare: 1.5 } },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain(
      'simulation.lateDispositionShare: must be a number from 0 to 1',
    );
  });
});
