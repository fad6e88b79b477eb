import type { WithProgress } from '../progress.js';
import type { BridgeStore } from './types.js';

/** What `dlq retry` and `dlq drop` do with a dead letter. */
export type DeadLetterAction = 'retry' | 'drop';

/** What {@link settleDeadLetters} did. */
export interface SettledDeadLetters {
  /** Letters retried (re-driven) or dropped. */
  settled: number;
  /** Letters asked for; those the store did not hold, or could not re-drive, make the difference. */
  total: number;
}

/**
 * `dlq retry` and `dlq drop`: re-drives (a QA interaction back to `ready`, a WFM event back onto its
 * stream) or deletes each dead letter in the order given, one at a time, each atomically. Progress
 * (phase `retry` or `drop`, unit `records`) advances per letter.
 */
export async function settleDeadLetters(
  store: BridgeStore,
  action: DeadLetterAction,
  ids: readonly number[],
  options: WithProgress = {},
): Promise<SettledDeadLetters> {
  const report = (done: number) =>
    options.onProgress?.({ done, total: ids.length, phase: action, unit: 'records' });
  report(0);
  let settled = 0;
  for (const [index, id] of ids.entries()) {
    if (await (action === 'retry' ? store.retryDeadLetter(id) : store.dropDeadLetter(id))) settled += 1;
    report(index + 1);
  }
  return { settled, total: ids.length };
}
