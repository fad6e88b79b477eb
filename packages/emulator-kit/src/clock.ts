/** Options of a {@link Clock}. */
export interface ClockOptions {
  /** Simulated epoch ms at start. Default: the real time. */
  start?: number;
  /** Simulated ms per real ms. Default 1. */
  speed?: number;
}

/**
 * A controllable clock: simulated time runs at `speed` times real time and can be moved forward by
 * hand (`advance`), so that tests reach "24 hours later" in a millisecond and demos run at 60×.
 */
export class Clock {
  private baseSim: number;
  private baseReal: number;
  private speedFactor: number;
  private readonly listeners = new Set<(now: number) => void>();

  constructor(options: ClockOptions = {}) {
    this.baseReal = Date.now();
    this.baseSim = options.start ?? this.baseReal;
    this.speedFactor = checkSpeed(options.speed ?? 1);
  }

  /** Simulated time, epoch ms. */
  now(): number {
    return Math.floor(this.baseSim + (Date.now() - this.baseReal) * this.speedFactor);
  }

  /** Simulated time as a Date. */
  date(): Date {
    return new Date(this.now());
  }

  /** Simulated ms per real ms. */
  get speed(): number {
    return this.speedFactor;
  }

  /** Changes the speed from now on without a jump in time. */
  setSpeed(speed: number): void {
    checkSpeed(speed);
    this.rebase();
    this.speedFactor = speed;
  }

  /** Moves simulated time forward by `ms` and tells the listeners. */
  advance(ms: number): number {
    if (!(ms >= 0 && Number.isFinite(ms))) throw new RangeError('advanceMs must be a finite number >= 0');
    this.rebase();
    this.baseSim += ms;
    const now = this.now();
    for (const listener of this.listeners) listener(now);
    return now;
  }

  /** Sets simulated time (forward or back) and tells the listeners. */
  set(epochMs: number): void {
    if (!Number.isFinite(epochMs)) throw new RangeError('epochMs must be a finite number');
    this.baseReal = Date.now();
    this.baseSim = epochMs;
    for (const listener of this.listeners) listener(epochMs);
  }

  /** Real milliseconds until simulated time `epochMs` (0 when it has passed). */
  realMsUntil(epochMs: number): number {
    const diff = epochMs - this.now();
    return diff <= 0 ? 0 : Math.ceil(diff / this.speedFactor);
  }

  /** Calls `listener` after every manual jump of time (`advance`, `set`). Returns an unsubscribe function. */
  onJump(listener: (now: number) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private rebase(): void {
    const now = this.now();
    this.baseReal = Date.now();
    this.baseSim = now;
  }
}

/** A speed must be a finite number above 0: a stopped or backward clock would make every wait endless. */
function checkSpeed(speed: number): number {
  if (!(Number.isFinite(speed) && speed > 0)) throw new RangeError('speed must be a finite number > 0');
  return speed;
}
