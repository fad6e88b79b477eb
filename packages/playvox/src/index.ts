/**
 * @voxbridge/playvox — typed client of the Playvox QA REST API v1 (teams, users, custom integrations,
 * metadata, interactions, bulk jobs, comments, QA data, campaigns), built on @voxbridge/core.
 * @packageDocumentation
 */
export * from './client.js';
export * from './errors.js';
export type {
  BulkCreatedItem,
  BulkCreateOptions,
  BulkItemError,
  BulkItemFailure,
  BulkJobsOutcome,
  WaitForJobsOptions,
} from './resources/bulk.js';
export { Comments } from './resources/comments.js';
export {
  type FileSource,
  Files,
  type FileUpload,
  type HostedFile,
  type UploadOptions,
} from './resources/files.js';
export { Integrations } from './resources/integrations.js';
export { Interactions } from './resources/interactions.js';
export { Campaigns, ListResource } from './resources/qa-data.js';
export { Teams, Users } from './resources/teams-users.js';
export { DEFAULT_PER_PAGE } from './serialize.js';
export type { CallOptions } from './transport.js';
export * from './types.js';
export { assertFieldId, assertPassword, toPlayvoxDateTime } from './validation.js';
export * from './wfm/index.js';
// The documented rules live in the wire contract; the client exports them under their historical names.
export {
  COMMENT_TYPES,
  FIELD_ID_PATTERN,
  isZonedDateTime,
  MAX_ATTACHMENTS,
  MAX_BULK_ITEMS,
  MAX_DATA_STORAGE_MINUTES,
  MAX_FILE_BYTES,
  MAX_INTERACTION_ID_LENGTH,
  MAX_PER_PAGE,
  METADATA_AVAILABILITY,
  METADATA_TYPES,
  RESERVED_DATETIME_FIELD_IDS,
} from './wire/qa/rules.js';
