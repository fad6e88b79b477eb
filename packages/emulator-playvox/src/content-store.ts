import { ExternalIdIndex } from './external-ids.js';
import { IdGenerator } from './ids.js';
import type { Filter } from './listing.js';
import type {
  CommentRecord,
  IntegrationRecord,
  InteractionRecord,
  JobRecord,
  MetadataField,
} from './types.js';
import type { CommentInput, InteractionInput, NewComment, NewInteraction } from './validation.js';

let lastMs = Number.NaN;
let lastIso = '';

/** Current time as an ISO string (every `created_at` / `updated_at`); formatted once per millisecond. */
export function nowIso(): string {
  const ms = Date.now();
  if (ms !== lastMs) {
    lastMs = ms;
    lastIso = new Date(ms).toISOString();
  }
  return lastIso;
}

const lower = (text: string) => text.toLowerCase();

/** The inner map of `outer` for `key`, created when missing. */
function bucket<K, V>(outer: Map<K, Map<string, V>>, key: K): Map<string, V> {
  let inner = outer.get(key);
  if (!inner) {
    inner = new Map();
    outer.set(key, inner);
  }
  return inner;
}

/** How many updates (`PUT`) one interaction received: those that changed something, and those that did not. */
export interface InteractionUpdates {
  changed: number;
  unchanged: number;
}

/**
 * What clients write: integrations, their interactions and comments, and bulk jobs. Maps keep
 * insertion order (the default list order); indexes make lookups by id, integration and
 * `interaction_id` O(1). {@link PlayvoxStore} adds users, teams and the seeded collections.
 */
export class ContentStore {
  private readonly ids: IdGenerator;
  private integrationsById = new Map<string, IntegrationRecord>();
  private interactionsById = new Map<string, InteractionRecord>();
  private interactionsByIntegration = new Map<string, Map<string, InteractionRecord>>();
  /** `interaction_id` → the interactions holding it (more than one when a client duplicated it). */
  protected readonly externalIds = new ExternalIdIndex();
  private commentsById = new Map<string, CommentRecord>();
  private commentsByInteraction = new Map<string, Map<string, CommentRecord>>();
  private jobsById = new Map<string, JobRecord>();
  /** Updates (`PUT`) each interaction received: those that changed it, and repeats that changed nothing. */
  private updatesById = new Map<string, InteractionUpdates>();
  /** Running totals over `updatesById` and the comments, so `truth` reads them without a scan. */
  protected totals = { updated: 0, updates: 0, unchangedUpdates: 0, attachments: 0 };

  /** `idSeed` makes the order of new ids reproducible. */
  constructor(idSeed: string) {
    this.ids = new IdGenerator(idSeed);
  }

  /** A new 24-hex id. */
  newId(): string {
    return this.ids.next();
  }

  /** Forgets every integration, interaction, comment and job. */
  protected clearContent(): void {
    this.integrationsById = new Map();
    this.interactionsById = new Map();
    this.updatesById = new Map();
    this.interactionsByIntegration = new Map();
    this.externalIds.clear();
    this.totals = { updated: 0, updates: 0, unchangedUpdates: 0, attachments: 0 };
    this.commentsById = new Map();
    this.commentsByInteraction = new Map();
    this.jobsById = new Map();
  }

  // ---- integrations ----

  /** Every integration, in creation order. */
  integrations(): IntegrationRecord[] {
    return [...this.integrationsById.values()];
  }

  /** An integration by `_id`. */
  integration(id: string): IntegrationRecord | undefined {
    return this.integrationsById.get(id);
  }

  /** An integration by name (case-insensitive). */
  integrationByName(name: string): IntegrationRecord | undefined {
    for (const integration of this.integrationsById.values())
      if (lower(integration.name) === lower(name)) return integration;
    return undefined;
  }

  /** Adds an integration without metadata. */
  addIntegration(name: string, description: string, dataStorageMinutes: number): IntegrationRecord {
    const at = nowIso();
    const integration: IntegrationRecord = {
      _id: this.newId(),
      name,
      description,
      type: 'custom',
      status: 'active',
      settings: { data_storage_minutes: dataStorageMinutes },
      metadata: [],
      created_at: at,
      updated_at: at,
    };
    this.integrationsById.set(integration._id, integration);
    this.interactionsByIntegration.set(integration._id, new Map());
    return integration;
  }

  /** Changes an integration's name, description or storage time. */
  updateIntegration(
    integration: IntegrationRecord,
    patch: { name?: string; description?: string; data_storage_minutes?: number },
  ): void {
    if (patch.name !== undefined) integration.name = patch.name;
    if (patch.description !== undefined) integration.description = patch.description;
    if (patch.data_storage_minutes !== undefined)
      integration.settings = { data_storage_minutes: patch.data_storage_minutes };
    integration.updated_at = nowIso();
  }

  /** Removes an integration with its interactions and their comments. */
  deleteIntegration(id: string): void {
    for (const interaction of [...(this.interactionsByIntegration.get(id)?.values() ?? [])])
      this.deleteInteraction(interaction);
    this.interactionsByIntegration.delete(id);
    this.integrationsById.delete(id);
  }

  /** Replaces the metadata list (never edited in place, so per-list caches stay valid). */
  setMetadata(integration: IntegrationRecord, metadata: MetadataField[]): void {
    integration.metadata = metadata;
    integration.updated_at = nowIso();
  }

  // ---- interactions ----

  /** Interactions of one integration (or all), in creation order. */
  interactions(integrationId?: string): InteractionRecord[] {
    return [...this.interactionValues(integrationId)];
  }

  /** Iterates interactions of one integration (or all) without copying. */
  interactionValues(integrationId?: string): IterableIterator<InteractionRecord> {
    if (integrationId === undefined) return this.interactionsById.values();
    return (
      this.interactionsByIntegration.get(integrationId) ?? new Map<string, InteractionRecord>()
    ).values();
  }

  /** Counts interactions of one integration (or all). */
  interactionCount(integrationId?: string): number {
    return integrationId === undefined
      ? this.interactionsById.size
      : (this.interactionsByIntegration.get(integrationId)?.size ?? 0);
  }

  /** An interaction by its Playvox `_id`. */
  interaction(id: string): InteractionRecord | undefined {
    return this.interactionsById.get(id);
  }

  /** Every interaction with this external `interaction_id`, in creation order. */
  interactionsByInteractionId(externalId: string): InteractionRecord[] {
    return this.externalIds.get(externalId);
  }

  /**
   * The interactions a list must look at: narrowed through the `interaction_id` index when the
   * filter pins it (equality or `$in`), otherwise all of the integration's (the filter still runs).
   */
  interactionCandidates(filter: Filter, integrationId?: string): Iterable<InteractionRecord> {
    const pinned = filter.find(
      (f) => f.path === 'interaction_id' && (f.condition.op === 'eq' || f.condition.op === 'in'),
    );
    if (!pinned) return this.interactionValues(integrationId);
    const wanted =
      pinned.condition.op === 'eq'
        ? [pinned.condition.value]
        : pinned.condition.op === 'in'
          ? pinned.condition.values
          : [];
    const found: InteractionRecord[] = [];
    for (const externalId of new Set(wanted)) {
      if (typeof externalId !== 'string') continue;
      for (const record of this.externalIds.get(externalId)) {
        if (integrationId === undefined || record.integration_id === integrationId) found.push(record);
      }
    }
    // Keep creation order: ids embed the creation second and a counter, so they sort by creation.
    return found.length > 1 ? found.sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0)) : found;
  }

  /** Adds an interaction (never deduplicated on `interaction_id`). */
  addInteraction(integration: IntegrationRecord, input: NewInteraction): InteractionRecord {
    const at = nowIso();
    const record: InteractionRecord = {
      _id: this.newId(),
      interaction_id: input.interaction_id,
      integration_id: integration._id,
      assignee_id: input.assignee_id,
      metadata: input.metadata,
      created_at: at,
      updated_at: at,
    };
    this.interactionsById.set(record._id, record);
    bucket(this.interactionsByIntegration, integration._id).set(record._id, record);
    this.externalIds.add(record);
    return record;
  }

  /** Changes an interaction's assignee, external id or metadata values (merged). */
  updateInteraction(record: InteractionRecord, input: InteractionInput): void {
    const before = JSON.stringify([record.interaction_id, record.assignee_id, record.metadata]);
    if (input.interaction_id !== undefined && input.interaction_id !== record.interaction_id) {
      this.externalIds.remove(record);
      record.interaction_id = input.interaction_id;
      this.externalIds.add(record);
    }
    if (input.assignee_id !== undefined) record.assignee_id = input.assignee_id;
    Object.assign(record.metadata, input.metadata);
    record.updated_at = nowIso();
    const counts = this.updatesOf(record._id);
    if (JSON.stringify([record.interaction_id, record.assignee_id, record.metadata]) === before) {
      counts.unchanged += 1;
      this.totals.unchangedUpdates += 1;
    } else {
      if (counts.changed === 0) this.totals.updated += 1;
      counts.changed += 1;
      this.totals.updates += 1;
    }
    this.updatesById.set(record._id, counts);
  }

  /** The updates an interaction received so far (zero for one never updated). */
  updatesOf(id: string): InteractionUpdates {
    return { ...(this.updatesById.get(id) ?? { changed: 0, unchanged: 0 }) };
  }

  /** Removes an interaction and its comments. */
  deleteInteraction(record: InteractionRecord): void {
    if (!this.interactionsById.delete(record._id)) return;
    const counts = this.updatesById.get(record._id);
    if (counts) {
      if (counts.changed > 0) this.totals.updated -= 1;
      this.totals.updates -= counts.changed;
      this.totals.unchangedUpdates -= counts.unchanged;
      this.updatesById.delete(record._id);
    }
    this.interactionsByIntegration.get(record.integration_id)?.delete(record._id);
    this.externalIds.remove(record);
    for (const comment of this.commentsByInteraction.get(record._id)?.values() ?? []) {
      this.commentsById.delete(comment._id);
      this.totals.attachments -= comment.attachments.length;
    }
    this.commentsByInteraction.delete(record._id);
  }

  // ---- comments ----

  /** Comments of one interaction (or all), in creation order. */
  comments(interactionId?: string): CommentRecord[] {
    return [...this.commentValues(interactionId)];
  }

  /** Iterates comments of one interaction (or all) without copying. */
  commentValues(interactionId?: string): IterableIterator<CommentRecord> {
    if (interactionId === undefined) return this.commentsById.values();
    return (this.commentsByInteraction.get(interactionId) ?? new Map<string, CommentRecord>()).values();
  }

  /** Counts every comment. */
  commentCount(): number {
    return this.commentsById.size;
  }

  /** Counts the attachments of every comment. */
  attachmentCount(): number {
    return this.totals.attachments;
  }

  /** A comment by `_id`. */
  comment(id: string): CommentRecord | undefined {
    return this.commentsById.get(id);
  }

  /** Adds a comment to an interaction; `added_at` defaults to now. */
  addComment(interaction: InteractionRecord, input: NewComment): CommentRecord {
    const at = nowIso();
    const comment: CommentRecord = {
      _id: this.newId(),
      interaction_id: interaction._id,
      body: input.body,
      type: input.type,
      author_id: input.author_id,
      added_at: input.added_at ?? at,
      attachments: input.attachments ?? [],
      created_at: at,
      updated_at: at,
    };
    this.commentsById.set(comment._id, comment);
    bucket(this.commentsByInteraction, interaction._id).set(comment._id, comment);
    this.totals.attachments += comment.attachments.length;
    return comment;
  }

  /** Changes a comment's body or `added_at`. */
  updateComment(comment: CommentRecord, input: CommentInput): void {
    if (input.body !== undefined) comment.body = input.body;
    if (input.added_at !== undefined) comment.added_at = input.added_at;
    comment.updated_at = nowIso();
  }

  /** Removes a comment. */
  deleteComment(comment: CommentRecord): void {
    if (!this.commentsById.delete(comment._id)) return;
    this.totals.attachments -= comment.attachments.length;
    this.commentsByInteraction.get(comment.interaction_id)?.delete(comment._id);
  }

  // ---- jobs ----

  /** Every bulk job, in creation order. */
  jobs(): JobRecord[] {
    return [...this.jobsById.values()];
  }

  /** Iterates the bulk jobs without copying. */
  jobValues(): IterableIterator<JobRecord> {
    return this.jobsById.values();
  }

  /** A bulk job by `_id`. */
  job(id: string): JobRecord | undefined {
    return this.jobsById.get(id);
  }

  /** Records a new queued job. */
  addJob(integrationId: string, total: number): JobRecord {
    const at = nowIso();
    const job: JobRecord = {
      _id: this.newId(),
      type: 'bulk_interactions',
      integration_id: integrationId,
      status: 'queued',
      total,
      total_processed: 0,
      total_succeeded: 0,
      total_failed: 0,
      errors: [],
      results: [],
      created_at: at,
      updated_at: at,
      completed_at: null,
    };
    this.jobsById.set(job._id, job);
    return job;
  }
}
