/** Options every benchmark section receives from `voxbridge bench`. */
export interface BenchContext {
  /** A smaller, faster run (for smoke checks); the figures in BENCHMARKS.md come from full runs. */
  quick: boolean;
  /** Progress output (stderr). */
  log(message: string): void;
}

/** One figure of `voxbridge bench --json`: its value (null when it could not be measured) and unit. */
export interface Figure {
  value: number | string | boolean | null;
  unit: string;
}

/** A figure as a section reports it: a bare value (its unit read from its name) or a {@link Figure}. */
export type FigureValue = number | string | boolean | Figure;

/** The outcome of one benchmark section. */
export interface BenchResult {
  /** Section title in BENCHMARKS.md (`Playvox client`). */
  section: string;
  /** Markdown body of the section: a table of the figures and what they mean against the goal. */
  markdown: string;
  /** The raw figures, for `--json`. */
  figures: Record<string, FigureValue>;
}

/** A benchmark section. */
export type BenchSection = (context: BenchContext) => Promise<BenchResult>;
