import { HttpClient } from '@voxbridge/core';

/** What the demo prints about Playvox WFM: statuses received, task intervals opened, statuses unmatched. */
export interface WfmDemoSummary {
  /** Agent statuses WFM accepted (repeats excluded). */
  statuses: number;
  /** Task intervals those statuses opened (one per matched status). */
  taskIntervals: number;
  /** Statuses WFM kept without a match (no task definition, several, or an unknown user). */
  unmatched: number;
}

/**
 * Reads the demo summary from a Playvox WFM emulator's truth (`GET /_emulator/truth`, loopback only):
 * `{ statuses, taskIntervals, unmatched }`, where `unmatched` adds ambiguous statuses and statuses of
 * unknown users to the unmatched ones.
 */
export async function readWfmDemoSummary(
  emulatorUrl: string,
  options: { signal?: AbortSignal } = {},
): Promise<WfmDemoSummary> {
  const http = new HttpClient({ baseUrl: emulatorUrl, timeoutMs: 10_000 });
  const truth = await http.json<{
    statuses?: number;
    taskIntervals?: number;
    unmatched?: number;
    ambiguous?: number;
    unknownUsers?: number;
  }>({
    method: 'GET',
    path: '/_emulator/truth',
    signal: options.signal,
  });
  const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
  return {
    statuses: count(truth?.statuses),
    taskIntervals: count(truth?.taskIntervals),
    unmatched: count(truth?.unmatched) + count(truth?.ambiguous) + count(truth?.unknownUsers),
  };
}
