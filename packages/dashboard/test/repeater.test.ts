import { describe, expect, it, vi } from 'vitest';
import { Repeater } from '../src/repeater.js';

/** Resolves after `ms` real milliseconds. */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Repeater', () => {
  it('runs at once, then after each interval, one run at a time, until stopped', async () => {
    let runs = 0;
    let overlapping = false;
    let busy = false;
    const repeater = new Repeater(async () => {
      overlapping ||= busy;
      busy = true;
      runs += 1;
      await sleep(5);
      busy = false;
    }, 10);
    repeater.start();
    expect(runs).toBe(1);
    expect(repeater.isRunning).toBe(true);
    await vi.waitFor(() => expect(runs).toBeGreaterThan(2));
    await repeater.stop();
    const stoppedAt = runs;
    expect(stoppedAt).toBeGreaterThan(1);
    expect(overlapping).toBe(false);
    await sleep(40);
    expect(runs).toBe(stoppedAt);
    expect(repeater.isRunning).toBe(false);
  });

  it('a start while a run from before a stop is still going keeps a single chain of runs', async () => {
    let runs = 0;
    let release: () => void = () => undefined;
    const repeater = new Repeater(async () => {
      runs += 1;
      if (runs === 1) await new Promise<void>((resolve) => (release = resolve));
    }, 20);
    repeater.start();
    const stopped = repeater.stop();
    repeater.start();
    // The first run is still in flight: the restart does not start a second one beside it.
    expect(runs).toBe(1);
    release();
    await stopped;
    // The restarted loop goes on from where the first run ended.
    await vi.waitFor(() => expect(runs).toBeGreaterThanOrEqual(2));
    await repeater.stop();
  });
});
