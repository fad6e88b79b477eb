/**
 * Builds wire bodies and query strings from the client's camelCase options, validating as it goes.
 * Every builder returns a new object: a caller's input is never mutated.
 */
import { type QueryValue, ValidationError } from '@voxbridge/core';
import type {
  AttachmentInput,
  BulkInteractionItem,
  CommentCreate,
  CommentUpdate,
  InteractionCreate,
  InteractionMetadata,
  ListParams,
  MetadataCreate,
  MetadataUpdate,
  TeamCreate,
  TeamUpdate,
  UserCreate,
  UserIntegrationIds,
  UserUpdate,
} from './types.js';
import {
  assertAvailability,
  assertCommentType,
  assertDataStorageMinutes,
  assertFieldId,
  assertIntegerInRange,
  assertInteractionId,
  assertMetadataType,
  assertNotReservedDatetime,
  assertPassword,
  looksLikeDateTime,
  requireAllowedList,
  requireText,
  requireTextList,
  toPlayvoxDateTime,
  withFieldPrefix,
} from './validation.js';
import {
  FIELD_ID_PATTERN,
  isZonedDateTime,
  MAX_ATTACHMENTS,
  MAX_FILE_BYTES,
  MAX_PER_PAGE,
} from './wire/qa/rules.js';

/** Top-level keys of an interaction body; metadata may not take these names. */
const INTERACTION_KEYS = new Set(['interaction_id', 'assignee_id', 'comments']);

/** Page size the client asks for when the caller does not say. */
export const DEFAULT_PER_PAGE = 100;

/** The query string of a collection GET; page and per_page are always sent. */
export function listQuery(params: ListParams = {}): Record<string, QueryValue> {
  const page = assertIntegerInRange(params.page ?? 1, 'page', 1, Number.MAX_SAFE_INTEGER);
  const perPage = assertIntegerInRange(params.perPage ?? DEFAULT_PER_PAGE, 'perPage', 1, MAX_PER_PAGE);
  const query: Record<string, QueryValue> = { page, per_page: perPage };
  if (params.query !== undefined) {
    if (typeof params.query === 'string') query.query = params.query;
    else if (typeof params.query === 'object' && params.query !== null && !Array.isArray(params.query))
      query.query = JSON.stringify(params.query);
    else throw new ValidationError('query', 'must be an object or a JSON string');
  }
  const fields = commaList(params.fields, 'fields');
  if (fields) query.fields = fields;
  const sort = commaList(params.sort, 'sort');
  if (sort) query.sort = sort;
  if (params.include !== undefined && params.include !== '')
    query.include = requireText(params.include, 'include');
  return query;
}

function commaList(value: readonly string[] | string | undefined, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value === '' ? undefined : value;
  const items = requireTextList(value, field);
  return items.length > 0 ? items.join(',') : undefined;
}

/**
 * Checks and encodes the value of metadata field `key`. The field's name for an error
 * (`metadata.<key>`) is only built when there is one: bulk bodies pass here for every value.
 */
function metadataValue(value: unknown, key: string): unknown {
  if (typeof value === 'string')
    return looksLikeDateTime(value) && !isZonedDateTime(value)
      ? toPlayvoxDateTime(value, `metadata.${key}`)
      : value;
  const field = `metadata.${key}`;
  if (value instanceof Date) return toPlayvoxDateTime(value, field);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ValidationError(field, 'must be a finite number');
    return value;
  }
  if (typeof value === 'boolean') return value;
  // null clears an optional field (the server refuses it for a required one).
  if (value === null) return null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const ok = typeof item === 'string' || (typeof item === 'number' && Number.isFinite(item));
      if (!ok)
        throw new ValidationError(
          `${field}[${index}]`,
          "must be a string or number (a value of the field's allowed list)",
        );
    }
    return [...value];
  }
  throw new ValidationError(
    field,
    'must be a string, number, boolean, Date, null or an array of allowed values',
  );
}

/** Metadata values keyed by `field_id`, checked and encoded (dates as ISO 8601 with a zone). */
export function metadataBody(
  metadata: InteractionMetadata,
  options: { nonEmpty: boolean },
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  writeMetadata(metadata, out);
  if (options.nonEmpty && Object.keys(out).length === 0)
    throw new ValidationError('metadata', 'must contain at least one field');
  return out;
}

/** Checks `metadata` and its values and writes them, encoded, into `out` (in their order). */
function writeMetadata(metadata: InteractionMetadata, out: Record<string, unknown>): void {
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata))
    throw new ValidationError('metadata', 'must be an object keyed by metadata field_id');
  for (const key of Object.keys(metadata)) {
    const value = metadata[key];
    if (value === undefined) continue;
    if (!FIELD_ID_PATTERN.test(key)) assertFieldId(key, `metadata.${key}`);
    if (INTERACTION_KEYS.has(key))
      throw new ValidationError(
        `metadata.${key}`,
        'is a reserved interaction key and cannot name a metadata field',
      );
    out[key] = metadataValue(value, key);
  }
}

/** The body of a single interaction create (metadata flat at the top level). */
export function interactionBody(item: InteractionCreate): Record<string, unknown> {
  if (typeof item !== 'object' || item === null)
    throw new ValidationError('interaction', 'must be an object');
  const body: Record<string, unknown> = {
    interaction_id: assertInteractionId(item.interactionId),
    assignee_id: requireText(item.assigneeId, 'assigneeId'),
  };
  // Written straight into the body (metadataBody's checks, without a second object to spread).
  writeMetadata(item.metadata, body);
  return body;
}

/** The body of a bulk item: an interaction plus its inline comments. */
export function bulkItemBody(item: BulkInteractionItem): Record<string, unknown> {
  const body = interactionBody(item);
  if (item.comments !== undefined) {
    if (!Array.isArray(item.comments)) throw new ValidationError('comments', 'must be an array of comments');
    body.comments = item.comments.map((comment, index) =>
      withFieldPrefix(`comments[${index}].`, () => commentBody(comment)),
    );
  }
  return body;
}

/** The body of a comment create. */
export function commentBody(comment: CommentCreate): Record<string, unknown> {
  if (typeof comment !== 'object' || comment === null)
    throw new ValidationError('comment', 'must be an object');
  const body: Record<string, unknown> = {
    body: requireText(comment.body, 'body'),
    type: assertCommentType(comment.type),
    author_id: requireText(comment.authorId, 'authorId'),
  };
  if (comment.addedAt !== undefined) body.added_at = toPlayvoxDateTime(comment.addedAt, 'addedAt');
  if (comment.attachments !== undefined) body.attachments = attachmentsBody(comment.attachments);
  return body;
}

/** The `attachments` of a comment: each checked and sent in snake_case. */
function attachmentsBody(attachments: readonly AttachmentInput[]): Array<Record<string, unknown>> {
  if (!Array.isArray(attachments)) throw new ValidationError('attachments', 'must be an array');
  if (attachments.length > MAX_ATTACHMENTS)
    throw new ValidationError('attachments', `must hold at most ${MAX_ATTACHMENTS} files`);
  return attachments.map((file, i) =>
    withFieldPrefix(`attachments[${i}].`, () => {
      if (typeof file !== 'object' || file === null)
        throw new ValidationError('attachment', 'must be an object');
      if (typeof file.url !== 'string' || !/^https?:\/\/[^\s]+$/i.test(file.url))
        throw new ValidationError('url', 'must be an absolute http(s) URL');
      return {
        url: file.url,
        name: requireText(file.name, 'name'),
        content_type: requireText(file.contentType, 'contentType'),
        size: assertIntegerInRange(file.size, 'size', 0, MAX_FILE_BYTES),
      };
    }),
  );
}

/** The body of a comment update. */
export function commentUpdateBody(patch: CommentUpdate): Record<string, unknown> {
  const body: Record<string, unknown> = { body: requireText(patch?.body, 'body') };
  if (patch.addedAt !== undefined) body.added_at = toPlayvoxDateTime(patch.addedAt, 'addedAt');
  return body;
}

/** The body of a team create. */
export function teamCreateBody(team: TeamCreate): Record<string, unknown> {
  return {
    name: requireText(team?.name, 'name'),
    description: team.description ?? '',
    team_leader_id: requireTextList(team.teamLeaderIds, 'teamLeaderIds', { nonEmpty: true }),
    users: team.userIds === undefined ? [] : requireTextList(team.userIds, 'userIds'),
  };
}

/** The body of a team update; lists replace the current ones. */
export function teamUpdateBody(patch: TeamUpdate): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (patch?.name !== undefined) body.name = requireText(patch.name, 'name');
  if (patch?.description !== undefined) body.description = patch.description;
  if (patch?.teamLeaderIds !== undefined)
    body.team_leader_id = requireTextList(patch.teamLeaderIds, 'teamLeaderIds', { nonEmpty: true });
  if (patch?.userIds !== undefined) body.users = requireTextList(patch.userIds, 'userIds');
  return nonEmptyPatch(body);
}

/** `integrations_<name>` fields from a map of integration name to external user id. */
function integrationFields(integrations: UserIntegrationIds | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (integrations === undefined) return out;
  if (typeof integrations !== 'object' || integrations === null)
    throw new ValidationError('integrations', 'must be an object of integration name to external user id');
  for (const [name, externalId] of Object.entries(integrations)) {
    if (!/^[a-z0-9_]+$/.test(name))
      throw new ValidationError(
        `integrations.${name}`,
        'integration names are lower-case letters, digits and _',
      );
    out[`integrations_${name}`] = requireText(externalId, `integrations.${name}`);
  }
  return out;
}

/** The body of a user create (`firstName` is sent as `name`). */
export function userCreateBody(user: UserCreate): Record<string, unknown> {
  return {
    name: requireText(user?.firstName, 'firstName'),
    last_name: requireText(user.lastName, 'lastName'),
    username: requireText(user.username, 'username'),
    email: requireText(user.email, 'email'),
    password: assertPassword(user.password),
    ...integrationFields(user.integrations),
  };
}

/** The body of a user update. */
export function userUpdateBody(patch: UserUpdate): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (patch?.firstName !== undefined) body.name = requireText(patch.firstName, 'firstName');
  if (patch?.lastName !== undefined) body.last_name = requireText(patch.lastName, 'lastName');
  if (patch?.email !== undefined) body.email = requireText(patch.email, 'email');
  Object.assign(body, integrationFields(patch?.integrations));
  return nonEmptyPatch(body);
}

/** The body of an integration update; the storage setting is nested under `settings` as on create. */
export function integrationUpdateBody(patch: {
  name?: string;
  description?: string;
  dataStorageMinutes?: number;
}): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (patch?.name !== undefined) body.name = requireText(patch.name, 'name');
  if (patch?.description !== undefined) body.description = patch.description;
  if (patch?.dataStorageMinutes !== undefined)
    body.settings = { data_storage_minutes: assertDataStorageMinutes(patch.dataStorageMinutes) };
  return nonEmptyPatch(body);
}

/** The body of a metadata field create. */
export function metadataCreateBody(field: MetadataCreate): Record<string, unknown> {
  const fieldId = assertFieldId(field?.fieldId);
  const type = assertMetadataType(field.type);
  assertNotReservedDatetime(fieldId, type);
  const allowed = field.allowed === undefined ? [] : requireAllowedList(field.allowed, 'allowed');
  if (type === 'list' && allowed.length === 0)
    throw new ValidationError('allowed', 'must list the accepted values of a list field');
  if (field.required !== undefined && typeof field.required !== 'boolean')
    throw new ValidationError('required', 'must be a boolean');
  return {
    field_id: fieldId,
    type,
    allowed,
    required: field.required ?? false,
    available_in: field.availableIn === undefined ? [] : assertAvailability(field.availableIn),
  };
}

/** The body of a metadata field update. */
export function metadataUpdateBody(patch: MetadataUpdate): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (patch?.fieldId !== undefined) body.field_id = assertFieldId(patch.fieldId);
  if (patch?.type !== undefined) body.type = assertMetadataType(patch.type);
  if (patch?.fieldId !== undefined) assertNotReservedDatetime(patch.fieldId, patch.type);
  if (patch?.allowed !== undefined) body.allowed = requireAllowedList(patch.allowed, 'allowed');
  if (patch?.required !== undefined) {
    if (typeof patch.required !== 'boolean') throw new ValidationError('required', 'must be a boolean');
    body.required = patch.required;
  }
  if (patch?.availableIn !== undefined) body.available_in = assertAvailability(patch.availableIn);
  return nonEmptyPatch(body);
}

function nonEmptyPatch(body: Record<string, unknown>): Record<string, unknown> {
  if (Object.keys(body).length === 0) throw new ValidationError('patch', 'must change at least one field');
  return body;
}
