import type { BridgeStore } from '../types.js';
import type { Lease } from './coordination.js';
import type { PostgresStore } from './store.js';

/**
 * `store` as a {@link BridgeStore} whose position writes carry `lease`: each checks the fencing token
 * in its own transaction, so a worker that lost the stream (paused past its lease, partitioned) cannot
 * move its checkpoint or cursors. Every other method is the store's own.
 */
export function fencedView(store: PostgresStore, lease: Lease): BridgeStore {
  const fencedMethods: Partial<BridgeStore> = {
    appendEvents: (stream, events, token) => store.appendEvents(stream, events, token, lease),
    clearCheckpoint: (stream) => store.clearCheckpoint(stream, lease),
    saveCursor: (cursor, seq) => store.saveCursor(cursor, seq, lease),
    saveAssembly: (rows, cursor, seq, letters) => store.saveAssembly(rows, cursor, seq, letters, lease),
    finishWfmRound: (round) => store.finishWfmRound(round, lease),
  };
  return new Proxy(store, {
    get(target, property, receiver) {
      const own = fencedMethods[property as keyof BridgeStore];
      if (own) return own;
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as BridgeStore;
}
