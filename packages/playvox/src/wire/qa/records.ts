/**
 * The records Playvox QA answers with. Every record is a loose object: the documented fields are typed,
 * and whatever else the server sends is kept (the client returns records as sent, snake_case included).
 */
import { z } from 'zod';
import { objectId, stamps } from './common.js';
import {
  COMMENT_TYPES,
  JOB_STATUSES,
  MAX_FILE_BYTES,
  METADATA_AVAILABILITY,
  METADATA_TYPES,
} from './rules.js';

// Optional fields recur on every record; one instance of each (zod schemas are immutable).
const text = z.string().optional();
const ids = z.array(z.string()).optional();

/** Fields every Playvox record carries. */
export const playvoxRecord = z.looseObject({ _id: z.string(), ...stamps });

/** A metadata field type. */
export const metadataType = z.enum(METADATA_TYPES);

/** Where a metadata field is available in the Playvox UI. */
export const metadataAvailability = z.enum(METADATA_AVAILABILITY);

/** A comment type. */
export const commentType = z.enum(COMMENT_TYPES);

/** A bulk job status. */
export const jobStatus = z.enum(JOB_STATUSES);

/** A metadata field of an integration, as the server sends it. */
export const metadataField = z.looseObject({
  _id: z.string(),
  field_id: z.string(),
  type: metadataType,
  allowed: z.array(z.union([z.string(), z.number()])).optional(),
  required: z.boolean().optional(),
  available_in: z.array(metadataAvailability).optional(),
});

/** A custom (or built-in) integration with its metadata fields. */
export const integration = playvoxRecord.extend({
  name: text,
  description: text,
  type: text,
  status: text,
  settings: z.looseObject({ data_storage_minutes: z.number().int().optional() }).optional(),
  metadata: z.array(metadataField).optional(),
});

/** A stored metadata value. */
export const metadataValue = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.union([z.string(), z.number()])),
]);

/**
 * A file attached to a comment: a URL hosted by Playvox (from the files endpoint) or a public external
 * one, with what the evaluator's browser needs to show it (HC-ATT; the shape is docs/playvox-wire.md's).
 */
export const attachment = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).describe('Playvox-hosted (files endpoint) or public http(s) URL'),
  name: z.string().min(1).max(255).describe('file name shown to the evaluator'),
  content_type: z
    .string()
    .regex(/^[\w.+-]+\/[\w.+-]+(?:\s*;.*)?$/, 'must be a media type such as audio/wav')
    .describe('media type, e.g. audio/wav'),
  size: z.number().int().min(0).max(MAX_FILE_BYTES).describe(`bytes, at most ${MAX_FILE_BYTES} (10 MB)`),
});

/** A file stored by the files endpoint (`POST files`), as the answer describes it. */
export const uploadedFile = z.looseObject({
  _id: objectId,
  url: z.url().describe('where Playvox serves the bytes; put it in a comment attachment'),
  name: z.string(),
  content_type: z.string(),
  size: z.number().int().min(0),
  ...stamps,
});

/** A comment on an interaction. */
export const comment = playvoxRecord.extend({
  interaction_id: z.string().describe('the Playvox _id of the interaction'),
  body: z.string(),
  type: commentType,
  author_id: z.string(),
  added_at: z.string(),
  attachments: z.array(attachment).optional().describe('files shown with the comment'),
});

/** An interaction as the server sends it. */
export const interaction = playvoxRecord.extend({
  interaction_id: z.string().describe('the external id; not unique'),
  integration_id: z.string(),
  assignee_id: z.string(),
  metadata: z.record(z.string(), z.unknown()).describe('field_id → value'),
  comments: z.array(comment).optional().describe('with include=all'),
});

/** A per-item failure of a bulk job; `index` is the item's position in the job's request. */
export const jobItemError = z.object({
  index: z.number().int(),
  interaction_id: z.string().nullable(),
  field: text,
  message: z.string(),
});

/** A per-item success of a bulk job. */
export const jobItemResult = z.object({
  index: z.number().int(),
  interaction_id: z.string(),
  _id: z.string(),
});

/** A bulk job (`GET jobs/{id}`); `failed` only when every item failed. */
export const job = z.looseObject({
  _id: z.string(),
  type: z.string(),
  integration_id: z.string(),
  status: jobStatus,
  total: z.number().int(),
  total_processed: z.number().int(),
  total_succeeded: z.number().int(),
  total_failed: z.number().int(),
  errors: z.array(jobItemError),
  results: z.array(jobItemResult),
  ...stamps,
  completed_at: z.string().nullable().optional(),
});

/** The answer of a bulk create: the queued job. */
export const bulkQueued = z.object({
  success: z.literal(true),
  result: z.looseObject({
    _id: objectId.describe('the job id'),
    status: jobStatus,
    total: z.number().int(),
    total_failed: z.number().int(),
  }),
});

/** A user. `name` is the first name; `integrations_<name>` keys carry external user ids. */
export const user = playvoxRecord.extend({
  name: text,
  last_name: text,
  username: text,
  email: text,
  status: text,
});

/** A team; `include=all` adds `users_info` and `team_leader_info`. */
export const team = playvoxRecord.extend({
  name: text,
  description: text,
  team_leader_id: ids,
  users: ids,
  total_users: z.number().int().optional(),
  users_info: z.array(user).optional(),
  team_leader_info: z.array(user).optional(),
});

/** A coaching session. */
export const coaching = playvoxRecord.extend({
  status: text,
  team_ids: ids,
  coach_id: z.union([z.string(), z.array(z.string())]).optional(),
  trainee_id: text,
});

/** A learning (quiz, course) result. */
export const learningResult = playvoxRecord.extend({
  user_id: text,
  score: z.number().nullable().optional(),
});

/** A calibration session. */
export const calibration = playvoxRecord.extend({
  status: text,
  scorecard_id: text,
  agent_id: text,
  interaction_id: text,
});

/** A QA evaluation of an agent's interaction. */
export const evaluation = playvoxRecord.extend({
  scorecard_id: text,
  agent_id: text,
  team_id: text,
  monitor_id: text,
  interaction_id: text,
  score: z.number().optional(),
  passed: z.boolean().optional(),
});

/** A QA scorecard. */
export const scorecard = playvoxRecord.extend({
  name: text,
  status: text,
  team_ids: ids,
  max_score: z.number().optional(),
});

/** A user role. */
export const role = playvoxRecord.extend({
  code: text,
  name: text,
  description: text,
  default: z.boolean().optional(),
});

/** A performance campaign. */
export const campaign = playvoxRecord.extend({ name: text, status: text });

/** A variable of a campaign (`GET campaigns/{id}/actions?o=vars-by-type`). */
export const campaignVar = z.looseObject({
  code: z.string().describe('the key a metrics row uses for this variable'),
  name: z.string(),
  type: z.enum(['number', 'percentage', 'currency']),
});

/** What `POST campaigns/{id}/metrics` answers (200 even when rows were refused). */
export const metricsResult = z.object({
  success: z.literal(true),
  result: z.object({
    total: z.number().int(),
    total_errors: z.number().int(),
    errors: z.array(z.string()),
  }),
});

/** The answer of `POST integrations/{id}/metadata`: every field of the integration. */
export const metadataCreated = z.object({
  success: z.literal(true),
  _id: objectId.describe('the integration id'),
  metadata: z.array(metadataField),
});
