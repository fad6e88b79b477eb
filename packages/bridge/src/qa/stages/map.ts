import type { BridgeConfig, MetadataFieldConfig } from '../../config/schema.js';
import type { DeliveryPayload } from '../../store/types.js';
import { maskContacts } from './privacy.js';
import type { AttachedRecording } from './recordings.js';
import { alternativesOf, fillTemplate, readPath, segmentsOf } from './template.js';

/** Playvox's largest file (10 MiB), which an attachment's `size` may not exceed. */
const MAX_ATTACHMENT_BYTES = 10_485_760;

/** A comment of the payload; the recording comment carries its file as a Playvox attachment. */
export type MappedComment = DeliveryPayload['comments'][number] & {
  attachments?: Array<{ url: string; name: string; content_type: string; size: number }>;
};

/** A string field whose source path holds an empty string (a Context Data key without a value) keeps it. */
function keptEmpty(field: MetadataFieldConfig, record: Record<string, unknown>, from: string): unknown {
  if (field.type !== 'string') return undefined;
  for (const path of alternativesOf(from)) {
    let value: unknown = record;
    for (const part of segmentsOf(path))
      value =
        value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
    if (value === '') return '';
  }
  return undefined;
}

/** The ISO time of the event a comment reports: the first of `paths` (`a|b`) that reads as a time. */
function eventTime(record: Record<string, unknown>, paths: string): string | undefined {
  for (const path of alternativesOf(paths)) {
    const value = readPath(record, path);
    const time = typeof value === 'string' || typeof value === 'number' ? new Date(value) : undefined;
    if (time && !Number.isNaN(time.getTime())) return time.toISOString();
  }
  return undefined;
}

/**
 * The comment that gives the evaluator the call's recording: the Playvox-hosted file (uploaded) or
 * LiveVox's URL (linked), as an attachment, dated at the call's end. Part of the payload, so it is
 * delivered exactly once with the interaction.
 */
function recordingComment(
  config: BridgeConfig,
  record: Record<string, unknown>,
  assignee: string,
): MappedComment | undefined {
  const recording = record.recording as AttachedRecording | undefined;
  if (!recording?.url) return undefined;
  const at = eventTime(record, 'endAt|end|timestamp');
  const seconds = recording.talkSeconds === undefined ? '' : `, ${recording.talkSeconds} s talk`;
  const how =
    recording.how === 'uploaded'
      ? 'attached'
      : `linked from LiveVox${recording.note ? ` (${recording.note})` : ''}`;
  return {
    body: `Call recording ${recording.name}${seconds}: ${how}. ${recording.url}`,
    type: 'internal_note',
    author_id: config.recordings.author ?? assignee,
    ...(at ? { added_at: at } : {}),
    // Playvox attachments declare a size of at most 10 MiB: a larger recording is a link in the body.
    ...(recording.size !== undefined && recording.size <= MAX_ATTACHMENT_BYTES
      ? {
          attachments: [
            {
              url: recording.url,
              name: recording.name,
              content_type: recording.contentType,
              size: recording.size,
            },
          ],
        }
      : {}),
  };
}

/** A record that cannot be mapped; the reason names the field and the rule. */
export class MappingError extends Error {
  override name = 'MappingError';
}

/** Reads epoch ms (number or digit string) or ISO text into a Date. */
function toDate(value: unknown): Date | undefined {
  let date: Date | undefined;
  if (value instanceof Date) date = value;
  else if (typeof value === 'number') date = new Date(value);
  else if (typeof value === 'string') date = new Date(/^\d{10,}$/.test(value) ? Number(value) : value);
  // An out-of-range epoch (1e20) makes an Invalid Date, whose toISOString throws: treat it as no date.
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

/** Converts a source value to a metadata field's type, or throws a MappingError naming the field. */
export function convertValue(field: MetadataFieldConfig, value: unknown, source: string): unknown {
  const where = () => `metadata.${field.fieldId} (from ${source})`;
  switch (field.type) {
    case 'datetime': {
      const date = toDate(value);
      if (!date)
        throw new MappingError(
          `${where()}: ${JSON.stringify(value)} is not a timestamp (epoch ms or ISO 8601)`,
        );
      return date.toISOString();
    }
    case 'integer': {
      const n = typeof value === 'number' ? value : Number(value);
      if (!Number.isInteger(n))
        throw new MappingError(`${where()}: ${JSON.stringify(value)} is not an integer`);
      return n;
    }
    case 'float': {
      const n = typeof value === 'number' ? value : Number(value);
      if (!Number.isFinite(n)) throw new MappingError(`${where()}: ${JSON.stringify(value)} is not a number`);
      return n;
    }
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      if (value === 1 || value === '1' || value === 'true') return true;
      if (value === 0 || value === '0' || value === 'false') return false;
      throw new MappingError(`${where()}: ${JSON.stringify(value)} is not a boolean`);
    }
    case 'list':
    case 'string': {
      const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
      if (field.allowed.length > 0 && !field.allowed.includes(text)) {
        throw new MappingError(
          `${where()}: ${JSON.stringify(text)} is not one of the allowed values ${field.allowed.join(', ')}`,
        );
      }
      return text;
    }
  }
}

/** Chooses the Playvox assignee (username or email) for a record, per the mapping's mode. */
export function resolveAssignee(
  assignee: BridgeConfig['mapping']['assignee'],
  record: Record<string, unknown>,
): string {
  const login = readPath(record, 'agentLoginId');
  let result: string | undefined;
  if (assignee.mode === 'login') result = login === undefined ? undefined : String(login);
  else if (assignee.mode === 'table')
    result = login === undefined ? undefined : assignee.table[String(login)];
  else if (assignee.mode === 'lookup') result = readPath(record, 'assignee') as string | undefined;
  else result = fillTemplate(assignee.template, record);
  result ??= assignee.fallback;
  if (!result) {
    const why =
      login === undefined
        ? 'the record has no agentLoginId'
        : assignee.mode === 'lookup'
          ? `agent ${String(login)} has no Playvox user`
          : `agent ${String(login)} is not in mapping.assignee.table`;
    throw new MappingError(`assignee_id: ${why} and mapping.assignee.fallback is not set`);
  }
  return result;
}

/**
 * The metadata of a record: each `mapping.fields` rule's value converted to its field's type and
 * checked against the integration's schema. `partial` (an in-place update built from late events
 * alone) leaves out what has no value and does not check required fields: Playvox keeps the values an
 * update does not name.
 */
export function mapMetadata(
  config: BridgeConfig,
  raw: Record<string, unknown>,
  options: { partial?: boolean } = {},
): Record<string, unknown> {
  return metadataOf(config, config.privacy.maskContacts ? maskContacts(raw) : raw, options.partial ?? false);
}

/** The integration's metadata fields by id, made once per configuration (every record is mapped with it). */
const fieldsByConfig = new WeakMap<BridgeConfig, Map<string, MetadataFieldConfig>>();

function fieldsOf(config: BridgeConfig): Map<string, MetadataFieldConfig> {
  let fields = fieldsByConfig.get(config);
  if (!fields) {
    fields = new Map(config.playvox.metadata.map((f) => [f.fieldId, f]));
    fieldsByConfig.set(config, fields);
  }
  return fields;
}

function metadataOf(
  config: BridgeConfig,
  record: Record<string, unknown>,
  partial: boolean,
): Record<string, unknown> {
  const fields = fieldsOf(config);
  const metadata: Record<string, unknown> = {};
  for (const rule of config.mapping.fields) {
    const field = fields.get(rule.field);
    if (!field)
      throw new MappingError(`mapping.fields: ${rule.field} is not a metadata field of the integration`);
    // `from` may list alternatives (`start|timestamp`): the first with a value wins.
    let found: unknown;
    for (const path of alternativesOf(rule.from)) {
      found = readPath(record, path);
      if (found !== undefined) break;
    }
    // A default stands in for a missing value at creation; a partial update must not overwrite with it.
    const value = found ?? (partial ? undefined : (rule.default ?? keptEmpty(field, record, rule.from)));
    if (value === undefined) continue;
    metadata[field.fieldId] = convertValue(field, value, rule.from);
  }
  if (partial) return metadata;
  for (const field of config.playvox.metadata) {
    if (field.required && metadata[field.fieldId] === undefined) {
      const rule = config.mapping.fields.find((r) => r.field === field.fieldId);
      throw new MappingError(
        `metadata.${field.fieldId}: is required, but ${rule ? `record field "${rule.from}" is empty` : 'no mapping.fields rule fills it'}`,
      );
    }
  }
  return metadata;
}

/**
 * Maps an assembled record to the Playvox item: metadata converted to each field's type and checked
 * against the integration's schema (required fields, allowed values), the assignee, and the comments
 * whose rules apply.
 */
export function mapRecord(
  config: BridgeConfig,
  interactionId: string,
  raw: Record<string, unknown>,
): DeliveryPayload {
  const record = config.privacy.maskContacts ? maskContacts(raw) : raw;
  const metadata = metadataOf(config, record, false);
  const assignee = resolveAssignee(config.mapping.assignee, record);
  const comments: MappedComment[] = [];
  for (const rule of config.mapping.comments) {
    if (rule.when !== undefined && readPath(record, rule.when) === undefined) continue;
    const body = fillTemplate(rule.template, record);
    const at = eventTime(record, rule.at);
    if (body !== undefined)
      comments.push({ body, type: rule.type, author_id: rule.author, ...(at ? { added_at: at } : {}) });
  }
  const recording = recordingComment(config, record, assignee);
  if (recording) comments.push(recording);
  return { interaction_id: interactionId, assignee_id: assignee, metadata, comments };
}
