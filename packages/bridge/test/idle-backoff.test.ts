import { describe, expect, it } from 'vitest';
import { IdleBackoff } from '../src/qa/idle-backoff.js';

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
