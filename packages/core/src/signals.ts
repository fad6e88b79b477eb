/** The one listener the core keeps on a caller's signal, and the callbacks it fans out to. */
interface Fanout {
  callbacks: Set<() => void>;
  listener: () => void;
}

const fanouts = new WeakMap<AbortSignal, Fanout>();

/**
 * Calls `callback` once when `signal` aborts, and returns a function that unlinks it. However many
 * requests, retries and queued waits share one signal, the signal carries a single listener, which is
 * removed as soon as the last callback is unlinked: no listener piles up across thousands of requests
 * (nodejs/node#52635) and Node never warns about "possible EventTarget memory leak".
 * If the signal has already aborted, `callback` is not called; check `signal.aborted` first.
 */
export function linkAbort(signal: AbortSignal, callback: () => void): () => void {
  if (signal.aborted) return () => {};
  let fanout = fanouts.get(signal);
  if (!fanout) {
    const callbacks = new Set<() => void>();
    const listener = () => {
      fanouts.delete(signal);
      for (const each of [...callbacks]) each();
      callbacks.clear();
    };
    fanout = { callbacks, listener };
    fanouts.set(signal, fanout);
    signal.addEventListener('abort', listener, { once: true });
  }
  const current = fanout;
  current.callbacks.add(callback);
  return () => {
    if (!current.callbacks.delete(callback) || current.callbacks.size > 0) return;
    signal.removeEventListener('abort', current.listener);
    if (fanouts.get(signal) === current) fanouts.delete(signal);
  };
}

/**
 * The abort handle of one attempt: what undici's `signal` option needs (it accepts an EventEmitter:
 * `once('abort')`, `removeListener`, `aborted`, `reason`) and nothing more. Cheaper than an
 * AbortController plus its EventTarget, and undici keeps exactly one listener on it per request.
 */
export class AttemptSignal {
  /** True once {@link abort} was called. */
  aborted = false;
  /** Why the attempt was aborted (a TimeoutError or AbortError). */
  reason: unknown = undefined;
  private listener: (() => void) | undefined;

  /** EventEmitter shape (undici checks for `on`); the one listener comes through {@link once}. */
  on(_event: 'abort', listener: () => void): this {
    return this.once(_event, listener);
  }

  /** Registers undici's abort listener. */
  once(_event: 'abort', listener: () => void): this {
    this.listener = listener;
    return this;
  }

  /** Drops undici's abort listener (the request finished). */
  removeListener(_event: 'abort', _listener: () => void): this {
    this.listener = undefined;
    return this;
  }

  /** Aborts the attempt with `reason`; only the first call counts. */
  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const listener = this.listener;
    this.listener = undefined;
    listener?.();
  }
}
