/** Errors specific to the Playvox client; HTTP errors are core's `ApiError` family. */
import { ApiError, type RequestSummary, VoxbridgeError } from '@voxbridge/core';
import type { Job } from './types.js';

/**
 * The server answered with a success status but the body breaks the wire contract: `success:false`,
 * no `_id` where one must be, a list without a `result` array, a new metadata field missing from the
 * answer.
 */
export class PlayvoxResponseError extends ApiError {
  override name = 'PlayvoxResponseError';

  constructor(
    message: string,
    status: number,
    body: unknown,
    headers: Record<string, string>,
    request: RequestSummary | undefined,
  ) {
    super(
      status,
      body,
      headers,
      request,
      request ? `${request.method} ${request.path}: ${message}` : message,
    );
  }
}

/** `campaigns.sendMetrics`: Playvox accepted the request but refused some rows (it answers 200 all the same). */
export class CampaignMetricsError extends VoxbridgeError {
  override name = 'CampaignMetricsError';
  /** Rows sent. */
  readonly total: number;
  /** Rows refused. */
  readonly totalErrors: number;
  /** The server's per-row messages (`row 2: unknown user …`). */
  readonly errors: readonly string[];

  constructor(total: number, totalErrors: number, errors: readonly string[]) {
    const shown = errors.slice(0, 10).join('; ');
    const more = errors.length > 10 ? `; and ${errors.length - 10} more` : '';
    super(`Playvox refused ${totalErrors} of ${total} metrics rows: ${shown || 'no details given'}${more}`);
    this.total = total;
    this.totalErrors = totalErrors;
    this.errors = errors;
  }
}

/** One request of a `bulkCreate` call. */
export interface BulkChunkOutcome {
  /** Position of the request in the call (0-based). */
  chunk: number;
  /** Index (in the caller's array) of the request's first item. */
  firstItem: number;
  /** Items in the request. */
  itemCount: number;
  /** The job id, when the request was accepted. */
  jobId: string | undefined;
  /** Why the request failed, when it did. Undefined with no `jobId` means it was never sent. */
  error: Error | undefined;
}

/**
 * A `bulkCreate` request failed. Requests already accepted keep their jobs (their ids are here);
 * no new request was started after the failure. Nothing was repeated blindly: a failed request may
 * or may not have created a job, so look its items up by `interaction_id` before sending them again.
 */
export class BulkSubmitError extends VoxbridgeError {
  override name = 'BulkSubmitError';
  /** Every request of the call, in order. */
  readonly chunks: readonly BulkChunkOutcome[];

  constructor(chunks: readonly BulkChunkOutcome[]) {
    const failed = chunks.filter((chunk) => chunk.error);
    const accepted = chunks.filter((chunk) => chunk.jobId).length;
    const first = failed[0];
    super(
      `bulk create failed: ${failed.length} of ${chunks.length} requests failed (${accepted} accepted, ${chunks.length - accepted - failed.length} not sent)` +
        (first
          ? `; first failure at items ${first.firstItem}..${first.firstItem + first.itemCount - 1}: ${first.error?.message}`
          : ''),
      { cause: first?.error },
    );
    this.chunks = chunks;
  }

  /** Ids of the jobs that were accepted, in request order. */
  get jobIds(): string[] {
    return this.chunks.flatMap((chunk) => (chunk.jobId ? [chunk.jobId] : []));
  }
}

/** `waitForJobs` ran out of time while some jobs were still queued or processing. */
export class JobTimeoutError extends VoxbridgeError {
  override name = 'JobTimeoutError';
  /** Ids of the jobs that had not finished. */
  readonly pending: readonly string[];
  /** The last state seen of every job, in the order given. */
  readonly jobs: readonly (Job | undefined)[];

  constructor(timeoutMs: number, pending: readonly string[], jobs: readonly (Job | undefined)[]) {
    super(
      `${pending.length} bulk job(s) not finished after ${timeoutMs} ms: ${pending.slice(0, 5).join(', ')}${pending.length > 5 ? ', …' : ''}`,
    );
    this.pending = pending;
    this.jobs = jobs;
  }
}
