import { operation } from '@voxbridge/core';
import { z } from 'zod';
import { SEED_TASK_DEFINITIONS, SEED_WORKSTREAMS } from './examples.js';
import { data, errors, page } from './fields.js';
import {
  taskDefinitionInput,
  taskDefinitionPatch,
  tokenRequest,
  workstreamInput,
  workstreamPatch,
} from './inputs.js';
import { taskDefinition, token, user, workstream } from './models.js';

/** The note on every operation that Playvox does not publish: voxbridge designed it after the read shapes. */
export const WFM_DESIGN_NOTE =
  'Designed by voxbridge after the public read shapes: Playvox does not publish this endpoint.';

/** The tag of the designed operations (the emulator marks them `x-voxbridge-design` in its document). */
export const WFM_DESIGN_TAG = 'voxbridge design';

const designed = { description: WFM_DESIGN_NOTE, tags: [WFM_DESIGN_TAG] } as const;

const tokenOperation = <P extends string>(operationId: string, path: P, summary: string) =>
  operation({
    operationId,
    method: 'POST',
    path,
    summary,
    description:
      'HTTP Basic `accessKeyId:secret`. The answer carries the lifetime in `expiresIn` (tap-playvox) or `expireIn` (Fivetran) seconds.',
    tags: ['auth'],
    body: tokenRequest,
    bodyContentType: 'application/x-www-form-urlencoded',
    public: true,
    responses: {
      200: { description: 'The bearer token.', schema: data(token) },
      ...errors(400, 401),
    },
    requestExamples: {
      tapPlayvox: {
        summary: 'tap-playvox sends the grant type',
        value: { grant_type: 'client_credentials' },
      },
    },
  });

/** `POST /api/authority/token`: the spelling every public client uses. */
export const issueToken = tokenOperation(
  'issueToken',
  '/api/authority/token',
  'Issue an access token (HTTP Basic accessKeyId:secret)',
);

/** `POST /api/authorisation/token`: the spelling Playvox's own page also shows. */
export const issueTokenAuthorisation = tokenOperation(
  'issueTokenAuthorisation',
  '/api/authorisation/token',
  'Issue an access token (the /authorisation spelling of the same endpoint)',
);

/** The query of a `nextPageToken` list. */
export const pagingQuery = z.object({
  pageSize: z.coerce
    .number()
    .int()
    .min(1)
    .optional()
    .describe('Records per page (an emulator extension; Playvox chooses its own).'),
  nextPageToken: z
    .string()
    .optional()
    .describe("The previous page's token; alone it repeats the original query."),
});

const usersOperation = <P extends string>(operationId: string, path: P, summary: string) =>
  operation({
    operationId,
    method: 'GET',
    path,
    summary,
    tags: ['users'],
    query: pagingQuery,
    responses: {
      200: {
        description: 'A page; nextPageToken is present when a further page exists.',
        schema: page(user),
      },
      ...errors(400, 401, 429),
    },
  });

/** `GET /api/organisation/users`: the tenant's users, paged with `nextPageToken`. */
export const listUsers = usersOperation(
  'listUsers',
  '/api/organisation/users',
  'Organisation users, paged with nextPageToken',
);

/** `GET /organisation/users`: the same list on a regional host (no `/api` prefix; tap-playvox). */
export const listUsersRegional = usersOperation(
  'listUsersRegional',
  '/organisation/users',
  'Organisation users on a regional host (no /api prefix)',
);

/** The `{id}` of a task definition or workstream. */
export const idParams = z.object({ id: z.coerce.number().int().positive().describe('The numeric id.') });

/** `GET /api/schedule/tasks/definitions`. */
export const listTaskDefinitions = operation({
  operationId: 'listTaskDefinitions',
  method: 'GET',
  path: '/api/schedule/tasks/definitions',
  summary: 'Task definitions',
  tags: ['setup'],
  responses: {
    200: { description: 'Every task definition.', schema: data(z.array(taskDefinition)) },
    ...errors(401),
  },
});

/** `GET /api/schedule/tasks/definitions/{id}`. */
export const getTaskDefinition = operation({
  operationId: 'getTaskDefinition',
  method: 'GET',
  path: '/api/schedule/tasks/definitions/{id}',
  summary: 'One task definition',
  tags: ['setup'],
  params: idParams,
  responses: {
    200: { description: 'The task definition.', schema: data(taskDefinition) },
    ...errors(401, 404),
  },
});

/** `POST /api/schedule/tasks/definitions` (voxbridge's design). */
export const createTaskDefinition = operation({
  operationId: 'createTaskDefinition',
  method: 'POST',
  path: '/api/schedule/tasks/definitions',
  summary: 'Create a task definition',
  ...designed,
  body: taskDefinitionInput,
  responses: {
    201: { description: 'The new task definition.', schema: data(taskDefinition) },
    ...errors(401, 409, 422),
  },
  requestExamples: SEED_TASK_DEFINITIONS,
});

/** `PUT /api/schedule/tasks/definitions/{id}` (voxbridge's design): changes the given fields. */
export const updateTaskDefinition = operation({
  operationId: 'updateTaskDefinition',
  method: 'PUT',
  path: '/api/schedule/tasks/definitions/{id}',
  summary: 'Change a task definition (given fields only)',
  ...designed,
  params: idParams,
  body: taskDefinitionPatch,
  responses: {
    200: { description: 'The changed task definition.', schema: data(taskDefinition) },
    ...errors(401, 404, 409, 422),
  },
});

/** `GET /api/workactivity/workstreams` (voxbridge's design). */
export const listWorkstreams = operation({
  operationId: 'listWorkstreams',
  method: 'GET',
  path: '/api/workactivity/workstreams',
  summary: 'Workstreams',
  ...designed,
  responses: { 200: { description: 'Every workstream.', schema: data(z.array(workstream)) }, ...errors(401) },
});

/** `GET /api/workactivity/workstreams/{id}` (voxbridge's design). */
export const getWorkstream = operation({
  operationId: 'getWorkstream',
  method: 'GET',
  path: '/api/workactivity/workstreams/{id}',
  summary: 'One workstream',
  ...designed,
  params: idParams,
  responses: { 200: { description: 'The workstream.', schema: data(workstream) }, ...errors(401, 404) },
});

/** `POST /api/workactivity/workstreams` (voxbridge's design). */
export const createWorkstream = operation({
  operationId: 'createWorkstream',
  method: 'POST',
  path: '/api/workactivity/workstreams',
  summary: 'Create a workstream',
  ...designed,
  body: workstreamInput,
  responses: {
    201: { description: 'The new workstream.', schema: data(workstream) },
    ...errors(401, 409, 422),
  },
  requestExamples: SEED_WORKSTREAMS,
});

/** `PUT /api/workactivity/workstreams/{id}` (voxbridge's design). */
export const updateWorkstream = operation({
  operationId: 'updateWorkstream',
  method: 'PUT',
  path: '/api/workactivity/workstreams/{id}',
  summary: 'Change a workstream (given fields only)',
  ...designed,
  params: idParams,
  body: workstreamPatch,
  responses: {
    200: { description: 'The changed workstream.', schema: data(workstream) },
    ...errors(401, 404, 409, 422),
  },
});
