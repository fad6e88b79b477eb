/** Figures the live terminal view shows. */
export interface ViewFrame {
  elapsedSeconds: number;
  generated: number;
  eventsReceived: number;
  eventsPerSecond: number;
  delivered: number;
  deliveredPerSecond: number;
  pending: number;
  deadLettered: number;
  /** Age of the oldest interaction not yet delivered, in seconds. */
  lagSeconds: number;
  phase: string;
}

/** Renders one frame as a single line (a terminal redraws it in place). */
export function renderFrame(f: ViewFrame): string {
  const progress = f.generated > 0 ? Math.min(100, (100 * f.delivered) / f.generated) : 0;
  const bar = '█'.repeat(Math.round(progress / 5)).padEnd(20, '░');
  return (
    `${f.phase.padEnd(9)} ${String(Math.round(f.elapsedSeconds)).padStart(4)}s │ generated ${String(f.generated).padStart(6)} │ ` +
    `events ${String(f.eventsReceived).padStart(7)} (${f.eventsPerSecond.toFixed(0).padStart(5)}/s) │ ` +
    `delivered ${String(f.delivered).padStart(6)} (${f.deliveredPerSecond.toFixed(0).padStart(4)}/s) │ pending ${String(f.pending).padStart(5)} │ ` +
    `lag ${f.lagSeconds.toFixed(1).padStart(5)}s │ dead ${f.deadLettered} │ ${bar} ${progress.toFixed(0)}%`
  );
}

/** Writes frames to a stream: in place on a terminal, one line per frame otherwise. */
export class TerminalView {
  private lastLength = 0;
  constructor(private readonly out: NodeJS.WriteStream = process.stderr) {}

  draw(frame: ViewFrame): void {
    const line = renderFrame(frame);
    if (this.out.isTTY) {
      this.out.write(`\r${line}${' '.repeat(Math.max(0, this.lastLength - line.length))}`);
      this.lastLength = line.length;
    } else {
      this.out.write(`${line}\n`);
    }
  }

  /** Ends the in-place line. */
  done(): void {
    if (this.out.isTTY && this.lastLength > 0) this.out.write('\n');
  }
}
