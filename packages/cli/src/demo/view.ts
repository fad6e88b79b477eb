import { createLogUpdate } from 'log-update';
import pc from 'picocolors';

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

/** The colour functions the renderer uses (picocolors' shape; identity functions when colour is off). */
export type Palette = Pick<typeof pc, 'green' | 'yellow' | 'red' | 'cyan' | 'dim' | 'bold'>;

/** Colour on: a terminal, `NO_COLOR` unset (any value turns it off, https://no-color.org), TERM not dumb. */
export function colourEnabled(out: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if ('NO_COLOR' in env && env.NO_COLOR !== '') return false;
  if ('FORCE_COLOR' in env && env.FORCE_COLOR !== '0') return true;
  return out.isTTY === true && env.TERM !== 'dumb';
}

/** A palette that colours when `enabled`, and leaves text as it is otherwise. */
export function palette(enabled: boolean): Palette {
  return pc.createColors(enabled);
}

const SEPARATOR = ' │ ';

/** A piece of the line: its text, and how soon it goes when space runs short (higher goes first). */
interface Segment {
  text: string;
  drop: number;
  colour?: (text: string) => string;
}

/**
 * Renders one frame as a single line of at most `width` columns (default 80). Less important figures
 * go first as the width shrinks (the bar, totals, rates, lag); the phase and the delivered count stay.
 */
export function renderFrame(f: ViewFrame, width = 80, colours: Palette = palette(false)): string {
  const progress = f.generated > 0 ? Math.min(100, (100 * f.delivered) / f.generated) : 0;
  const phaseColour =
    f.phase === 'running' ? colours.green : f.phase === 'draining' ? colours.yellow : colours.cyan;
  const segments: Segment[] = [
    { text: `${f.phase} ${Math.round(f.elapsedSeconds)}s`, drop: 0, colour: phaseColour },
    { text: `gen ${f.generated}`, drop: 6 },
    { text: `ev ${f.eventsReceived} ${f.eventsPerSecond.toFixed(0)}/s`, drop: 5 },
    { text: `sent ${f.delivered} ${f.deliveredPerSecond.toFixed(0)}/s`, drop: 1, colour: colours.bold },
    { text: `pend ${f.pending}`, drop: 2 },
    {
      text: `lag ${f.lagSeconds.toFixed(1)}s`,
      drop: 4,
      colour: f.lagSeconds >= 60 ? colours.yellow : undefined,
    },
    { text: `dead ${f.deadLettered}`, drop: 3, colour: f.deadLettered > 0 ? colours.red : undefined },
    { text: `${progress.toFixed(0)}%`, drop: 4.5 },
  ];
  const length = (list: Segment[]) =>
    list.reduce((n, s) => n + [...s.text].length, 0) + SEPARATOR.length * (list.length - 1);
  let kept = segments;
  while (kept.length > 1 && length(kept) > width) {
    const worst = kept.reduce((a, b) => (b.drop > a.drop ? b : a));
    kept = kept.filter((s) => s !== worst);
  }
  // The bar takes what room is left once every figure fits, up to 20 cells, and only when 5 fit.
  const room = kept.length === segments.length ? width - length(kept) - SEPARATOR.length : 0;
  const barCells = Math.min(20, room);
  const bar =
    barCells >= 5
      ? `${'█'.repeat(Math.round((progress / 100) * barCells)).padEnd(barCells, '░')}`
      : undefined;
  const plain = kept.map((s) => ({ ...s, text: truncate(s.text, width) }));
  const parts = plain.map((s) => (s.colour ? s.colour(s.text) : s.text));
  if (bar) parts.push(colours.dim(bar));
  return parts.join(colours.dim(SEPARATOR));
}

function truncate(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= Math.max(1, width) ? text : `${chars.slice(0, Math.max(1, width) - 1).join('')}…`;
}

/** Options of {@link TerminalView}. */
export interface TerminalViewOptions {
  out?: NodeJS.WriteStream;
  env?: NodeJS.ProcessEnv;
  /** When the output is not a terminal: the shortest pause between two printed lines. */
  plainIntervalMs?: number;
  /** The clock (tests). */
  now?: () => number;
}

/**
 * Writes frames to a stream. On a terminal the line redraws in place (log-update) at the terminal's
 * width, in colour unless `NO_COLOR` is set; piped, it prints a plain line every few seconds.
 */
export class TerminalView {
  private readonly out: NodeJS.WriteStream;
  private readonly tty: boolean;
  private readonly colours: Palette;
  private readonly update: ReturnType<typeof createLogUpdate> | undefined;
  private readonly plainIntervalMs: number;
  private readonly now: () => number;
  private lastPlainAt = Number.NEGATIVE_INFINITY;
  private pending: ViewFrame | undefined;

  constructor(options: TerminalViewOptions = {}) {
    this.out = options.out ?? process.stderr;
    this.tty = this.out.isTTY === true;
    this.colours = palette(colourEnabled(this.out, options.env));
    this.update = this.tty ? createLogUpdate(this.out) : undefined;
    this.plainIntervalMs = options.plainIntervalMs ?? 5000;
    this.now = options.now ?? Date.now;
  }

  /** Shows `frame` (piped: only if the last line is at least `plainIntervalMs` old). */
  draw(frame: ViewFrame): void {
    if (this.update) {
      // One column short of the edge: a line that fills the last column wraps on some terminals.
      this.update(renderFrame(frame, Math.max(10, (this.out.columns || 80) - 1), this.colours));
      return;
    }
    const at = this.now();
    if (at - this.lastPlainAt < this.plainIntervalMs) {
      this.pending = frame;
      return;
    }
    this.writePlain(frame, at);
  }

  /** Ends the view: the last frame stays on screen (piped: the last frame is printed if it was held back). */
  done(): void {
    if (this.update) this.update.done();
    else if (this.pending) this.writePlain(this.pending, this.now());
  }

  private writePlain(frame: ViewFrame, at: number): void {
    this.out.write(`${renderFrame(frame, 80, this.colours)}\n`);
    this.lastPlainAt = at;
    this.pending = undefined;
  }
}
