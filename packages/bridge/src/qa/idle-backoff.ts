/**
 * How long a polling loop sleeps between rounds: `baseMs` after a round that did something, then twice
 * as long after each further idle round, up to `maxMs`. An idle worker with many connections (issue 14:
 * 100 tenants, CPU ≤ 2 %) then polls each one's store a few times a minute instead of ten times a second,
 * while work that comes due by the clock (a retry, a voice grace period) waits at most about as long
 * again as it has already waited idle, and at most `maxMs`. New work does not wait: the loops are woken.
 */
export class IdleBackoff {
  private idleRounds = 0;

  constructor(
    private readonly baseMs: number,
    private readonly maxMs: number,
  ) {}

  /** The sleep after a round; `busy` says whether the round did anything. */
  next(busy: boolean): number {
    if (busy) {
      this.idleRounds = 0;
      return this.baseMs;
    }
    const ms = Math.min(this.maxMs, this.baseMs * 2 ** this.idleRounds);
    if (ms < this.maxMs) this.idleRounds += 1;
    return ms;
  }
}
