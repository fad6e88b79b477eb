import { qa } from '@voxbridge/playvox/wire';
import type { PlayvoxRulesConfig } from './config.js';
import { fieldError, Problems } from './errors.js';
import type {
  Attachment,
  CommentType,
  IntegrationRecord,
  MetadataAvailability,
  MetadataField,
  MetadataType,
  MetadataValue,
} from './types.js';

/** A request body known to be a JSON object. */
export type Body = Record<string, unknown>;

const {
  COMMENT_TYPES,
  FIELD_ID_PATTERN,
  MAX_DATA_STORAGE_MINUTES,
  MAX_INTERACTION_ID_LENGTH,
  METADATA_TYPES,
} = qa;
const AVAILABILITIES = qa.METADATA_AVAILABILITY;

/** True for an ISO 8601 date-time that names its zone (`Z` or an offset up to 14 hours) and is a real calendar time. */
export function isIsoDateTimeWithZone(value: unknown): value is string {
  return qa.isZonedDateTime(value, 14);
}

/** The body as an object, or a 400 naming `body`. */
export function requireObject(body: unknown): Body {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw fieldError(400, 'body', 'must be a JSON object');
  return body as Body;
}

const nonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** What a metadata create or update may set. */
export type MetadataInput = Partial<Omit<MetadataField, '_id'>>;

/**
 * Checks a metadata body. On create `field_id` and `type` are required. `others` are the
 * integration's other fields (for uniqueness, answered with 409). `integration_id` is tolerated
 * because python-playvox sends it.
 */
export function validateMetadata(
  body: Body,
  mode: 'create' | 'update',
  others: readonly MetadataField[],
  rules: PlayvoxRulesConfig,
  current?: MetadataField,
): MetadataInput {
  const problems = new Problems();
  const out: MetadataInput = {};
  for (const key of Object.keys(body)) {
    if (!['field_id', 'type', 'allowed', 'required', 'available_in', 'integration_id'].includes(key))
      problems.add(key, 'unknown key');
  }
  if (body.field_id !== undefined || mode === 'create') {
    const id = body.field_id;
    if (typeof id !== 'string' || !FIELD_ID_PATTERN.test(id))
      problems.add('field_id', 'must be 3-30 characters of a-z and _');
    else if (rules.reservedFieldIds.includes(id)) problems.add('field_id', `'${id}' is reserved by Playvox`);
    else out.field_id = id;
  }
  if (body.type !== undefined || mode === 'create') {
    if (!(METADATA_TYPES as readonly unknown[]).includes(body.type))
      problems.add('type', `must be one of ${METADATA_TYPES.join(', ')}`);
    else out.type = body.type as MetadataType;
  }
  if (body.allowed !== undefined && body.allowed !== null) {
    const allowed = body.allowed;
    if (!Array.isArray(allowed) || allowed.some((v) => typeof v !== 'string' && typeof v !== 'number'))
      problems.add('allowed', 'must be a list of strings or numbers');
    else out.allowed = [...new Set(allowed as Array<string | number>)];
  }
  if (body.required !== undefined) {
    if (typeof body.required !== 'boolean') problems.add('required', 'must be a boolean');
    else out.required = body.required;
  }
  if (body.available_in !== undefined && body.available_in !== null) {
    const list = body.available_in;
    if (!Array.isArray(list) || list.some((v) => !(AVAILABILITIES as readonly unknown[]).includes(v)))
      problems.add('available_in', 'must be a list of filters, display');
    else out.available_in = [...new Set(list as MetadataAvailability[])];
  }
  if (body.integration_id !== undefined && typeof body.integration_id !== 'string')
    problems.add('integration_id', 'must be a string');
  const type = out.type ?? current?.type;
  const allowed = out.allowed ?? current?.allowed ?? [];
  if (type === 'list' && allowed.length === 0 && !problems.list.some((p) => p.field === 'allowed'))
    problems.add('allowed', 'must list at least one value for a list field');
  problems.throwIfAny();
  if (out.field_id !== undefined && others.some((field) => field.field_id === out.field_id))
    throw fieldError(409, 'field_id', `'${out.field_id}' already exists in this integration`);
  return out;
}

/** Who is a Playvox user, for the optional assignee and author checks. */
export type LoginExists = (usernameOrEmail: string) => boolean;

/** A checked interaction: the external id, the assignee and the metadata values. */
export interface InteractionInput {
  interaction_id?: string;
  assignee_id?: string;
  metadata: Record<string, MetadataValue>;
}

/** A create-mode interaction that passed the checks (so both ids are present). */
export type NewInteraction = InteractionInput & { interaction_id: string; assignee_id: string };

const fieldMaps = new WeakMap<readonly MetadataField[], Map<string, MetadataField>>();

/** The integration's fields by `field_id` (cached per metadata list; lists are replaced, never edited). */
export function fieldsById(metadata: readonly MetadataField[]): Map<string, MetadataField> {
  let map = fieldMaps.get(metadata);
  if (!map) {
    map = new Map(metadata.map((field) => [field.field_id, field]));
    fieldMaps.set(metadata, map);
  }
  return map;
}

/** True when the integration has a datetime field (needed before it accepts interactions). */
export function hasDatetimeField(integration: IntegrationRecord): boolean {
  return integration.metadata.some((field) => field.type === 'datetime');
}

function checkValue(problems: Problems, path: string, field: MetadataField, value: unknown): void {
  if (value === null) {
    if (field.required) problems.add(path, 'is required');
    return;
  }
  const allowed = field.allowed;
  switch (field.type) {
    case 'string':
      if (typeof value !== 'string') problems.add(path, 'must be a string');
      else if (allowed.length > 0 && !allowed.includes(value))
        problems.add(path, `must be one of the allowed values (${allowed.join(', ')})`);
      return;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) problems.add(path, 'must be an integer');
      return;
    case 'float':
      if (typeof value !== 'number' || !Number.isFinite(value)) problems.add(path, 'must be a number');
      return;
    case 'boolean':
      if (typeof value !== 'boolean') problems.add(path, 'must be a boolean');
      return;
    case 'datetime':
      if (!isIsoDateTimeWithZone(value))
        problems.add(path, 'must be an ISO 8601 date-time with a zone offset or Z');
      return;
    case 'list': {
      const values = Array.isArray(value) ? value : [value];
      if (field.required && values.length === 0) problems.add(path, 'is required');
      const bad = values.find((v) => !allowed.includes(v as string | number));
      if (bad !== undefined)
        problems.add(path, `'${String(bad)}' is not one of the allowed values (${allowed.join(', ')})`);
    }
  }
}

/**
 * Checks an interaction body against the integration's metadata: known keys only, values of the
 * right type and in `allowed`, required fields present (on create). `prefix` names bulk items
 * (`[3].`); `extraKeys` are keys the caller handles itself (a bulk item's `comments`).
 */
export function validateInteraction(
  body: Body,
  integration: IntegrationRecord,
  mode: 'create' | 'update',
  rules: PlayvoxRulesConfig,
  loginExists: LoginExists,
  problems: Problems,
  extraKeys: readonly string[] = [],
): InteractionInput {
  const fields = fieldsById(integration.metadata);
  const out: InteractionInput = { metadata: {} };
  // Object.keys, not Object.entries: no pair array per key (bulk jobs run this for every item).
  for (const key of Object.keys(body)) {
    const value = body[key];
    if (key === 'interaction_id') {
      if (typeof value !== 'string' || value.length < 1 || value.length > MAX_INTERACTION_ID_LENGTH)
        problems.add(key, `must be a string of 1-${MAX_INTERACTION_ID_LENGTH} characters`);
      else out.interaction_id = value;
    } else if (key === 'assignee_id') {
      if (!nonEmptyString(value))
        problems.add(key, 'must be a non-empty string (a Playvox username or email)');
      else if (rules.assigneeMustExist && !loginExists(value))
        problems.add(key, `'${value}' is not the username or email of a Playvox user`);
      else out.assignee_id = value;
    } else if (extraKeys.includes(key)) {
      // handled by the caller
    } else {
      const field = fields.get(key);
      if (!field) problems.add(key, 'unknown key (not a metadata field of this integration)');
      else {
        checkValue(problems, key, field, value);
        out.metadata[key] = value as MetadataValue;
      }
    }
  }
  if (mode === 'create') {
    if (body.interaction_id === undefined) problems.add('interaction_id', 'is required');
    if (body.assignee_id === undefined) problems.add('assignee_id', 'is required');
    for (const field of integration.metadata)
      if (field.required && body[field.field_id] === undefined) problems.add(field.field_id, 'is required');
  }
  return out;
}

/** A checked comment. */
export interface CommentInput {
  body?: string;
  type?: CommentType;
  author_id?: string;
  added_at?: string;
  attachments?: Attachment[];
}

/** A create-mode comment that passed the checks (so body, type and author are present). */
export type NewComment = CommentInput & { body: string; type: CommentType; author_id: string };

/** Checks a comment body: `body`, `type`, `author_id` required on create; `added_at` ISO with zone. */
export function validateComment(
  input: Body,
  mode: 'create' | 'update',
  rules: PlayvoxRulesConfig,
  loginExists: LoginExists,
  problems: Problems,
  prefix = '',
): CommentInput {
  const out: CommentInput = {};
  const allowedKeys =
    mode === 'create' ? ['body', 'type', 'author_id', 'added_at', 'attachments'] : ['body', 'added_at'];
  for (const key of Object.keys(input))
    if (!allowedKeys.includes(key))
      problems.add(
        prefix + key,
        mode === 'update' && ['type', 'author_id'].includes(key) ? 'cannot be changed' : 'unknown key',
      );
  if (input.body !== undefined || mode === 'create') {
    if (!nonEmptyString(input.body)) problems.add(`${prefix}body`, 'must be a non-empty string');
    else out.body = input.body;
  }
  if (mode === 'create') {
    if (!(COMMENT_TYPES as readonly unknown[]).includes(input.type))
      problems.add(`${prefix}type`, `must be one of ${COMMENT_TYPES.join(', ')}`);
    else out.type = input.type as CommentType;
    if (!nonEmptyString(input.author_id))
      problems.add(`${prefix}author_id`, 'must be a non-empty string (a Playvox username or email)');
    else if (rules.authorMustExist && !loginExists(input.author_id))
      problems.add(
        `${prefix}author_id`,
        `'${input.author_id}' is not the username or email of a Playvox user`,
      );
    else out.author_id = input.author_id;
  }
  if (input.added_at !== undefined && input.added_at !== null) {
    if (!isIsoDateTimeWithZone(input.added_at))
      problems.add(`${prefix}added_at`, 'must be an ISO 8601 date-time with a zone offset or Z');
    else out.added_at = input.added_at;
  }
  if (input.attachments !== undefined) {
    const checked = qa.commentCreate.shape.attachments.safeParse(input.attachments);
    if (checked.success) out.attachments = checked.data;
    else
      for (const issue of checked.error.issues)
        problems.add(
          `${prefix}attachments${issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}`,
          issue.message,
        );
  }
  return out;
}

/** A checked integration body. */
export interface IntegrationInput {
  name?: string;
  description?: string;
  data_storage_minutes?: number;
}

/** Checks an integration body; `settings.data_storage_minutes` or a flat `data_storage_minutes`. */
export function validateIntegration(body: Body, mode: 'create' | 'update'): IntegrationInput {
  const problems = new Problems();
  const out: IntegrationInput = {};
  for (const key of Object.keys(body))
    if (!['name', 'description', 'settings', 'data_storage_minutes'].includes(key))
      problems.add(key, 'unknown key');
  if (body.name !== undefined || mode === 'create') {
    if (!nonEmptyString(body.name) || body.name.length > 100)
      problems.add('name', 'must be a non-empty string of at most 100 characters');
    else out.name = body.name.trim();
  }
  if (body.description !== undefined) {
    if (typeof body.description !== 'string') problems.add('description', 'must be a string');
    else out.description = body.description;
  }
  let minutes: unknown = body.data_storage_minutes;
  let minutesField = 'data_storage_minutes';
  if (body.settings !== undefined) {
    if (typeof body.settings !== 'object' || body.settings === null || Array.isArray(body.settings))
      problems.add('settings', 'must be an object');
    else {
      for (const key of Object.keys(body.settings))
        if (key !== 'data_storage_minutes') problems.add(`settings.${key}`, 'unknown key');
      const nested = (body.settings as Body).data_storage_minutes;
      if (nested !== undefined) {
        minutes = nested;
        minutesField = 'settings.data_storage_minutes';
      }
    }
  }
  if (minutes !== undefined || mode === 'create') {
    if (
      typeof minutes !== 'number' ||
      !Number.isInteger(minutes) ||
      minutes < 1 ||
      minutes > MAX_DATA_STORAGE_MINUTES
    )
      problems.add(minutesField, `must be an integer from 1 to ${MAX_DATA_STORAGE_MINUTES}`);
    else out.data_storage_minutes = minutes;
  }
  problems.throwIfAny();
  return out;
}

/** Checks a list of user ids (`team_leader_id`, `users`): every id must be a user. */
export function validateUserIds(
  problems: Problems,
  field: string,
  value: unknown,
  userExists: (id: string) => boolean,
): string[] | undefined {
  if (!Array.isArray(value)) {
    problems.add(field, 'must be a list of user ids');
    return undefined;
  }
  value.forEach((id, i) => {
    if (typeof id !== 'string' || !userExists(id))
      problems.add(`${field}[${i}]`, `'${String(id)}' is not a user id`);
  });
  return [...new Set(value as string[])];
}

/** The password rule: at least 10 characters with a digit, an upper-case and a lower-case letter. */
export const isStrongPassword = qa.isStrongPassword;

/** A plausible email address. */
export function isEmail(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 254 && qa.EMAIL_PATTERN.test(value);
}

/** Checks a non-empty string field, recording `must be a non-empty string`. */
export function checkText(
  problems: Problems,
  body: Body,
  key: string,
  required: boolean,
): string | undefined {
  const value = body[key];
  if (value === undefined && !required) return undefined;
  if (!nonEmptyString(value)) {
    problems.add(key, 'must be a non-empty string');
    return undefined;
  }
  return value;
}
