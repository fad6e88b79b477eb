/** Runs an emulator's simulated work at the simulated times of its {@link Clock} (LiveVox and Gladly). */
import type { Clock } from './clock.js';

interface Entry {
  at: number;
  seq: number;
  task: (at: number) => void;
  cancelled: boolean;
}

/** A task scheduled on a {@link ClockScheduler}. */
export interface ScheduledTask {
  /** Simulated time the task is due. */
  readonly at: number;
  cancel(): void;
}

/**
 * Runs tasks at simulated times of the emulator's {@link Clock}, in (time, insertion) order. A task
 * is due when the clock reaches its time, whether time passes by itself (a timer is armed for the
 * earliest task) or is moved by hand (`clock.advance` runs everything that became due at once).
 * Each task receives its own due time, so work done late (after a jump) is still stamped correctly.
 */
export class ClockScheduler {
  private readonly heap: Entry[] = [];
  private seq = 0;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private closed = false;
  private readonly unsubscribe: () => void;

  constructor(private readonly clock: Clock) {
    this.unsubscribe = clock.onJump((now) => this.runDue(now));
  }

  /** Schedules `task` at simulated time `at` (run immediately on the next `runDue` when already past). */
  at(at: number, task: (at: number) => void): ScheduledTask {
    const entry: Entry = { at, seq: this.seq++, task, cancelled: false };
    this.push(entry);
    if (!this.running) this.arm();
    return {
      at,
      cancel: () => {
        entry.cancelled = true;
      },
    };
  }

  /** Tasks waiting (cancelled ones included until they surface). */
  get size(): number {
    return this.heap.length;
  }

  /** Runs every task due at or before `now` (tasks they schedule for `now` or earlier run too). */
  runDue(now: number = this.clock.now()): number {
    if (this.running || this.closed) return 0;
    this.running = true;
    let ran = 0;
    try {
      for (let head = this.heap[0]; head && head.at <= now; head = this.heap[0]) {
        this.pop();
        if (head.cancelled) continue;
        ran += 1;
        head.task(head.at);
      }
    } finally {
      this.running = false;
      this.arm();
    }
    return ran;
  }

  /** Re-arms the timer (after the clock's speed changed). */
  rearm(): void {
    this.arm();
  }

  /** Drops every task. */
  clear(): void {
    this.heap.length = 0;
    this.disarm();
  }

  /** Drops every task and stops listening to the clock. */
  close(): void {
    this.closed = true;
    this.clear();
    this.unsubscribe();
  }

  private arm(): void {
    this.disarm();
    const head = this.heap[0];
    if (!head || this.closed) return;
    // A timer cannot wait longer than ~24.8 days; re-check after that.
    const wait = Math.min(this.clock.realMsUntil(head.at), 2_000_000_000);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.runDue();
    }, wait);
    this.timer.unref();
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private less(a: Entry, b: Entry): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private push(entry: Entry): void {
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop();
    if (!last || heap.length === 0) return;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && this.less(heap[left]!, heap[smallest]!)) smallest = left;
      if (right < heap.length && this.less(heap[right]!, heap[smallest]!)) smallest = right;
      if (smallest === i) return;
      [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
      i = smallest;
    }
  }
}
