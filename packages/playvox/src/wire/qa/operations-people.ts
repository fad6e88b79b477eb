/** Operations of the seeded QA data, performance campaigns, teams and users. */
import { operation, type WireOperation } from '@voxbridge/core';
import { z } from 'zod';
import {
  answer,
  createdInResult,
  errors,
  listEnvelope,
  listQuery,
  oneResult,
  pathId,
  success,
} from './common.js';
import { REQUEST_EXAMPLES, RESPONSE_EXAMPLES } from './examples.js';
import * as records from './records.js';
import * as requests from './requests.js';

/** Every path of the API starts here. */
export const API_PREFIX = '/api/v1';

const examplesOf = (operationId: string) => ({
  ...(REQUEST_EXAMPLES[operationId] ? { requestExamples: REQUEST_EXAMPLES[operationId] } : {}),
  ...(RESPONSE_EXAMPLES[operationId] ? { responseExamples: RESPONSE_EXAMPLES[operationId] } : {}),
});

/** A collection GET with the list parameters. */
export function listOperation(
  operationId: string,
  path: string,
  summary: string,
  item: z.ZodType,
  params?: z.ZodObject,
  tags: readonly string[] = ['QA data'],
): WireOperation {
  return {
    operationId,
    method: 'GET',
    path: `${API_PREFIX}${path}`,
    summary,
    tags,
    ...(params ? { params } : {}),
    query: listQuery,
    responses: {
      200: answer('a page of records', listEnvelope(item)),
      ...errors(400, ...(params ? [404] : [])),
    },
  };
}

/** Builds a write operation, attaching the seed examples of its id. */
export function writeOperation<const T extends WireOperation>(op: T): T {
  return operation({ ...op, ...examplesOf(op.operationId) });
}

/** A DELETE answered `{ success: true }`, or a 404 naming the unknown id. */
export function deletion(
  operationId: string,
  path: string,
  summary: string,
  params: z.ZodObject,
  tags: readonly string[],
): WireOperation {
  const responses = { 200: answer('done', success), ...errors(404) };
  return { operationId, method: 'DELETE', path: `${API_PREFIX}${path}`, summary, tags, params, responses };
}

/** A PUT or POST with a body, answered `{ success: true }`; `statuses` are its error answers besides 401/429. */
export function change(
  operationId: string,
  method: 'PUT' | 'POST',
  path: string,
  summary: string,
  tags: readonly string[],
  parts: { params?: z.ZodObject; body: z.ZodType },
  statuses: readonly number[] = [400, 404, 422],
): WireOperation {
  const responses = { 200: answer('done', success), ...errors(...statuses) };
  return writeOperation({
    operationId,
    method,
    path: `${API_PREFIX}${path}`,
    summary,
    tags,
    ...parts,
    responses,
  });
}

const campaignParams = z.object({ campaignId: pathId('the campaign _id') });
const teamParams = z.object({ teamId: pathId('the team _id') });
const userParams = z.object({ userId: pathId('the user _id') });

/** `GET coachings` … `GET roles`, `GET campaigns`: the seeded, read-only collections. */
export const listCoachings = listOperation('listCoachings', '/coachings', 'List coachings', records.coaching);
/** `GET learning-results`. */
export const listLearningResults = listOperation(
  'listLearningResults',
  '/learning-results',
  'List learning results',
  records.learningResult,
);
/** `GET calibrations`. */
export const listCalibrations = listOperation(
  'listCalibrations',
  '/calibrations',
  'List calibrations',
  records.calibration,
);
/** `GET evaluations`. */
export const listEvaluations = listOperation(
  'listEvaluations',
  '/evaluations',
  'List evaluations',
  records.evaluation,
);
/** `GET scorecards`. */
export const listScorecards = listOperation(
  'listScorecards',
  '/scorecards',
  'List scorecards',
  records.scorecard,
);
/** `GET roles`. */
export const listRoles = listOperation('listRoles', '/roles', 'List roles', records.role);
/** `GET campaigns`. */
export const listCampaigns = listOperation(
  'listCampaigns',
  '/campaigns',
  'List performance campaigns',
  records.campaign,
);

/** `GET campaigns/{campaignId}`. */
export const getCampaign = operation({
  operationId: 'getCampaign',
  method: 'GET',
  path: `${API_PREFIX}/campaigns/{campaignId}`,
  summary: 'Get one campaign',
  tags: ['campaigns'],
  params: campaignParams,
  responses: { 200: answer('the campaign', oneResult(records.campaign)), ...errors(404) },
});

/** `GET campaigns/{campaignId}/actions?o=vars-by-type|users`. */
export const getCampaignActions = operation({
  operationId: 'getCampaignActions',
  method: 'GET',
  path: `${API_PREFIX}/campaigns/{campaignId}/actions`,
  summary: 'Campaign variables (o=vars-by-type) or users (o=users)',
  tags: ['campaigns'],
  params: campaignParams,
  query: z.object({ o: z.enum(['vars-by-type', 'users']).describe('what to read') }),
  responses: {
    200: answer(
      'variables or users',
      oneResult(z.union([z.array(records.campaignVar), z.array(records.user)])),
    ),
    ...errors(400, 404),
  },
});

/** `POST campaigns/{campaignId}/metrics`: 200 even when rows are refused. */
export const sendCampaignMetrics = writeOperation({
  operationId: 'sendCampaignMetrics',
  method: 'POST',
  path: `${API_PREFIX}/campaigns/{campaignId}/metrics`,
  summary: 'Send metric rows (200 even with row errors)',
  tags: ['campaigns'],
  params: campaignParams,
  body: requests.metricsCreate,
  responses: { 200: answer('rows taken and row errors', records.metricsResult), ...errors(400, 404) },
});

/** `GET teams`. */
export const listTeams = listOperation('listTeams', '/teams', 'List teams', records.team, undefined, [
  'teams',
]);

/** `POST teams`. */
export const createTeam = writeOperation({
  operationId: 'createTeam',
  method: 'POST',
  path: `${API_PREFIX}/teams`,
  summary: 'Create a team',
  tags: ['teams'],
  body: requests.teamCreate,
  responses: { 200: answer('created', createdInResult), ...errors(400, 409, 422) },
});

const teamUpdate = { params: teamParams, body: requests.teamUpdate };

/** `PUT teams/{teamId}`: the lists replace the current ones. */
export const updateTeam = change(
  'updateTeam',
  'PUT',
  '/teams/{teamId}',
  'Update a team (lists replace)',
  ['teams'],
  teamUpdate,
  [400, 404, 409, 422],
);

/** `POST teams/{teamId}`: the same update, as python-playvox sends it. */
export const updateTeamByPost = change(
  'updateTeamByPost',
  'POST',
  '/teams/{teamId}',
  'Update a team (POST, as python-playvox sends)',
  ['teams'],
  teamUpdate,
  [400, 404, 409, 422],
);

/** `POST teams/{teamId}/users`. */
export const addTeamUser = change(
  'addTeamUser',
  'POST',
  '/teams/{teamId}/users',
  'Add a user to a team',
  ['teams'],
  {
    params: teamParams,
    body: requests.teamMember,
  },
);

/** `DELETE teams/{teamId}/users/{userId}`. */
export const removeTeamUser = deletion(
  'removeTeamUser',
  '/teams/{teamId}/users/{userId}',
  'Remove a user from a team',
  teamParams.extend(userParams.shape),
  ['teams'],
);

/** `DELETE teams/{teamId}`. */
export const deleteTeam = deletion('deleteTeam', '/teams/{teamId}', 'Delete a team', teamParams, ['teams']);

/** `GET users`. */
export const listUsers = listOperation('listUsers', '/users', 'List users', records.user, undefined, [
  'users',
]);

/** `POST users`. */
export const createUser = writeOperation({
  operationId: 'createUser',
  method: 'POST',
  path: `${API_PREFIX}/users`,
  summary: 'Create a user',
  tags: ['users'],
  body: requests.userCreate,
  responses: { 200: answer('created', createdInResult), ...errors(400, 409, 422) },
});

const userUpdate = { params: userParams, body: requests.userUpdate };

/** `PUT users/{userId}`: update, deactivate or activate. */
export const updateUser = change(
  'updateUser',
  'PUT',
  '/users/{userId}',
  'Update, deactivate or activate a user',
  ['users'],
  userUpdate,
  [400, 404, 409, 422],
);

/** `POST users/{userId}`: the same, as python-playvox sends it. */
export const updateUserByPost = change(
  'updateUserByPost',
  'POST',
  '/users/{userId}',
  'Update, deactivate or activate a user (POST, as python-playvox sends)',
  ['users'],
  userUpdate,
  [400, 404, 409, 422],
);
