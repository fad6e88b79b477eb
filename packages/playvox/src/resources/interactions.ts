/** Interactions of custom integrations: single and bulk creates, updates, deletes, jobs. */
import type { PagePromise } from '@voxbridge/core';
import { interactionBody, metadataBody } from '../serialize.js';
import { type CallOptions, idSegment } from '../transport.js';
import type {
  BulkInteractionItem,
  Interaction,
  InteractionCreate,
  InteractionMetadata,
  Job,
  ListParams,
  PlayvoxPage,
} from '../types.js';
import {
  type BulkCreateOptions,
  type BulkJobsOutcome,
  readJob,
  submitBulk,
  type WaitForJobsOptions,
  waitForJobs,
} from './bulk.js';
import { PlayvoxResource } from './resource.js';

/**
 * Interactions. `integrationId` is the integration's `_id`; an interaction is addressed by the
 * Playvox `_id` its create returned (`interaction_id` is the external id and is not unique).
 */
export class Interactions extends PlayvoxResource {
  /** One page (`await`) or every interaction (`for await`) of one integration. */
  list(
    integrationId: string,
    params: ListParams = {},
    options: CallOptions = {},
  ): PagePromise<PlayvoxPage<Interaction>, Interaction> {
    return this.transport.list<Interaction>(
      `integrations/${idSegment(integrationId, 'integrationId')}/interactions`,
      params,
      options,
    );
  }

  /** One page (`await`) or every interaction (`for await`) across all integrations (`GET interactions`). */
  listAll(
    params: ListParams = {},
    options: CallOptions = {},
  ): PagePromise<PlayvoxPage<Interaction>, Interaction> {
    return this.transport.list<Interaction>('interactions', params, options);
  }

  /**
   * Creates one interaction (`POST integrations/{id}/interactions`, metadata flat in the body) and
   * returns its Playvox `_id`. The caller's object is never changed. Sent once: Playvox does not
   * deduplicate `interaction_id`, so a blind repeat could create it twice.
   */
  async create(
    integrationId: string,
    interaction: InteractionCreate,
    options: CallOptions = {},
  ): Promise<string> {
    const path = `integrations/${idSegment(integrationId, 'integrationId')}/interactions`;
    return this.transport.createTopLevelId(path, interactionBody(interaction), options);
  }

  /** Changes metadata values of an interaction (`PUT integrations/{id}/interactions/{_id}`). */
  async update(
    integrationId: string,
    interactionId: string,
    metadata: InteractionMetadata,
    options: CallOptions = {},
  ): Promise<void> {
    await this.transport.write(
      'PUT',
      interactionPath(integrationId, interactionId),
      metadataBody(metadata, { nonEmpty: true }),
      options,
    );
  }

  /** Deletes an interaction (a real `DELETE integrations/{id}/interactions/{_id}`). */
  async delete(integrationId: string, interactionId: string, options: CallOptions = {}): Promise<void> {
    await this.transport.write('DELETE', interactionPath(integrationId, interactionId), undefined, options);
  }

  /**
   * Creates any number of interactions through bulk jobs: every item is validated first, then they
   * go out in requests of at most 100 (`POST integrations/{id}/bulk/interactions`), `concurrency` in
   * flight, and the job ids come back in item order. Requests are never repeated blindly (see
   * {@link submitBulk}); a failure throws a `BulkSubmitError` naming the accepted jobs.
   */
  bulkCreate(
    integrationId: string,
    items: readonly BulkInteractionItem[],
    options: BulkCreateOptions = {},
  ): Promise<string[]> {
    return submitBulk(this.transport, integrationId, items, options);
  }

  /** Reads one bulk job (`GET jobs/{id}`). */
  job(jobId: string, options: CallOptions = {}): Promise<Job> {
    return readJob(this.transport, jobId, options);
  }

  /**
   * Polls bulk jobs with backoff until all finished, then returns the created ids and the per-item
   * failures (with their `interaction_id`s), both in item order. Throws `JobTimeoutError` after
   * `timeoutMs`.
   */
  waitForJobs(jobIds: readonly string[], options: WaitForJobsOptions = {}): Promise<BulkJobsOutcome> {
    return waitForJobs(this.transport, jobIds, options);
  }
}

/** `integrations/{id}/interactions/{_id}`, both ids checked. */
function interactionPath(integrationId: string, interactionId: string): string {
  return `integrations/${idSegment(integrationId, 'integrationId')}/interactions/${idSegment(interactionId, 'interactionId')}`;
}
