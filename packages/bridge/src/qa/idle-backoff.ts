/**
 * The longest sleep of the pipeline's polling loops while idle (see {@link IdleBackoff}): new events
 * and mapped rows wake them at once, so this bounds only how late clock-driven work (retries, grace
 * periods, gauges) is noticed after a long quiet spell.
 */
export const IDLE_POLL_MAX_MS = 10_000;

/**
 * The longest sleep while the store is quiet (nothing on its way, no batch in flight, no late update
 * pending): then nothing can come due by the clock (grace periods, retries and reconciliation all belong
 * to such rows) and what this process adds wakes the loops. Only work another process writes (`backfill`,
 * `dlq retry`) and the gauges (the feed-stalled alert is at 10 minutes) wait up to this long.
 */
export const IDLE_QUIET_MAX_MS = 30_000;

/**
 * How long a polling loop sleeps between rounds: `baseMs` after a round that did something, then twice
 * as long after each further idle round, up to `maxMs`. An idle worker with many connections (issue 14:
 * 100 tenants, CPU ≤ 2 %) then polls each one's store a few times a minute instead of ten times a second,
 * while work that comes due by the clock (a retry, a voice grace period) waits at most about as long
 * again as it has already waited idle, and at most `maxMs`. New work does not wait: the loops are woken.
 *
 * A round that found the store quiet (nothing on its way, so nothing that can come due by the clock)
 * may go on doubling up to `quietMaxMs`: only work written by another process (`backfill`, `dlq retry`)
 * and the gauges wait for the next round then.
 */
export class IdleBackoff {
  private idleRounds = 0;

  constructor(
    private readonly baseMs: number,
    private readonly maxMs: number,
    private readonly quietMaxMs = maxMs,
  ) {}

  /** The sleep after a round; `busy` says whether the round did anything, `quiet` whether the store is. */
  next(busy: boolean, quiet = false): number {
    if (busy) {
      this.idleRounds = 0;
      return this.baseMs;
    }
    const cap = quiet ? this.quietMaxMs : this.maxMs;
    const ms = Math.min(cap, this.baseMs * 2 ** this.idleRounds);
    if (ms < cap) this.idleRounds += 1;
    return ms;
  }
}

/**
 * A loop's sleep that others can end early. A wake that comes while the loop is not asleep (in the
 * middle of a round, after it looked) is kept, and the next sleep returns at once: otherwise work added
 * during a round would wait out the whole next sleep, up to {@link IDLE_QUIET_MAX_MS}.
 */
export class Wakeup {
  private pending = false;
  private endSleep: (() => void) | undefined;

  /** Ends the current sleep, or the next one before it starts. */
  wake(): void {
    if (this.endSleep) this.endSleep();
    else this.pending = true;
  }

  /** Sleeps up to `ms`; resolves at once when woken since the last sleep ended. */
  sleep(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.endSleep = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.endSleep = done;
    });
  }
}
