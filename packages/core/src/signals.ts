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
