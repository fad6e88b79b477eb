/** Operations of custom integrations, their metadata, interactions, bulk jobs and comments. */
import { operation } from '@voxbridge/core';
import { z } from 'zod';
import { answer, createdInResult, createdTopLevel, errors, oneResult, pathId, success } from './common.js';
import { API_PREFIX, listOperation, writeOperation } from './operations-people.js';
import * as records from './records.js';
import * as requests from './requests.js';

const integrationParams = z.object({ integrationId: pathId('the integration _id') });
const metadataParams = integrationParams.extend({ metadataId: pathId('the metadata field _id') });
const interactionId = pathId('the Playvox _id returned when the interaction was created');
const scopedInteractionParams = integrationParams.extend({ interactionId });
const interactionParams = z.object({ interactionId });
const commentParams = interactionParams.extend({ commentId: pathId('the comment _id') });
const TAGS = ['custom integrations'] as const;
const done = { 200: answer('done', success) };

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
export const updateIntegration = writeOperation({
  operationId: 'updateIntegration',
  method: 'PUT',
  path: `${API_PREFIX}/integrations/{integrationId}`,
  summary: 'Update an integration',
  tags: TAGS,
  params: integrationParams,
  body: requests.integrationUpdate,
  responses: { ...done, ...errors(400, 404, 409, 422) },
});

/** `DELETE integrations/{integrationId}`, with its interactions. */
export const deleteIntegration = operation({
  operationId: 'deleteIntegration',
  method: 'DELETE',
  path: `${API_PREFIX}/integrations/{integrationId}`,
  summary: 'Delete an integration with its interactions',
  tags: TAGS,
  params: integrationParams,
  responses: { ...done, ...errors(404) },
});

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
export const updateMetadata = writeOperation({
  operationId: 'updateMetadata',
  method: 'PUT',
  path: `${API_PREFIX}/integrations/{integrationId}/metadata/{metadataId}`,
  summary: 'Update a metadata field',
  tags: TAGS,
  params: metadataParams,
  body: requests.metadataUpdate,
  responses: { ...done, ...errors(400, 404, 409, 422) },
});

/** `DELETE integrations/{integrationId}/metadata/{metadataId}`. */
export const deleteMetadata = operation({
  operationId: 'deleteMetadata',
  method: 'DELETE',
  path: `${API_PREFIX}/integrations/{integrationId}/metadata/{metadataId}`,
  summary: 'Delete a metadata field',
  tags: TAGS,
  params: metadataParams,
  responses: { ...done, ...errors(404) },
});

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
export const updateInteraction = writeOperation({
  operationId: 'updateInteraction',
  method: 'PUT',
  path: `${API_PREFIX}/integrations/{integrationId}/interactions/{interactionId}`,
  summary: "Update an interaction's values",
  tags: TAGS,
  params: scopedInteractionParams,
  body: requests.interactionUpdate,
  responses: { ...done, ...errors(400, 404, 422) },
});

/** `DELETE integrations/{integrationId}/interactions/{interactionId}`, with its comments. */
export const deleteInteraction = operation({
  operationId: 'deleteInteraction',
  method: 'DELETE',
  path: `${API_PREFIX}/integrations/{integrationId}/interactions/{interactionId}`,
  summary: 'Delete an interaction and its comments',
  tags: TAGS,
  params: scopedInteractionParams,
  responses: { ...done, ...errors(404) },
});

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
export const updateComment = writeOperation({
  operationId: 'updateComment',
  method: 'PUT',
  path: `${API_PREFIX}/interactions/{interactionId}/comments/{commentId}`,
  summary: 'Update a comment',
  tags: TAGS,
  params: commentParams,
  body: requests.commentUpdate,
  responses: { ...done, ...errors(400, 404, 422) },
});

/** `DELETE interactions/{interactionId}/comments/{commentId}`. */
export const deleteComment = operation({
  operationId: 'deleteComment',
  method: 'DELETE',
  path: `${API_PREFIX}/interactions/{interactionId}/comments/{commentId}`,
  summary: 'Delete a comment',
  tags: TAGS,
  params: commentParams,
  responses: { ...done, ...errors(404) },
});
