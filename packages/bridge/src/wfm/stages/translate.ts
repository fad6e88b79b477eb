import type { WfmAgentStatusEvent, WfmContactEvent } from '@voxbridge/playvox';
import type { StoredEvent, WfmMemory } from '../../store/types.js';

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
  /**
   * What the translator remembers between events, as it stands after the batch: saved with the
   * consumer's cursor in one store transaction once WFM accepted the batch.
   */
  pending(): Partial<WfmMemory>;
  /** The store saved {@link pending}: it becomes the state a rollback returns to. */
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

/** Errors of calls to another service made while translating: the round fails and retries on them. */
const serviceErrors = new WeakSet<object>();

/**
 * Runs a call to another service (Gladly's API) inside a translation. Its failure is the service's, not
 * the record's: it is marked so that {@link translateAlone} lets it fail the round (retried later)
 * instead of dead-lettering the record.
 */
export async function serviceCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (typeof error === 'object' && error !== null) serviceErrors.add(error);
    throw error;
  }
}

/**
 * Translates one stored event so that a throw caused by the record itself (a payload of unexpected
 * shape, a bug on one kind of event) dead-letters that record alone and the round goes on. A service
 * call's failure ({@link serviceCall}) and an abort still fail the round, which is read again later.
 */
export async function translateAlone(
  stored: StoredEvent,
  signal: AbortSignal,
  translate: () => Promise<Translation[]>,
): Promise<Translation[]> {
  try {
    return await translate();
  } catch (error) {
    if (signal.aborted || (typeof error === 'object' && error !== null && serviceErrors.has(error)))
      throw error;
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return [dead('untranslatable', `event ${stored.eventId} could not be translated (${message})`)];
  }
}

/** The agents of one stored event, or none when its payload cannot be read (translate dead-letters it). */
export function agentsAlone(agentsOf: () => string[]): string[] {
  try {
    return agentsOf();
  } catch {
    return [];
  }
}

/**
 * A translator's memory of one kind (open calls, open conversations): a working copy changed while a
 * batch is translated, and the committed copy the store holds, to return to when the batch fails.
 */
export class MemoryMap<V> {
  private committed: Map<string, V>;
  private working: Map<string, V>;

  constructor(saved: Record<string, V> = {}) {
    this.committed = new Map(Object.entries(saved));
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
  /** The working copy as a plain record, for the store. */
  snapshot(): Record<string, V> {
    return Object.fromEntries(this.working);
  }
  /** The working copy was saved: it is the new committed state. */
  commit(): void {
    this.committed = new Map(this.working);
  }
  /** Back to the last saved state. */
  rollback(): void {
    this.working = new Map(this.committed);
  }
}
