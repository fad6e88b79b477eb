/** Bulk interaction jobs: submitting items in requests of at most 100, and waiting for the jobs. */
import { backoffDelayMs, sleep, ValidationError } from '@voxbridge/core';
import { type BulkChunkOutcome, BulkSubmitError, JobTimeoutError } from '../errors.js';
import { bulkItemBody } from '../serialize.js';
import { type CallOptions, idSegment, type PlayvoxTransport } from '../transport.js';
import type { BulkInteractionItem, Job } from '../types.js';
import { assertIntegerInRange, requireId, withFieldPrefix } from '../validation.js';
import { MAX_BULK_ITEMS } from '../wire/qa/rules.js';

/** Options of `interactions.bulkCreate`. */
export interface BulkCreateOptions extends CallOptions {
  /** Requests in flight at once. Default 4. */
  concurrency?: number;
}

/** Options of `interactions.waitForJobs`. */
export interface WaitForJobsOptions {
  /** Give up (with a {@link JobTimeoutError}) after this long. Default 10 minutes. */
  timeoutMs?: number;
  /** First wait between polls; it doubles (with jitter) up to `maxDelayMs`. Default 100 ms. */
  initialDelayMs?: number;
  /** Longest wait between polls. Default 5 s. */
  maxDelayMs?: number;
  /** Job reads in flight at once. Default 4. */
  concurrency?: number;
  signal?: AbortSignal;
}

/** An interaction a bulk job created. */
export interface BulkCreatedItem {
  jobId: string;
  /** Position across all the jobs given, in order: the item's index in `bulkCreate`'s input. */
  itemIndex: number;
  interactionId: string;
  /** The Playvox `_id` of the new interaction. */
  id: string;
}

/** One reason a bulk job gave for refusing an item. */
export interface BulkItemError {
  /** The offending field, when the server named one. */
  field: string | undefined;
  message: string;
}

/** An item a bulk job refused, with every reason the job gave for it. */
export interface BulkItemFailure {
  jobId: string;
  /** Position across all the jobs given, in order: the item's index in `bulkCreate`'s input. */
  itemIndex: number;
  /** The item's external id (null when the server could not read one). */
  interactionId: string | null;
  /** The server's reasons, in its order (an item may break several rules). */
  errors: BulkItemError[];
  /** The reasons as one line: `field: message; field: message`. */
  message: string;
}

/** What `waitForJobs` found once every job finished. */
export interface BulkJobsOutcome {
  /** The final state of every job, in the order given. */
  jobs: Job[];
  /** Every created interaction, in item order. */
  created: BulkCreatedItem[];
  /** The Playvox `_id`s of the created interactions, in item order. */
  createdIds: string[];
  /** Every refused item (once, with all its reasons), in item order. */
  failures: BulkItemFailure[];
}

const FINISHED = new Set(['completed', 'failed']);

/**
 * Validates every item (an error names it: `items[3].interactionId: …`), then posts them in requests
 * of at most 100, `concurrency` at a time, and returns the job ids in item order.
 *
 * A bulk POST is never repeated blindly, not even on a 5xx or a cut connection: the server may have
 * queued the job before the answer was lost, and Playvox does not deduplicate `interaction_id`, so a
 * repeat would create every item twice. On a failure no further request starts and a
 * {@link BulkSubmitError} reports what was accepted; the caller reconciles by looking the items up by
 * `interaction_id` (`interactions.list(id, { query: { interaction_id: { $in: [...] } } })`).
 */
export async function submitBulk(
  transport: PlayvoxTransport,
  integrationId: string,
  items: readonly BulkInteractionItem[],
  options: BulkCreateOptions = {},
): Promise<string[]> {
  const path = `integrations/${idSegment(integrationId, 'integrationId')}/bulk/interactions`;
  const concurrency = assertIntegerInRange(options.concurrency ?? 4, 'concurrency', 1, 64);
  if (!Array.isArray(items)) throw new ValidationError('items', 'must be an array of interactions');
  const bodies = items.map((item, index) => {
    try {
      return bulkItemBody(item);
    } catch (error) {
      // The `items[3].` prefix is only built for the item at fault, not for every item.
      return withFieldPrefix(`items[${index}].`, () => {
        throw error;
      });
    }
  });
  const chunks: Array<BulkChunkOutcome & { body: unknown[] }> = [];
  for (let first = 0; first < bodies.length; first += MAX_BULK_ITEMS) {
    const body = bodies.slice(first, first + MAX_BULK_ITEMS);
    chunks.push({
      chunk: chunks.length,
      firstItem: first,
      itemCount: body.length,
      jobId: undefined,
      error: undefined,
      body,
    });
  }
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < chunks.length) {
      const chunk = chunks[next++]!;
      try {
        chunk.jobId = await transport.createResultId(path, chunk.body, {
          signal: options.signal,
          timeoutMs: options.timeoutMs,
        });
      } catch (error) {
        chunk.error = error as Error;
        failed = true;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, chunks.length) }, worker));
  const outcomes: BulkChunkOutcome[] = chunks.map(({ body: _body, ...outcome }) => outcome);
  if (failed) throw new BulkSubmitError(outcomes);
  return outcomes.map((outcome) => outcome.jobId as string);
}

/** Reads one job (`GET jobs/{id}`). */
export async function readJob(
  transport: PlayvoxTransport,
  jobId: string,
  options: CallOptions = {},
): Promise<Job> {
  return transport.getResult<Job>(`jobs/${idSegment(jobId, 'jobId')}`, options);
}

/**
 * Polls the jobs until each is `completed` or `failed` and returns every created id and every per-item
 * failure, both in item order. A job that failed entirely is reported through its items, not thrown.
 *
 * Jobs queued together finish roughly in the order they were queued, so each round reads the
 * unfinished jobs in order, `concurrency` at a time, and ends at the first batch that holds an
 * unfinished job: a thousand queued jobs cost about one read each, not one per job per round. The wait
 * between rounds doubles (with jitter) up to `maxDelayMs` while nothing finishes, and starts over
 * from `initialDelayMs` after a round that saw progress.
 */
export async function waitForJobs(
  transport: PlayvoxTransport,
  jobIds: readonly string[],
  options: WaitForJobsOptions = {},
): Promise<BulkJobsOutcome> {
  const ids = jobIds.map((id, index) => requireId(id, `jobIds[${index}]`));
  const timeoutMs = assertIntegerInRange(
    options.timeoutMs ?? 600_000,
    'timeoutMs',
    1,
    Number.MAX_SAFE_INTEGER,
  );
  const concurrency = assertIntegerInRange(options.concurrency ?? 4, 'concurrency', 1, 64);
  const schedule = {
    baseDelayMs: options.initialDelayMs ?? 100,
    maxDelayMs: options.maxDelayMs ?? 5_000,
    maxRetries: 0,
    maxRetryAfterMs: 0,
  };
  const deadline = Date.now() + timeoutMs;
  const latest = new Map<string, Job>();
  const isFinished = (id: string) => FINISHED.has(latest.get(id)?.status ?? '');
  let idleRounds = 0;
  for (let round = 0; ; round++) {
    const pending = [...new Set(ids)].filter((id) => !isFinished(id));
    if (pending.length === 0) break;
    if (round > 0) {
      const remaining = deadline - Date.now();
      if (remaining <= 0)
        throw new JobTimeoutError(
          timeoutMs,
          pending,
          ids.map((id) => latest.get(id)),
        );
      await sleep(Math.min(backoffDelayMs(idleRounds, schedule), remaining), options.signal);
    }
    let progressed = false;
    for (let first = 0; first < pending.length; first += concurrency) {
      const batch = pending.slice(first, first + concurrency);
      const jobs = await Promise.all(batch.map((id) => readJob(transport, id, { signal: options.signal })));
      for (const [index, id] of batch.entries()) latest.set(id, jobs[index]!);
      const done = batch.filter(isFinished).length;
      if (done > 0) progressed = true;
      if (done < batch.length) break;
    }
    idleRounds = progressed ? 0 : idleRounds + 1;
  }
  return summarize(ids.map((id) => latest.get(id) as Job));
}

function summarize(jobs: Job[]): BulkJobsOutcome {
  const created: BulkCreatedItem[] = [];
  const failures: BulkItemFailure[] = [];
  let offset = 0;
  for (const job of jobs) {
    for (const result of job.results ?? []) {
      created.push({
        jobId: job._id,
        itemIndex: offset + result.index,
        interactionId: result.interaction_id,
        id: result._id,
      });
    }
    const byItem = new Map<number, BulkItemFailure>();
    for (const error of job.errors ?? []) {
      let failure = byItem.get(error.index);
      if (!failure) {
        failure = {
          jobId: job._id,
          itemIndex: offset + error.index,
          interactionId: error.interaction_id,
          errors: [],
          message: '',
        };
        byItem.set(error.index, failure);
        failures.push(failure);
      }
      failure.errors.push({ field: error.field, message: error.message });
    }
    // Playvox messages already read `field: rule`; a bare message gets its field in front.
    for (const failure of byItem.values()) {
      failure.message = failure.errors
        .map((e) =>
          e.field && !e.message.startsWith(`${e.field}:`) ? `${e.field}: ${e.message}` : e.message,
        )
        .join('; ');
    }
    offset += job.total;
  }
  created.sort((a, b) => a.itemIndex - b.itemIndex);
  failures.sort((a, b) => a.itemIndex - b.itemIndex);
  return { jobs, created, createdIds: created.map((item) => item.id), failures };
}
