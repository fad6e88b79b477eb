/** Operations of custom integrations, their metadata, interactions, bulk jobs and comments. */
import { operation } from '@voxbridge/core';
import { z } from 'zod';
import { answer, createdInResult, createdTopLevel, errors, oneResult, pathId } from './common.js';
import { API_PREFIX, change, deletion, listOperation, writeOperation } from './operations-people.js';
import * as records from './records.js';
import * as requests from './requests.js';

const integrationParams = z.object({ integrationId: pathId('the integration _id') });
const metadataParams = integrationParams.extend({ metadataId: pathId('the metadata field _id') });
const interactionId = pathId('the Playvox _id returned when the interaction was created');
const scopedInteractionParams = integrationParams.extend({ interactionId });
const interactionParams = z.object({ interactionId });
const commentParams = interactionParams.extend({ commentId: pathId('the comment _id') });
const TAGS = ['custom integrations'] as const;

/** `GET integrations`: built-in and custom integrations. */
export const listIntegrations = listOperation(
  'listIntegrations',
  '/integrations',
  'List integrations',
  records.integration,
  undefined,
  TAGS,
);

/** `GET integrations/{integrationId}` with its metadata fields. */
export const getIntegration = operation({
  operationId: 'getIntegration',
  method: 'GET',
  path: `${API_PREFIX}/integrations/{integrationId}`,
  summary: 'Get one integration with its metadata',
  tags: TAGS,
  params: integrationParams,
  responses: { 200: answer('the integration', oneResult(records.integration)), ...errors(404) },
});

/** `POST integrations`: the new id comes back at the top level. */
export const createIntegration = writeOperation({
  operationId: 'createIntegration',
  method: 'POST',
  path: `${API_PREFIX}/integrations`,
  summary: 'Create an integration',
  tags: TAGS,
  body: requests.integrationCreate,
  responses: { 200: answer('created', createdTopLevel), ...errors(400, 409, 422) },
});

/** `PUT integrations/{integrationId}`. */
export const updateIntegration = change(
  'updateIntegration',
  'PUT',
  '/integrations/{integrationId}',
  'Update an integration',
  TAGS,
  { params: integrationParams, body: requests.integrationUpdate },
  [400, 404, 409, 422],
);

/** `DELETE integrations/{integrationId}`, with its interactions. */
export const deleteIntegration = deletion(
  'deleteIntegration',
  '/integrations/{integrationId}',
  'Delete an integration with its interactions',
  integrationParams,
  TAGS,
);

/** `POST integrations/{integrationId}/metadata`: answers every field of the integration. */
export const addMetadata = writeOperation({
  operationId: 'addMetadata',
  method: 'POST',
  path: `${API_PREFIX}/integrations/{integrationId}/metadata`,
  summary: 'Add a metadata field',
  tags: TAGS,
  params: integrationParams,
  body: requests.metadataCreate,
  responses: {
    200: answer('every field of the integration', records.metadataCreated),
    ...errors(400, 404, 409, 422),
  },
});

/** `PUT integrations/{integrationId}/metadata/{metadataId}`. */
export const updateMetadata = change(
  'updateMetadata',
  'PUT',
  '/integrations/{integrationId}/metadata/{metadataId}',
  'Update a metadata field',
  TAGS,
  { params: metadataParams, body: requests.metadataUpdate },
  [400, 404, 409, 422],
);

/** `DELETE integrations/{integrationId}/metadata/{metadataId}`. */
export const deleteMetadata = deletion(
  'deleteMetadata',
  '/integrations/{integrationId}/metadata/{metadataId}',
  'Delete a metadata field',
  metadataParams,
  TAGS,
);

/** `GET integrations/{integrationId}/interactions`. */
export const listIntegrationInteractions = listOperation(
  'listIntegrationInteractions',
  '/integrations/{integrationId}/interactions',
  "List an integration's interactions",
  records.interaction,
  integrationParams,
  TAGS,
);

/** `POST integrations/{integrationId}/interactions`: not deduplicated on `interaction_id`. */
export const createInteraction = writeOperation({
  operationId: 'createInteraction',
  method: 'POST',
  path: `${API_PREFIX}/integrations/{integrationId}/interactions`,
  summary: 'Create an interaction (not deduplicated on interaction_id)',
  tags: TAGS,
  params: integrationParams,
  body: requests.interactionCreate,
  responses: { 200: answer('created', createdTopLevel), ...errors(400, 404, 422) },
});

/** `PUT integrations/{integrationId}/interactions/{interactionId}`: values merge. */
export const updateInteraction = change(
  'updateInteraction',
  'PUT',
  '/integrations/{integrationId}/interactions/{interactionId}',
  "Update an interaction's values",
  TAGS,
  { params: scopedInteractionParams, body: requests.interactionUpdate },
);

/** `DELETE integrations/{integrationId}/interactions/{interactionId}`, with its comments. */
export const deleteInteraction = deletion(
  'deleteInteraction',
  '/integrations/{integrationId}/interactions/{interactionId}',
  'Delete an interaction and its comments',
  scopedInteractionParams,
  TAGS,
);

/** `POST integrations/{integrationId}/bulk/interactions`: queues a job. */
export const bulkCreateInteractions = writeOperation({
  operationId: 'bulkCreateInteractions',
  method: 'POST',
  path: `${API_PREFIX}/integrations/{integrationId}/bulk/interactions`,
  summary: 'Queue a bulk job of 1..100 interactions',
  description: 'Items are checked when the job runs; a refused item is a per-item error of the job.',
  tags: TAGS,
  params: integrationParams,
  body: requests.bulkCreate,
  responses: { 200: answer('the queued job', records.bulkQueued), ...errors(400, 404, 422) },
});

/** `GET jobs/{jobId}`. */
export const getJob = operation({
  operationId: 'getJob',
  method: 'GET',
  path: `${API_PREFIX}/jobs/{jobId}`,
  summary: 'Status of a bulk job',
  tags: TAGS,
  params: z.object({ jobId: pathId('the job _id') }),
  responses: { 200: answer('the job', oneResult(records.job)), ...errors(404) },
});

/** `GET interactions`: every interaction of every integration. */
export const listInteractions = listOperation(
  'listInteractions',
  '/interactions',
  'List the interactions of every integration',
  records.interaction,
  undefined,
  TAGS,
);

/** `GET interactions/{interactionId}/comments`. */
export const listComments = listOperation(
  'listComments',
  '/interactions/{interactionId}/comments',
  "List an interaction's comments",
  records.comment,
  interactionParams,
  TAGS,
);

/** `POST interactions/{interactionId}/comments`. */
export const createComment = writeOperation({
  operationId: 'createComment',
  method: 'POST',
  path: `${API_PREFIX}/interactions/{interactionId}/comments`,
  summary: 'Add a comment',
  tags: TAGS,
  params: interactionParams,
  body: requests.commentCreate,
  responses: { 200: answer('created', createdInResult), ...errors(400, 404, 422) },
});

/** `PUT interactions/{interactionId}/comments/{commentId}`. */
export const updateComment = change(
  'updateComment',
  'PUT',
  '/interactions/{interactionId}/comments/{commentId}',
  'Update a comment',
  TAGS,
  { params: commentParams, body: requests.commentUpdate },
);

/** `DELETE interactions/{interactionId}/comments/{commentId}`. */
export const deleteComment = deletion(
  'deleteComment',
  '/interactions/{interactionId}/comments/{commentId}',
  'Delete a comment',
  commentParams,
  TAGS,
);
