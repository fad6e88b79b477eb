/**
 * The Playvox QA wire contract (`@voxbridge/playvox/wire` → `qa`): zod schemas of every request and
 * answer, and the operations that pair them with methods and paths. The client infers its types from
 * these schemas; the emulator serves and documents these operations.
 */
import type { WireOperation } from '@voxbridge/core';
import type { z } from 'zod';
import * as content from './operations-content.js';
import * as files from './operations-files.js';
import * as people from './operations-people.js';
import type * as records from './records.js';

export * from './common.js';
export { EXAMPLE_IDS, REQUEST_EXAMPLES, RESPONSE_EXAMPLES } from './examples.js';
export * from './operations-content.js';
export * from './operations-files.js';
export * from './operations-people.js';
export * from './records.js';
export * from './requests.js';
export * from './rules.js';

/** Every operation of the Playvox QA API, in the order the emulator registers them. */
export const OPERATIONS: readonly WireOperation[] = [
  people.listCoachings,
  people.listLearningResults,
  people.listCalibrations,
  people.listEvaluations,
  people.listScorecards,
  people.listRoles,
  people.listCampaigns,
  people.getCampaign,
  people.getCampaignActions,
  people.sendCampaignMetrics,
  people.listTeams,
  people.createTeam,
  people.updateTeam,
  people.updateTeamByPost,
  people.addTeamUser,
  people.removeTeamUser,
  people.deleteTeam,
  people.listUsers,
  people.createUser,
  people.updateUser,
  people.updateUserByPost,
  content.listIntegrations,
  content.getIntegration,
  content.createIntegration,
  content.updateIntegration,
  content.deleteIntegration,
  content.addMetadata,
  content.updateMetadata,
  content.deleteMetadata,
  content.listIntegrationInteractions,
  content.createInteraction,
  content.updateInteraction,
  content.deleteInteraction,
  content.bulkCreateInteractions,
  content.getJob,
  content.listInteractions,
  content.listComments,
  content.createComment,
  content.updateComment,
  content.deleteComment,
  files.uploadFile,
  files.downloadFile,
];

/** A metadata field type. */
export type MetadataType = z.infer<typeof records.metadataType>;
/** Where a metadata field is available. */
export type MetadataAvailability = z.infer<typeof records.metadataAvailability>;
/** A comment type. */
export type CommentType = z.infer<typeof records.commentType>;
/** A bulk job status. */
export type JobStatus = z.infer<typeof records.jobStatus>;
/** A metadata field as sent. */
export type MetadataField = z.infer<typeof records.metadataField>;
/** A stored metadata value. */
export type MetadataValue = z.infer<typeof records.metadataValue>;
/** A per-item failure of a bulk job. */
export type JobItemError = z.infer<typeof records.jobItemError>;
/** A per-item success of a bulk job. */
export type JobItemResult = z.infer<typeof records.jobItemResult>;
/** An integration as sent. */
export type Integration = z.infer<typeof records.integration>;
/** An interaction as sent. */
export type Interaction = z.infer<typeof records.interaction>;
/** A comment attachment. */
export type Attachment = z.infer<typeof records.attachment>;
/** A file stored by the files endpoint, as sent. */
export type UploadedFile = z.infer<typeof records.uploadedFile>;
/** A comment as sent. */
export type Comment = z.infer<typeof records.comment>;
/** A bulk job as sent. */
export type Job = z.infer<typeof records.job>;
/** A user as sent. */
export type User = z.infer<typeof records.user>;
/** A team as sent. */
export type Team = z.infer<typeof records.team>;
