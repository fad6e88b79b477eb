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

/** What {@link catalogOperations} builds the list, get, create and update operations of. */
interface CatalogSpec<R extends z.ZodType, I extends z.ZodType, P extends z.ZodType> {
  /** `TaskDefinition` → `listTaskDefinitions`, `getTaskDefinition`, … */
  name: string;
  /** `task definition`, for the summaries. */
  noun: string;
  path: string;
  record: R;
  input: I;
  patch: P;
  /** True when even the reads are voxbridge's design (no public client reads them). */
  designedReads: boolean;
  createExamples?: Record<string, { summary: string; value: unknown }>;
}

/** The list, get, create (designed) and update (designed) operations of a Playvox setting. */
function catalogOperations<R extends z.ZodType, I extends z.ZodType, P extends z.ZodType>(
  spec: CatalogSpec<R, I, P>,
) {
  const reads = spec.designedReads ? designed : { tags: ['setup'] };
  const one = { 200: { description: `The ${spec.noun}.`, schema: data(spec.record) } };
  return {
    list: operation({
      operationId: `list${spec.name}s`,
      method: 'GET',
      path: spec.path,
      summary: `Every ${spec.noun}`,
      ...reads,
      responses: {
        200: { description: `Every ${spec.noun}.`, schema: data(z.array(spec.record)) },
        ...errors(401),
      },
    }),
    get: operation({
      operationId: `get${spec.name}`,
      method: 'GET',
      path: `${spec.path}/{id}`,
      summary: `One ${spec.noun}`,
      ...reads,
      params: idParams,
      responses: { ...one, ...errors(401, 404) },
    }),
    create: operation({
      operationId: `create${spec.name}`,
      method: 'POST',
      path: spec.path,
      summary: `Create a ${spec.noun}`,
      ...designed,
      body: spec.input,
      responses: {
        201: { description: `The new ${spec.noun}.`, schema: data(spec.record) },
        ...errors(401, 409, 422),
      },
      ...(spec.createExamples ? { requestExamples: spec.createExamples } : {}),
    }),
    update: operation({
      operationId: `update${spec.name}`,
      method: 'PUT',
      path: `${spec.path}/{id}`,
      summary: `Change a ${spec.noun} (given fields only; lists and maps replace)`,
      ...designed,
      params: idParams,
      body: spec.patch,
      responses: { ...one, ...errors(401, 404, 409, 422) },
    }),
  };
}

const taskDefinitions = catalogOperations({
  name: 'TaskDefinition',
  noun: 'task definition',
  path: '/api/schedule/tasks/definitions',
  record: taskDefinition,
  input: taskDefinitionInput,
  patch: taskDefinitionPatch,
  designedReads: false,
  createExamples: SEED_TASK_DEFINITIONS,
});

const workstreams = catalogOperations({
  name: 'Workstream',
  noun: 'workstream',
  path: '/api/workactivity/workstreams',
  record: workstream,
  input: workstreamInput,
  patch: workstreamPatch,
  designedReads: true,
  createExamples: SEED_WORKSTREAMS,
});

/** `GET /api/schedule/tasks/definitions` (an R script reads it). */
export const listTaskDefinitions = taskDefinitions.list;
/** `GET /api/schedule/tasks/definitions/{id}`. */
export const getTaskDefinition = taskDefinitions.get;
/** `POST /api/schedule/tasks/definitions` (voxbridge's design); the seed's Tasks table as examples. */
export const createTaskDefinition = taskDefinitions.create;
/** `PUT /api/schedule/tasks/definitions/{id}` (voxbridge's design): changes the given fields. */
export const updateTaskDefinition = taskDefinitions.update;
/** `GET /api/workactivity/workstreams` (voxbridge's design). */
export const listWorkstreams = workstreams.list;
/** `GET /api/workactivity/workstreams/{id}` (voxbridge's design). */
export const getWorkstream = workstreams.get;
/** `POST /api/workactivity/workstreams` (voxbridge's design); the seed's Workstreams example. */
export const createWorkstream = workstreams.create;
/** `PUT /api/workactivity/workstreams/{id}` (voxbridge's design). */
export const updateWorkstream = workstreams.update;
