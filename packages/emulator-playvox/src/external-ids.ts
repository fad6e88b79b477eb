import type { InteractionRecord } from './types.js';

/**
 * Interactions by their external `interaction_id`. An id held once (the usual case) maps straight to
 * its record; only an id held more than once gets a map of its own (keyed by `_id`, creation order),
 * so a bulk of new interactions allocates no map per item. Keys keep the order in which their id
 * first appeared, and the count of ids held more than once is kept so `truth` need not scan.
 */
export class ExternalIdIndex {
  private byId = new Map<string, InteractionRecord | Map<string, InteractionRecord>>();
  private duplicated = 0;

  /** Distinct external ids held. */
  get size(): number {
    return this.byId.size;
  }

  /** Forgets every id. */
  clear(): void {
    this.byId = new Map();
    this.duplicated = 0;
  }

  /** Records that `record` holds its `interaction_id`. */
  add(record: InteractionRecord): void {
    const key = record.interaction_id;
    const held = this.byId.get(key);
    if (held === undefined) this.byId.set(key, record);
    else if (held instanceof Map) {
      held.set(record._id, record);
      if (held.size === 2) this.duplicated += 1;
    } else {
      this.byId.set(
        key,
        new Map([
          [held._id, held],
          [record._id, record],
        ]),
      );
      this.duplicated += 1;
    }
  }

  /** Records that `record` no longer holds its `interaction_id`. */
  remove(record: InteractionRecord): void {
    const key = record.interaction_id;
    const held = this.byId.get(key);
    if (held === record) this.byId.delete(key);
    else if (held instanceof Map && held.delete(record._id)) {
      if (held.size === 1) this.duplicated -= 1;
      if (held.size === 0) this.byId.delete(key);
    }
  }

  /** The interactions holding `externalId`, in creation order. */
  get(externalId: string): InteractionRecord[] {
    const held = this.byId.get(externalId);
    return held === undefined ? [] : held instanceof Map ? [...held.values()] : [held];
  }

  /** The external ids held more than once, in the order they first appeared. */
  duplicates(): string[] {
    if (this.duplicated === 0) return [];
    const out: string[] = [];
    for (const [key, held] of this.byId) if (held instanceof Map && held.size > 1) out.push(key);
    return out;
  }
}
