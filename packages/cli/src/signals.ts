/**
 * Exit codes of a process ended by a second signal: 128 + the signal's number, as shells report a
 * process killed by that signal (SIGINT 2 → 130, SIGTERM 15 → 143).
 */
export const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

/** Exit code when closing takes longer than the shutdown deadline plus its grace. */
export const SHUTDOWN_OVERRAN_EXIT_CODE = 1;

/** What {@link listenForShutdown} hands back. */
export interface ShutdownListener {
  /** Aborts at the first SIGINT/SIGTERM (or when the caller's `abort` signal aborts). */
  readonly signal: AbortSignal;
  /** Resolves with the first signal's name (`'abort'` for the caller's signal). */
  readonly requested: Promise<string>;
  /** Removes the signal handlers (the default handlers come back). */
  dispose(): void;
}

/** Options of {@link listenForShutdown}. */
export interface ShutdownOptions {
  /** Counts as the first signal when it aborts (the demo ending by itself). */
  abort?: AbortSignal;
  /** How the second signal ends the process (tests replace it). */
  exit?: (code: number) => void;
  /** Where the second signal's note goes. */
  stderr?: { write(text: string): unknown };
}

/**
 * Listens for SIGINT and SIGTERM from now on. The first one asks for an orderly stop (`signal`
 * aborts, `requested` resolves); a second one exits at once with {@link SIGNAL_EXIT_CODES}. Exiting
 * then loses nothing durable: every store write is a transaction, and whatever was in flight is still
 * claimed in the store and reconciled at the next start.
 */
export function listenForShutdown(options: ShutdownOptions = {}): ShutdownListener {
  const controller = new AbortController();
  let resolve!: (name: string) => void;
  const requested = new Promise<string>((r) => {
    resolve = r;
  });
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const stderr = options.stderr ?? process.stderr;
  const first = (name: string) => {
    if (controller.signal.aborted) return false;
    controller.abort(name);
    resolve(name);
    return true;
  };
  const onSignal = (name: 'SIGINT' | 'SIGTERM') => {
    if (first(name)) return;
    const code = SIGNAL_EXIT_CODES[name];
    stderr.write(
      `voxbridge: second ${name}: exiting now (exit code ${code}); work in flight stays in the store and is reconciled at the next start\n`,
    );
    exit(code);
  };
  const onInt = () => onSignal('SIGINT');
  const onTerm = () => onSignal('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  const onAbort = () => first('abort');
  if (options.abort?.aborted) onAbort();
  else options.abort?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    requested,
    dispose: () => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      options.abort?.removeEventListener('abort', onAbort);
    },
  };
}

/** Resolves on the first SIGINT or SIGTERM (or when `signal` aborts); a second signal exits at once. */
export function waitForShutdown(signal?: AbortSignal): Promise<string> {
  return listenForShutdown({ abort: signal }).requested;
}

/**
 * A last resort once stopping has begun: if closing has not ended the process `ms` from now, it exits
 * with {@link SHUTDOWN_OVERRAN_EXIT_CODE}. The timer never keeps the process alive by itself.
 */
export function armShutdownWatchdog(
  ms: number,
  exit: (code: number) => void = (c) => process.exit(c),
): () => void {
  const timer = setTimeout(() => {
    process.stderr.write(`voxbridge: closing took longer than ${ms} ms; exiting\n`);
    exit(SHUTDOWN_OVERRAN_EXIT_CODE);
  }, ms);
  timer.unref();
  return () => clearTimeout(timer);
}
