/**
 * Request bodies of the Playvox QA API, as the seeds describe them (playvox-python-wrapper.txt,
 * playvox-custom-integrations-guide.txt) and docs/playvox-wire.md fixes them. Unknown keys are refused.
 */
import { z } from 'zod';
import { zonedDateTime } from './common.js';
import { attachment, commentType, metadataAvailability, metadataType, metadataValue } from './records.js';
import {
  EMAIL_PATTERN,
  FIELD_ID_PATTERN,
  INTEGRATION_KEY_PATTERN,
  MAX_ATTACHMENTS,
  MAX_BULK_ITEMS,
  MAX_DATA_STORAGE_MINUTES,
  MAX_INTERACTION_ID_LENGTH,
  RESERVED_DATETIME_FIELD_IDS,
  USERNAME_PATTERN,
} from './rules.js';

const text = z.string().refine((value) => value.trim() !== '', 'must be a non-empty string');
const minutes = z
  .number()
  .int()
  .min(1)
  .max(MAX_DATA_STORAGE_MINUTES)
  .describe(`minutes Playvox keeps the data (at most ${MAX_DATA_STORAGE_MINUTES}, 90 days)`);

const integrationFields = z.strictObject({
  name: text.pipe(z.string().max(100)).optional(),
  description: z.string().optional(),
  settings: z.strictObject({ data_storage_minutes: minutes.optional() }).optional(),
  data_storage_minutes: minutes.optional().describe('flat form, as python-playvox sends on update'),
});

/** `POST integrations`: a name, a description and `settings.data_storage_minutes` (or the flat form). */
export const integrationCreate = integrationFields.superRefine((body, ctx) => {
  if (body.name === undefined) ctx.addIssue({ code: 'custom', path: ['name'], message: 'is required' });
  if (body.settings?.data_storage_minutes === undefined && body.data_storage_minutes === undefined)
    ctx.addIssue({ code: 'custom', path: ['settings', 'data_storage_minutes'], message: 'is required' });
});

/** `PUT integrations/{id}`: any of the create fields. */
export const integrationUpdate = integrationFields;

const metadataFields = z.strictObject({
  field_id: z.string().regex(FIELD_ID_PATTERN, 'must be 3-30 characters of a-z and _').optional(),
  type: metadataType.optional(),
  allowed: z
    .array(z.union([z.string(), z.number()]))
    .nullable()
    .optional(),
  required: z.boolean().optional(),
  available_in: z.array(metadataAvailability).nullable().optional(),
  integration_id: z.string().optional().describe('ignored (python-playvox sends it)'),
});

/** `PUT integrations/{id}/metadata/{metadataId}`: any of the metadata fields. */
export const metadataUpdate = metadataFields;

/** `POST integrations/{id}/metadata`: `field_id` and `type` required; reserved names; lists need values. */
export const metadataCreate = metadataFields
  .extend({ field_id: metadataFields.shape.field_id.unwrap(), type: metadataType })
  .superRefine((body, ctx) => {
    if (body.type === 'datetime' && RESERVED_DATETIME_FIELD_IDS.includes(body.field_id))
      ctx.addIssue({ code: 'custom', path: ['field_id'], message: 'is reserved by Playvox' });
    if (body.type === 'list' && (body.allowed ?? []).length === 0)
      ctx.addIssue({ code: 'custom', path: ['allowed'], message: 'must list at least one value' });
  });

const interactionIds = {
  interaction_id: z
    .string()
    .min(1)
    .max(MAX_INTERACTION_ID_LENGTH)
    .describe('the id of your external system; not deduplicated'),
  assignee_id: text.describe('the Playvox username or email of the agent'),
};

/** `POST integrations/{id}/interactions`: the ids plus metadata values as flat keys. */
export const interactionCreate = z
  .object(interactionIds)
  .catchall(metadataValue)
  .describe('interaction_id and assignee_id plus one key per metadata field_id');

/** `PUT integrations/{id}/interactions/{_id}`: metadata values to change (the ids may change too). */
export const interactionUpdate = z
  .object({
    interaction_id: interactionIds.interaction_id.optional(),
    assignee_id: interactionIds.assignee_id.optional(),
  })
  .catchall(metadataValue);

/** `POST interactions/{id}/comments`. `added_at` defaults to the server's now. */
export const commentCreate = z.strictObject({
  body: text,
  type: commentType,
  author_id: text.describe('the username or email of the author on Playvox'),
  added_at: zonedDateTime.nullable().optional(),
  attachments: z.array(attachment).max(MAX_ATTACHMENTS).optional().describe('files shown with the comment'),
});

/** `PUT interactions/{id}/comments/{commentId}`: only the body and the time change. */
export const commentUpdate = z.strictObject({
  body: text.optional(),
  added_at: zonedDateTime.nullable().optional(),
});

/** One item of a bulk request: an interaction with its comments inline. */
export const bulkItem = interactionCreate.extend({ comments: z.array(commentCreate).nullable().optional() });

/** `POST integrations/{id}/bulk/interactions`: a bare array of 1..100 interactions. */
export const bulkCreate = z.array(bulkItem).min(1).max(MAX_BULK_ITEMS);

/**
 * What the bulk route checks when the request arrives: a bare array of 1..100 objects. Each item is
 * checked against {@link bulkItem} when the job runs, and a failure becomes a per-item job error.
 */
export const bulkEnvelope = z.array(z.unknown()).min(1).max(MAX_BULK_ITEMS);

const teamFields = z.strictObject({
  name: text.optional(),
  description: z.string().optional(),
  team_leader_id: z.array(z.string()).optional().describe('user ids of the team leaders'),
  users: z.array(z.string()).optional().describe('user ids of the members; replaces the list'),
});

/** `POST teams`: `name` required. */
export const teamCreate = teamFields.extend({ name: text });

/** `PUT teams/{id}` (or POST, as python-playvox sends): any field; the lists replace. */
export const teamUpdate = teamFields;

/** `POST teams/{id}/users`. */
export const teamMember = z.strictObject({ id: z.string().describe('the user id') });

/** Refuses keys other than the declared ones and `integrations_<name>`. */
const onlyIntegrationKeys =
  (declared: readonly string[]) => (body: Record<string, unknown>, ctx: z.RefinementCtx) => {
    for (const key of Object.keys(body))
      if (!declared.includes(key) && !INTEGRATION_KEY_PATTERN.test(key))
        ctx.addIssue({ code: 'custom', path: [key], message: 'unknown key' });
  };

const email = z.string().regex(EMAIL_PATTERN, 'must be an email address').max(254);
const integrationId = z.string().describe('the user id in that system (integrations_<name>)');

/** `POST users`: `name` is the first name; `integrations_<name>` keys carry external ids. */
export const userCreate = z
  .object({
    name: text,
    last_name: text,
    username: z.string().regex(USERNAME_PATTERN, 'must be 1-64 characters of letters, digits and . _ @ + -'),
    email,
    password: z
      .string()
      .min(10)
      .regex(/\d/, 'needs a digit')
      .regex(/[A-Z]/, 'needs an upper-case letter')
      .regex(/[a-z]/, 'needs a lower-case letter')
      .describe('at least 10 characters with a digit, an upper-case and a lower-case letter'),
  })
  .catchall(integrationId)
  .superRefine(onlyIntegrationKeys(['name', 'last_name', 'username', 'email', 'password']));

const userUpdateFields = {
  name: text.optional(),
  last_name: text.optional(),
  email: email.optional(),
  status: z.enum(['active', 'inactive']).optional(),
  deactivation_type: z.string().optional(),
  deactivation_reason: z.string().optional(),
};

/** `PUT users/{id}` (or POST): update, deactivate (`status: inactive`) or activate a user. */
export const userUpdate = z
  .object(userUpdateFields)
  .catchall(integrationId)
  .superRefine(onlyIntegrationKeys(Object.keys(userUpdateFields)));

/** One metrics row: a user, a day and a number per campaign variable code. */
export const metricsRow = z
  .object({
    user: text.describe('username or email of a campaign user'),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD'),
  })
  .catchall(z.number().describe('a value of a campaign variable, keyed by its code'));

/** `POST campaigns/{id}/metrics`: one row or a non-empty list of rows. */
export const metricsCreate = z.union([metricsRow, z.array(metricsRow).min(1)]);

/**
 * What the metrics route checks when the request arrives: an object or a non-empty array. Rows are
 * checked one by one; a refused row is reported in the answer's `errors`, not with an error status.
 */
export const metricsEnvelope = z.union([z.record(z.string(), z.unknown()), z.array(z.unknown()).min(1)]);
