import type { Clock } from '@voxbridge/emulator-kit';

interface Task {
  time: number;
  seq: number;
  run: (time: number) => void;
}

/** Longest real delay handed to setTimeout (its limit is 2^31-1 ms). */
const MAX_TIMER_MS = 2_000_000_000;

/**
 * Runs tasks at simulated times. Tasks run in (time, insertion) order, each given its own scheduled
 * time, so the simulation's outcome depends only on the seed, never on how late a timer fires.
 * A single real timer waits for the next task; a manual clock jump runs everything that became due.
 */
export class Scheduler {
  private heap: Task[] = [];
  private seq = 0;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private stopped = false;
  private readonly unsubscribe: () => void;

  constructor(private readonly clock: Clock) {
    this.unsubscribe = clock.onJump(() => this.pump());
  }

  /** Tasks waiting. */
  get size(): number {
    return this.heap.length;
  }

  /** Schedules `run` at simulated `time` (never before a task that is running). */
  at(time: number, run: (time: number) => void): void {
    this.push({ time, seq: this.seq++, run });
    if (!this.running) this.arm();
  }

  /** Runs every task that is due, then waits for the next one. */
  pump(): void {
    if (this.running || this.stopped) return;
    this.running = true;
    try {
      const now = this.clock.now();
      while (this.heap.length > 0 && (this.heap[0] as Task).time <= now) {
        const task = this.pop();
        task.run(task.time);
      }
    } finally {
      this.running = false;
    }
    this.arm();
  }

  /** Re-arms the timer (after a change of clock speed). */
  rearm(): void {
    this.arm();
  }

  /** Drops every task. */
  clear(): void {
    this.heap = [];
    this.arm();
  }

  /** Stops for good (server closed). */
  stop(): void {
    this.stopped = true;
    this.unsubscribe();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.heap = [];
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const next = this.heap[0];
    if (!next || this.stopped) return;
    const delay = Math.min(MAX_TIMER_MS, this.clock.realMsUntil(next.time));
    this.timer = setTimeout(() => this.pump(), delay);
    this.timer.unref();
  }

  private push(task: Task): void {
    const heap = this.heap;
    heap.push(task);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(task, heap[parent] as Task)) break;
      heap[i] = heap[parent] as Task;
      i = parent;
    }
    heap[i] = task;
  }

  private pop(): Task {
    const heap = this.heap;
    const top = heap[0] as Task;
    const last = heap.pop() as Task;
    if (heap.length > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= heap.length) break;
        const right = left + 1;
        const child = right < heap.length && before(heap[right] as Task, heap[left] as Task) ? right : left;
        if (!before(heap[child] as Task, last)) break;
        heap[i] = heap[child] as Task;
        i = child;
      }
      heap[i] = last;
    }
    return top;
  }
}

function before(a: Task, b: Task): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}
