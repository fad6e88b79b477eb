/**
 * Request and response types of the Playvox QA API v1. The records are inferred from the wire contract
 * (`@voxbridge/playvox/wire`, `qa`), the one description the emulator serves too.
 *
 * Requests take camelCase options (the client maps them to the wire's snake_case names); responses
 * are the server's records as sent, snake_case included, so that nothing the server adds is lost.
 */
import type { Page } from '@voxbridge/core';
import type { z } from 'zod';
import type * as qa from './wire/qa/index.js';

/** Fields every Playvox record carries (`_id`, `created_at`, `updated_at`); unknown fields are kept as sent. */
export type PlayvoxRecord = z.infer<typeof qa.playvoxRecord>;

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
export type Coaching = z.infer<typeof qa.coaching>;

/** A learning (quiz, course) result. */
export type LearningResult = z.infer<typeof qa.learningResult>;

/** A calibration session. */
export type Calibration = z.infer<typeof qa.calibration>;

/** A QA evaluation of an agent's interaction. */
export type Evaluation = z.infer<typeof qa.evaluation>;

/** A QA scorecard. */
export type Scorecard = z.infer<typeof qa.scorecard>;

/** A user role. */
export type Role = z.infer<typeof qa.role>;

/** A performance campaign. */
export type Campaign = z.infer<typeof qa.campaign>;

/** A variable of a campaign (`GET campaigns/{id}/actions?o=vars-by-type`). */
export type CampaignVar = z.infer<typeof qa.campaignVar>;

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

/** A team; `include: 'all'` embeds `users_info` and `team_leader_info`. */
export type Team = z.infer<typeof qa.team>;

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
export type User = z.infer<typeof qa.user>;

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
export type MetadataType = qa.MetadataType;

/** Where a metadata field is available in the Playvox UI. */
export type MetadataAvailability = qa.MetadataAvailability;

/** A metadata field of an integration, as the server sends it. */
export type MetadataField = z.infer<typeof qa.metadataField>;

/** A custom (or built-in) integration with its metadata fields. */
export type Integration = z.infer<typeof qa.integration>;

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

/** An interaction as the server sends it (`interaction_id` is the external id, not unique). */
export type Interaction = z.infer<typeof qa.interaction>;

/** A comment to create together with an interaction in a bulk request, or on its own. */
export interface CommentCreate {
  body: string;
  type: CommentType;
  /** Playvox username or email of the author. */
  authorId: string;
  /** When the comment was made. Default: now (the server's clock). */
  addedAt?: Date | string;
  /** Files shown with the comment: Playvox-hosted (`files.upload`'s answer fits as is) or public URLs. */
  attachments?: readonly AttachmentInput[];
}

/** A file attached to a comment; sent as `{ url, name, content_type, size }`. */
export interface AttachmentInput {
  /** A Playvox-hosted URL from `files.upload`, or a public http(s) URL. */
  url: string;
  /** The name the evaluator sees. */
  name: string;
  /** Media type (`audio/wav`). */
  contentType: string;
  /** Bytes, at most 10 MB (`MAX_FILE_BYTES`). */
  size: number;
}

/** An attachment as the server sends it inside a comment. */
export type Attachment = qa.Attachment;

/** Options of `comments.update`. */
export interface CommentUpdate {
  body: string;
  addedAt?: Date | string;
}

/** Comment types. */
export type CommentType = qa.CommentType;

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

/** A comment as the server sends it (`interaction_id` is the Playvox `_id` of the interaction). */
export type Comment = z.infer<typeof qa.comment>;

/** Status of a bulk job. */
export type JobStatus = qa.JobStatus;

/** A bulk job (`GET jobs/{id}`); `failed` only when every item failed. */
export type Job = z.infer<typeof qa.job>;
