/**
 * Runs a step now and again every `intervalMs` after the previous run has ended, between `start` and
 * `stop`: the wallboard's LiveVox poll and the health sampler share this loop.
 */
export class Repeater {
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;

  /** @param step one run; it handles its own errors (a rejection would end the loop's chain silently). */
  constructor(
    private readonly step: () => Promise<void>,
    private readonly intervalMs: number,
  ) {}

  /** True between {@link start} and {@link stop}. */
  get isRunning(): boolean {
    return this.running;
  }

  /** Runs the step at once, then every interval (no-op when already running). */
  start(): void {
    if (this.running) return;
    this.running = true;
    // A run still finishing from before a stop schedules the next one itself.
    if (!this.inFlight) this.run();
  }

  /** Stops repeating; resolves once a run in progress has finished. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.inFlight;
  }

  private run(): void {
    this.timer = undefined;
    this.inFlight = this.step().finally(() => {
      this.inFlight = undefined;
      if (this.running) this.timer = setTimeout(() => this.run(), this.intervalMs);
    });
  }
}
