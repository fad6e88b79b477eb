import type { PlayvoxEmulatorConfig } from './config.js';
import { Problems } from './errors.js';
import type { PlayvoxStore } from './store.js';
import type { IntegrationRecord, JobRecord } from './types.js';
import {
  type Body,
  type CommentInput,
  hasDatetimeField,
  type NewComment,
  type NewInteraction,
  validateComment,
  validateInteraction,
} from './validation.js';

const NO_COMMENTS: CommentInput[] = [];

/**
 * Runs bulk interaction jobs in the background: a job waits `jobs.delayMs` in `queued`, then
 * `jobs.delayMs` in `processing`, then creates its items in order and ends `completed` (or `failed`
 * when every item failed). Items are checked when the job runs, against the metadata of that moment.
 */
export class BulkJobRunner {
  /** Pending steps by their timer, so that `step()` can run them early. */
  private readonly timers = new Map<NodeJS.Timeout, () => void>();

  constructor(
    private readonly store: PlayvoxStore,
    private readonly config: () => PlayvoxEmulatorConfig,
  ) {}

  /** Queues a job for `items` (already known to be a list of the allowed size) and returns it. */
  submit(integration: IntegrationRecord, items: unknown[]): JobRecord {
    const job = this.store.addJob(integration._id, items.length);
    this.after(() => {
      job.status = 'processing';
      job.updated_at = new Date().toISOString();
      this.after(() => this.process(job, items));
    });
    return job;
  }

  /** Stops every pending job where it stands (reset and close). */
  cancelAll(): void {
    for (const timer of this.timers.keys()) clearTimeout(timer);
    this.timers.clear();
  }

  /** Jobs waiting for their next step. */
  get pending(): number {
    return this.timers.size;
  }

  /**
   * Moves every pending job one step now (queued → processing, or processing → done) without
   * waiting for `jobs.delayMs`: tests and demos use it to walk through the states deterministically.
   * Returns how many jobs moved.
   */
  step(): number {
    const due = [...this.timers];
    for (const [timer] of due) {
      clearTimeout(timer);
      this.timers.delete(timer);
    }
    for (const [, run] of due) run();
    return due.length;
  }

  private after(step: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      step();
    }, this.config().jobs.delayMs);
    timer.unref();
    this.timers.set(timer, step);
  }

  private process(job: JobRecord, items: unknown[]): void {
    const { rules } = this.config();
    const integration = this.store.integration(job.integration_id);
    const loginExists = (login: string) => this.store.userByLogin(login) !== undefined;
    // Item by item, with what holds for the whole job worked out once (the metadata cannot change meanwhile).
    const noDatetimeField = !!integration && rules.requireDatetimeField && !hasDatetimeField(integration);
    let problems = new Problems();
    for (let index = 0; index < items.length; index++) {
      const item = items[index];
      if (!problems.ok) problems = new Problems();
      const externalId =
        typeof (item as Body | null)?.interaction_id === 'string'
          ? ((item as Body).interaction_id as string)
          : null;
      if (!integration) problems.add('integration_id', 'the integration was deleted before the job ran');
      else if (noDatetimeField) problems.add('metadata', 'the integration has no datetime metadata field');
      else if (typeof item !== 'object' || item === null || Array.isArray(item))
        problems.add('item', 'must be a JSON object');
      if (!problems.ok || !integration) {
        this.fail(job, index, externalId, problems);
        continue;
      }
      const body = item as Body;
      const input = validateInteraction(body, integration, 'create', rules, loginExists, problems, [
        'comments',
      ]);
      const comments = this.checkComments(body.comments, problems);
      // No second pass through the contract (`qa.bulkItem`) per item: these checks are stricter than
      // it on every key (test/bulk-contract.test.ts holds them to that), and zod cost more than they.
      if (!problems.ok) {
        this.fail(job, index, externalId, problems);
        continue;
      }
      const record = this.store.addInteraction(integration, input as NewInteraction);
      for (const comment of comments) this.store.addComment(record, comment as NewComment);
      job.results.push({ index, interaction_id: record.interaction_id, _id: record._id });
      job.total_succeeded += 1;
      job.total_processed += 1;
    }
    const at = new Date().toISOString();
    job.status = job.total > 0 && job.total_failed === job.total ? 'failed' : 'completed';
    job.updated_at = at;
    job.completed_at = at;
  }

  private checkComments(value: unknown, problems: Problems): CommentInput[] {
    if (value === undefined || value === null) return NO_COMMENTS;
    if (!Array.isArray(value)) {
      problems.add('comments', 'must be a list of comment objects');
      return [];
    }
    const { rules } = this.config();
    const loginExists = (login: string) => this.store.userByLogin(login) !== undefined;
    return value.map((comment, j) => {
      if (typeof comment !== 'object' || comment === null || Array.isArray(comment)) {
        problems.add(`comments[${j}]`, 'must be a JSON object');
        return {};
      }
      return validateComment(comment as Body, 'create', rules, loginExists, problems, `comments[${j}].`);
    });
  }

  private fail(job: JobRecord, index: number, externalId: string | null, problems: Problems): void {
    for (const problem of problems.list)
      job.errors.push({ index, interaction_id: externalId, field: problem.field, message: problem.message });
    job.total_failed += 1;
    job.total_processed += 1;
  }
}
