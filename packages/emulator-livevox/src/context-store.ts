import { Direction } from './model.js';
import type { ContactCenterSimulator } from './simulator.js';

/** The key-value pairs of one call; a key without a value is kept with `undefined`. */
export type ContextEntries = Map<string, string | undefined>;

const TIERS = ['Bronze', 'Silver', 'Gold', 'Platinum'];

/**
 * Call context data. Pairs written through the API are stored per (call session, transaction,
 * account); calls the simulator generated with context carry a few pairs of their own (IVR path,
 * customer tier …) derived from the call, stored only once the API changes them.
 */
export class ContextStore {
  private readonly written = new Map<string, ContextEntries>();

  constructor(private readonly simulator: ContactCenterSimulator) {}

  /** The pairs of a call, or undefined when it has none. Keys are case-sensitive. */
  read(session: string, transactionId: number, account: string): ContextEntries | undefined {
    const entries =
      this.written.get(keyOf(session, transactionId, account)) ??
      this.simulated(session, transactionId, account);
    return entries && entries.size > 0 ? entries : undefined;
  }

  /** Adds or replaces pairs (a key that does not exist is created). */
  update(
    session: string,
    transactionId: number,
    account: string,
    pairs: Array<{ key: string; value?: string }>,
  ): void {
    const entries = this.materialise(session, transactionId, account);
    for (const { key, value } of pairs) entries.set(key, value);
  }

  /** Deletes every pair; false when the call had none. */
  deleteAll(session: string, transactionId: number, account: string): boolean {
    if (!this.read(session, transactionId, account)) return false;
    this.materialise(session, transactionId, account).clear();
    return true;
  }

  /** Deletes one pair; false when the key did not exist. */
  deleteKey(session: string, transactionId: number, account: string, key: string): boolean {
    if (!this.read(session, transactionId, account)?.has(key)) return false;
    return this.materialise(session, transactionId, account).delete(key);
  }

  /** Forgets everything written. */
  clear(): void {
    this.written.clear();
  }

  private materialise(session: string, transactionId: number, account: string): ContextEntries {
    const key = keyOf(session, transactionId, account);
    let entries = this.written.get(key);
    if (!entries) {
      entries = new Map(this.simulated(session, transactionId, account) ?? []);
      this.written.set(key, entries);
    }
    return entries;
  }

  /** The pairs the simulator attached to one of its calls, if any. */
  private simulated(session: string, transactionId: number, account: string): ContextEntries | undefined {
    const row = this.simulator.findCall(session, transactionId);
    const table = this.simulator.state.interactions;
    if (row === undefined || !table.hasContext(row) || table.accountText(row) !== account) return undefined;
    const salt = table.saltOf(row);
    const inbound = table.directionOf(row) === Direction.Inbound;
    const entries: ContextEntries = new Map([
      ['IVRPath', inbound ? `Main Menu > ${table.serviceOf(row).name}` : 'Predictive Dial'],
      ['CustomerTier', TIERS[salt % TIERS.length]],
      ['PreferredLanguage', salt % 5 === 0 ? 'es' : 'en'],
      ['BalanceDue', table.totalDue(row).toFixed(2)],
    ]);
    if (salt % 3 === 0) entries.set('CallbackRequested', undefined);
    return entries;
  }
}

function keyOf(session: string, transactionId: number, account: string): string {
  return `${session}\u0000${transactionId}\u0000${account}`;
}
