/**
 * Request and response types of the Playvox QA API v1, as fixed by docs/playvox-wire.md.
 *
 * Requests take camelCase options (the client maps them to the wire's snake_case names); responses
 * are the server's records as sent, snake_case included, so that nothing the server adds is lost.
 */
import type { Page } from '@voxbridge/core';

/** Fields every Playvox record carries. Unknown fields are kept as sent. */
export interface PlayvoxRecord {
  /** 24-character lower-case hex id. */
  _id: string;
  /** ISO 8601 creation time. */
  created_at?: string;
  /** ISO 8601 time of the last change. */
  updated_at?: string;
  [field: string]: unknown;
}

/** Parameters every collection GET accepts. Empty values are left out of the query string. */
export interface ListParams {
  /** 1-based page number. Default 1. */
  page?: number;
  /** Page size, 1..100. Default 100 (the client's default; the server's own default is 12). */
  perPage?: number;
  /**
   * Filter: an object (sent as its JSON, e.g. `{ interaction_id: { $in: ['a', 'b'] } }`) or a JSON
   * string sent as is.
   */
  query?: Record<string, unknown> | string;
  /** Fields to return (`_id` is always returned); an array becomes a comma-separated list. */
  fields?: readonly string[] | string;
  /** Sort keys, `-` prefix for descending, `+` or none for ascending; an array becomes a comma list. */
  sort?: readonly string[] | string;
  /** `all` embeds related objects (for example a team's `users_info`). */
  include?: 'all' | (string & {});
}

/** One page of a Playvox list. `await` on a `list()` call gives this. */
export interface PlayvoxPage<T> extends Page<T> {
  /** 1-based number of this page, as the server reported it. */
  page: number;
  /** Page size the server used. */
  perPage: number;
  /** Total number of matching records, when the server sent it. */
  total: number | undefined;
}

/** A coaching session. */
export interface Coaching extends PlayvoxRecord {
  status?: string;
  team_ids?: string[];
  coach_id?: string | string[];
  trainee_id?: string;
}

/** A learning (quiz, course) result. */
export interface LearningResult extends PlayvoxRecord {
  user_id?: string;
  score?: number;
}

/** A calibration session. */
export interface Calibration extends PlayvoxRecord {
  status?: string;
  scorecard_id?: string;
  agent_id?: string;
  interaction_id?: string;
}

/** A QA evaluation of an agent's interaction. */
export interface Evaluation extends PlayvoxRecord {
  scorecard_id?: string;
  agent_id?: string;
  team_id?: string;
  monitor_id?: string;
  interaction_id?: string;
  score?: number;
  passed?: boolean;
}

/** A QA scorecard. */
export interface Scorecard extends PlayvoxRecord {
  name?: string;
  status?: string;
  team_ids?: string[];
  max_score?: number;
}

/** A user role. */
export interface Role extends PlayvoxRecord {
  code?: string;
  name?: string;
  description?: string;
  default?: boolean;
}

/** A performance campaign. */
export interface Campaign extends PlayvoxRecord {
  name?: string;
  status?: string;
}

/** A variable of a campaign (`GET campaigns/{id}/actions?o=vars-by-type`). */
export interface CampaignVar {
  /** The key a metrics row uses for this variable. */
  code: string;
  name: string;
  type: 'number' | 'percentage' | 'currency';
  [field: string]: unknown;
}

/** One metrics row for `campaigns.sendMetrics`: a user, a day and a number per variable code. */
export interface CampaignMetricsRow {
  /** Playvox username or email. */
  user: string;
  /** The day, `YYYY-MM-DD`. */
  date: string;
  /** Variable codes and their values. */
  [variableCode: string]: string | number;
}

/** What Playvox answered to `campaigns.sendMetrics` when every row was accepted. */
export interface CampaignMetricsResult {
  /** Rows received. */
  total: number;
  /** Rows refused (always 0 here: any refusal throws). */
  totalErrors: number;
}

/** A team. */
export interface Team extends PlayvoxRecord {
  name?: string;
  description?: string;
  team_leader_id?: string[];
  users?: string[];
  users_info?: User[];
  team_leader_info?: User[];
}

/** Options of `teams.create`. */
export interface TeamCreate {
  name: string;
  description?: string;
  /** User ids of the team leaders (at least one). */
  teamLeaderIds: readonly string[];
  /** User ids of the members. */
  userIds?: readonly string[];
}

/** Options of `teams.update`; the id lists replace the current ones. */
export interface TeamUpdate {
  name?: string;
  description?: string;
  teamLeaderIds?: readonly string[];
  userIds?: readonly string[];
}

/** A user. `name` is the first name. */
export interface User extends PlayvoxRecord {
  name?: string;
  last_name?: string;
  username?: string;
  email?: string;
  status?: string;
}

/**
 * External user ids per integration, keyed by the integration's name (`zendesk`, `five9`, …); each
 * becomes an `integrations_<name>` field.
 */
export type UserIntegrationIds = Record<string, string>;

/** Options of `users.create`. */
export interface UserCreate {
  firstName: string;
  lastName: string;
  username: string;
  email: string;
  /** At least 10 characters with a digit, an upper-case and a lower-case letter. Never logged. */
  password: string;
  integrations?: UserIntegrationIds;
}

/** Options of `users.update`. */
export interface UserUpdate {
  firstName?: string;
  lastName?: string;
  email?: string;
  integrations?: UserIntegrationIds;
}

/** Options of `users.deactivate`. */
export interface UserDeactivation {
  /** The deactivation type (Playvox does not publish the allowed values). */
  type: string;
  reason: string;
}

/** Metadata field types. */
export type MetadataType = 'string' | 'integer' | 'float' | 'list' | 'boolean' | 'datetime';

/** Where a metadata field is available in the Playvox UI. */
export type MetadataAvailability = 'filters' | 'display';

/** A metadata field of an integration, as the server sends it. */
export interface MetadataField {
  _id: string;
  field_id: string;
  type: MetadataType;
  allowed?: Array<string | number>;
  required?: boolean;
  available_in?: MetadataAvailability[];
  [field: string]: unknown;
}

/** A custom (or built-in) integration. */
export interface Integration extends PlayvoxRecord {
  name?: string;
  description?: string;
  settings?: { data_storage_minutes?: number; [setting: string]: unknown };
  metadata?: MetadataField[];
}

/** Options of `integrations.create`. */
export interface IntegrationCreate {
  name: string;
  description: string;
  /** How long Playvox keeps the data, in minutes: an integer 1..129600 (90 days). */
  dataStorageMinutes: number;
}

/** Options of `integrations.update`. */
export interface IntegrationUpdate {
  name?: string;
  description?: string;
  dataStorageMinutes?: number;
}

/** Options of `integrations.addMetadata`. */
export interface MetadataCreate {
  /** 3–30 characters of `a-z` and `_`; unique per integration. */
  fieldId: string;
  type: MetadataType;
  /** Accepted values (for `list` fields, and `string` fields when non-empty). Default `[]`. */
  allowed?: readonly (string | number)[];
  /** Default false. */
  required?: boolean;
  /** Default `[]`. */
  availableIn?: readonly MetadataAvailability[];
}

/** Options of `integrations.updateMetadata`. */
export type MetadataUpdate = Partial<MetadataCreate>;

/**
 * A value of an interaction's metadata field. Datetime fields take a `Date` or an ISO 8601 string
 * with a zone offset or `Z`; list fields take one allowed value or an array of them; `null` clears an
 * optional field.
 */
export type MetadataValue = string | number | boolean | Date | null | readonly (string | number)[];

/** Metadata of an interaction, keyed by metadata `field_id`. */
export type InteractionMetadata = Record<string, MetadataValue>;

/** An interaction as the server sends it. */
export interface Interaction extends PlayvoxRecord {
  /** The external system's id (not unique: Playvox does not deduplicate). */
  interaction_id: string;
  integration_id: string;
  assignee_id: string;
  /** Values keyed by metadata `field_id`. */
  metadata: Record<string, unknown>;
}

/** A comment to create together with an interaction in a bulk request, or on its own. */
export interface CommentCreate {
  body: string;
  type: CommentType;
  /** Playvox username or email of the author. */
  authorId: string;
  /** When the comment was made. Default: now (the server's clock). */
  addedAt?: Date | string;
}

/** Options of `comments.update`. */
export interface CommentUpdate {
  body: string;
  addedAt?: Date | string;
}

/** Comment types. */
export type CommentType = 'customer_comment' | 'agent_comment' | 'internal_note';

/** An interaction to create. */
export interface InteractionCreate {
  /** The external system's id, 1..68 characters. */
  interactionId: string;
  /** Playvox username or email of the agent. */
  assigneeId: string;
  /** Values keyed by metadata `field_id`. */
  metadata: InteractionMetadata;
}

/** An item of `interactions.bulkCreate`: an interaction, optionally with its comments. */
export interface BulkInteractionItem extends InteractionCreate {
  comments?: readonly CommentCreate[];
}

/** A comment as the server sends it. */
export interface Comment extends PlayvoxRecord {
  /** The Playvox `_id` of the interaction. */
  interaction_id: string;
  body: string;
  type: CommentType;
  author_id: string;
  added_at: string;
}

/** Status of a bulk job. */
export type JobStatus = 'queued' | 'processing' | 'completed' | 'failed';

/** A bulk job (`GET jobs/{id}`). `failed` only when every item failed. */
export interface Job {
  _id: string;
  type: string;
  integration_id: string;
  status: JobStatus;
  total: number;
  total_processed: number;
  total_succeeded: number;
  total_failed: number;
  /** Per-item failures; `index` is the item's position in the job's request. */
  errors: Array<{ index: number; interaction_id: string | null; field?: string; message: string }>;
  /** Per-item created ids. */
  results: Array<{ index: number; interaction_id: string; _id: string }>;
  created_at?: string;
  updated_at?: string;
  completed_at?: string | null;
  [field: string]: unknown;
}
