import type { WfmAgentStatusEvent, WfmContactEvent } from '@voxbridge/playvox';
import type { StoredEvent } from '../store/types.js';

/** Why an event went to the dead-letter store instead of WFM. */
export type DeadReason = 'untranslatable' | 'unknown_user' | 'rejected';

/** What one stored event becomes on its way to WFM. */
export type Translation =
  | { kind: 'status'; event: WfmAgentStatusEvent; agentId: string; atMs: number; rank: number }
  | { kind: 'contact'; event: WfmContactEvent }
  | { kind: 'dead'; reason: DeadReason; detail: string };

/** Turns stored events of one source into WFM events. */
export interface Translator {
  /** The agents a batch names, so that a stale user map can be refreshed before it is read. */
  agentsOf(event: StoredEvent): string[];
  /** What one stored event becomes (nothing: an event WFM does not need). */
  translate(event: StoredEvent, signal: AbortSignal): Promise<Translation[]>;
  /** Saves what the translator remembers between events, once WFM accepted the batch. */
  commit(): void;
  /** Forgets changes since the last commit (the batch failed and will be read again). */
  rollback(): void;
}

/** A date-time of an event field (ISO string or epoch ms) as epoch ms; NaN when it is neither. */
export function timeOf(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : Number.NaN;
  if (typeof value === 'string' && value.trim() !== '') {
    const numeric = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
    return Number.isFinite(numeric) ? numeric : Number.NaN;
  }
  return Number.NaN;
}

/** A dead-letter translation. */
export function dead(reason: DeadReason, detail: string): Translation {
  return { kind: 'dead', reason, detail };
}

/** A JSON-safe copy of a map held in the store's meta table, with commit and rollback. */
export class MetaMap<V> {
  private committed: Map<string, V>;
  private working: Map<string, V>;

  constructor(
    load: () => string | undefined,
    private readonly save: (json: string) => void,
  ) {
    const saved = load();
    this.committed = new Map(saved ? (Object.entries(JSON.parse(saved)) as Array<[string, V]>) : []);
    this.working = new Map(this.committed);
  }

  get(key: string): V | undefined {
    return this.working.get(key);
  }
  set(key: string, value: V): void {
    this.working.set(key, value);
  }
  delete(key: string): void {
    this.working.delete(key);
  }
  /** Entries, for pruning. */
  entries(): IterableIterator<[string, V]> {
    return this.working.entries();
  }
  get size(): number {
    return this.working.size;
  }
  /** Saves the working copy. */
  commit(): void {
    this.save(JSON.stringify(Object.fromEntries(this.working)));
    this.committed = new Map(this.working);
  }
  /** Back to the last saved state. */
  rollback(): void {
    this.working = new Map(this.committed);
  }
}
