import type { Progress, ProgressCallback } from '@voxbridge/bridge';
import { createLogUpdate } from 'log-update';
import { colourEnabled, type Palette, palette } from './demo/view.js';

/**
 * Progress bars of the long one-shot commands (`apply`, `backfill`, `store copy`, `dlq retry`), drawn on
 * stderr with log-update and picocolors, the live view's own libraries. On a terminal the bar redraws in
 * place; piped, a plain line is printed at most every few seconds; with `--json`, nothing at all.
 */

const BAR_MIN = 10;
const BAR_MAX = 30;
const PHASE_MAX = 16;

/** `12,345` */
const count = (n: number) => Math.round(n).toLocaleString('en-US');

function truncate(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width ? text : `${chars.slice(0, Math.max(1, width - 1)).join('')}…`;
}

/**
 * One progress line of at most `width` columns (default 80): the phase, a bar, `done/total unit` and the
 * percentage. As the width shrinks the unit goes first, then the bar; the phase and figures stay (the
 * phase cut to 16 characters), and below that the line is cut.
 */
export function renderProgress(p: Progress, width = 80, colours: Palette = palette(false)): string {
  const ratio = p.total > 0 ? Math.min(1, Math.max(0, p.done / p.total)) : 1;
  const percent = `${Math.floor(ratio * 100)}%`.padStart(4);
  const phase = truncate(p.phase, PHASE_MAX);
  const figures = `${count(p.done)}/${count(p.total)}`;
  const withUnit = `${figures} ${p.unit}`;
  const fixed = (right: string) => [...phase].length + 1 + [...right].length + 1 + percent.length;
  const right = fixed(withUnit) + 1 + BAR_MIN <= width ? withUnit : figures;
  const cells = Math.min(BAR_MAX, width - fixed(right) - 1);
  if (cells < BAR_MIN) return truncate(`${phase} ${right} ${percent}`, width);
  const filled = Math.round(ratio * cells);
  const bar = colours.green('█'.repeat(filled)) + colours.dim('░'.repeat(cells - filled));
  return `${colours.cyan(phase)} ${bar} ${right} ${colours.bold(percent)}`;
}

/** Options of {@link progressDisplay}. */
export interface ProgressDisplayOptions {
  /** The command prints JSON: no progress at all (and no callback, so nothing is counted for it). */
  json?: boolean;
  /** Where the bar goes (default stderr, so that stdout stays the command's result). */
  out?: NodeJS.WriteStream;
  env?: NodeJS.ProcessEnv;
  /** Piped: the shortest pause between two plain lines, and before the first (short work prints none). */
  plainIntervalMs?: number;
  /** On a terminal: the shortest pause between two redraws (the start and end of a phase always draw). */
  redrawMs?: number;
  /** The clock (tests). */
  now?: () => number;
}

/** What a command hands to the bridge (`onProgress`) and calls when the work is over (`done`). */
export interface ProgressDisplay {
  /** Undefined with `--json`: the work then runs without progress reporting. */
  onProgress: ProgressCallback | undefined;
  /** Leaves the last bar on screen (terminal) and stops drawing. */
  done(): void;
}

/** The progress display of a one-shot command, by the rules in this file's header. */
export function progressDisplay(options: ProgressDisplayOptions = {}): ProgressDisplay {
  if (options.json) return { onProgress: undefined, done: () => {} };
  const out = options.out ?? process.stderr;
  const now = options.now ?? Date.now;
  const colours = palette(colourEnabled(out, options.env));
  if (out.isTTY !== true) {
    const interval = options.plainIntervalMs ?? 5000;
    let lastAt = now();
    return {
      onProgress: (p) => {
        if (now() - lastAt < interval) return;
        lastAt = now();
        out.write(`${renderProgress(p, 80)}\n`);
      },
      done: () => {},
    };
  }
  const update = createLogUpdate(out);
  const redrawMs = options.redrawMs ?? 100;
  let last: Progress | undefined;
  let drawnAt = Number.NEGATIVE_INFINITY;
  const draw = (p: Progress) => {
    // One column short of the edge (a full last column wraps on some terminals), and never over 80.
    update(renderProgress(p, Math.max(20, Math.min(80, out.columns || 80) - 1), colours));
    drawnAt = now();
  };
  return {
    onProgress: (p) => {
      const edge = p.done === 0 || p.done >= p.total || p.phase !== last?.phase;
      if (edge && last && p.phase !== last.phase) {
        // The finished phase keeps its line; the next one draws below it.
        draw(last);
        update.done();
      }
      last = p;
      if (edge || now() - drawnAt >= redrawMs) draw(p);
    },
    done: () => {
      if (last) {
        draw(last);
        update.done();
      }
      last = undefined;
    },
  };
}
