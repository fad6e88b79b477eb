import { Clock, ClockScheduler } from '@voxbridge/emulator-kit';
import { afterEach, describe, expect, it } from 'vitest';

const START = Date.UTC(2026, 0, 5, 9);
const HOUR = 3_600_000;

describe('ClockScheduler', () => {
  let scheduler: ClockScheduler | undefined;
  afterEach(() => scheduler?.close());

  /** A scheduler on a clock at START; tasks an hour or more ahead only run when the test moves time. */
  function setup(): { clock: Clock; scheduler: ClockScheduler } {
    const clock = new Clock({ start: START });
    scheduler = new ClockScheduler(clock);
    return { clock, scheduler };
  }

  it('runs due tasks in (time, insertion) order, each with its own due time, when the clock jumps', () => {
    const { clock, scheduler } = setup();
    const ran: string[] = [];
    scheduler.at(START + 2 * HOUR, (at) => ran.push(`b@${at - START}`));
    scheduler.at(START + HOUR, (at) => ran.push(`a1@${at - START}`));
    scheduler.at(START + HOUR, (at) => ran.push(`a2@${at - START}`));
    scheduler.at(START + 3 * HOUR, () => ran.push('c'));
    clock.advance(2 * HOUR + 1);
    expect(ran).toEqual([`a1@${HOUR}`, `a2@${HOUR}`, `b@${2 * HOUR}`]);
    expect(scheduler.size).toBe(1);
  });

  it('runs a task that a running task schedules when it is due already, not one due later', () => {
    const { clock, scheduler } = setup();
    const ran: string[] = [];
    scheduler.at(START + HOUR, (at) => {
      ran.push('first');
      scheduler.at(at, () => ran.push('same time'));
      scheduler.at(at + 10 * HOUR, () => ran.push('later'));
    });
    clock.advance(2 * HOUR);
    expect(ran).toEqual(['first', 'same time']);
    expect(scheduler.size).toBe(1);
  });

  it('skips a cancelled task and counts only the tasks it ran', () => {
    const { scheduler } = setup();
    const ran: number[] = [];
    scheduler.at(START + HOUR, () => ran.push(1));
    const second = scheduler.at(START + HOUR, () => ran.push(2));
    expect(second.at).toBe(START + HOUR);
    second.cancel();
    expect(scheduler.runDue(START + HOUR)).toBe(1);
    expect(ran).toEqual([1]);
  });

  it('runs a task whose time has passed by its timer, without a jump', async () => {
    const { clock, scheduler } = setup();
    const done = new Promise<number>((resolve) => scheduler.at(clock.now() - 1, resolve));
    await expect(done).resolves.toBeLessThan(clock.now());
  });

  it('drops every task on clear, and runs nothing once closed', () => {
    const { clock, scheduler } = setup();
    const ran: string[] = [];
    scheduler.at(START + HOUR, () => ran.push('cleared'));
    scheduler.clear();
    expect(scheduler.size).toBe(0);
    scheduler.close();
    scheduler.at(START + HOUR, () => ran.push('after close'));
    clock.advance(2 * HOUR);
    expect(scheduler.runDue(START + 2 * HOUR)).toBe(0);
    expect(ran).toEqual([]);
  });
});
