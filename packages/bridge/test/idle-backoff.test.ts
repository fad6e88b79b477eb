import { describe, expect, it, vi } from 'vitest';
import { IdleBackoff, Wakeup } from '../src/qa/idle-backoff.js';

describe('IdleBackoff', () => {
  it('doubles the sleep over idle rounds up to its cap and starts over after a busy round', () => {
    const backoff = new IdleBackoff(100, 1000);
    const idle = () => backoff.next(false);
    expect([idle(), idle(), idle(), idle(), idle(), idle()]).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(backoff.next(true)).toBe(100);
    expect(idle()).toBe(100);
    expect(idle()).toBe(200);
  });

  it('goes on doubling up to the quiet cap while the store is quiet, and back to the cap when it is not', () => {
    const backoff = new IdleBackoff(100, 400, 1600);
    expect([1, 2, 3].map(() => backoff.next(false))).toEqual([100, 200, 400]);
    expect(backoff.next(false)).toBe(400);
    expect([1, 2, 3].map(() => backoff.next(false, true))).toEqual([400, 800, 1600]);
    expect(backoff.next(false)).toBe(400);
    expect(backoff.next(true)).toBe(100);
  });
});

describe('Wakeup', () => {
  /** Whether `promise` has settled after the microtasks queued now have run. */
  async function settled(promise: Promise<void>): Promise<boolean> {
    let done = false;
    void promise.then(() => (done = true));
    await vi.advanceTimersByTimeAsync(0);
    return done;
  }

  it('sleeps its time, and a wake ends the sleep early', async () => {
    vi.useFakeTimers();
    try {
      const wakeup = new Wakeup();
      const timed = wakeup.sleep(1000);
      await vi.advanceTimersByTimeAsync(999);
      expect(await settled(timed)).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(await settled(timed)).toBe(true);
      const woken = wakeup.sleep(30_000);
      expect(await settled(woken)).toBe(false);
      wakeup.wake();
      expect(await settled(woken)).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps a wake that came while the loop was awake, for the next sleep only (no lost wake-up)', async () => {
    vi.useFakeTimers();
    try {
      const wakeup = new Wakeup();
      wakeup.wake();
      wakeup.wake();
      expect(await settled(wakeup.sleep(30_000))).toBe(true);
      // Both wakes came before one sleep: the one after it sleeps its time.
      const next = wakeup.sleep(30_000);
      expect(await settled(next)).toBe(false);
      await vi.advanceTimersByTimeAsync(30_000);
      expect(await settled(next)).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
