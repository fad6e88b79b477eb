/**
 * Progress of the long one-shot commands (`apply`, `backfill`, `store copy`, `dlq retry`), reported to an
 * optional callback so that the CLI can draw a bar. Reporting never changes what the work does.
 */

/** How far one phase of a one-shot task has come. */
export interface Progress {
  /** Units finished in this phase; never decreases, and reaches `total` when the phase ends. */
  done: number;
  /** Units in this phase (0 when there is nothing to do). */
  total: number;
  /** What is being done: `playvox-qa`, `playvox-wfm`, `backfill`, `copy`, `retry`, `drop`. */
  phase: string;
  /** What a unit is, for display: `steps`, `rows`, `records`, `minutes`. */
  unit: string;
}

/** Receives progress; called at the start of a phase (`done` 0), as it advances, and at its end. */
export type ProgressCallback = (progress: Progress) => void;

/** The optional option every entry point with progress takes. */
export interface WithProgress {
  /** Called as the work advances (see {@link Progress}); errors it throws end the work. */
  onProgress?: ProgressCallback;
}
