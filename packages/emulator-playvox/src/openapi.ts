import { PLAYVOX_SCHEMAS } from './openapi-schemas.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown) => ({ 'application/json': { schema } });
const reply = (description: string, schema: unknown) => ({ description, content: json(schema) });
const errorReplies = (...statuses: number[]) =>
  Object.fromEntries(
    [401, 429, ...statuses].map((status) => [
      String(status),
      {
        description: ERROR_MEANING[status] ?? 'error',
        content: json(ref('Error')),
        ...(status === 429 ? { headers: RATE_HEADERS } : {}),
      },
    ]),
  );
const ERROR_MEANING: Record<number, string> = {
  400: 'malformed JSON, bad list parameter or too many bulk items',
  401: 'missing or invalid HTTP Basic credentials',
  404: 'unknown id',
  409: 'duplicate unique name',
  422: 'a value breaks a rule; the message is `<field>: <rule>`',
  429: 'rate limit exceeded',
};
const RATE_HEADERS = {
  'Retry-After': { schema: { type: 'integer' }, description: 'seconds to wait' },
  'X-RateLimit-Remaining': { schema: { type: 'integer' } },
  'X-RateLimit-Reset': { schema: { type: 'integer' }, description: 'epoch seconds' },
};
const pathId = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
});
const LIST_PARAMS = ['page', 'per_page', 'query', 'fields', 'sort', 'include'].map((name) => ({
  $ref: `#/components/parameters/${name}`,
}));

/** A GET collection operation answering the list envelope with items of `item`. */
const listOp = (summary: string, item: string, parameters: unknown[] = []) => ({
  get: {
    summary,
    parameters: [...parameters, ...LIST_PARAMS],
    responses: {
      '200': reply('a page of records', {
        allOf: [ref('ListEnvelope'), { properties: { result: { type: 'array', items: ref(item) } } }],
      }),
      ...errorReplies(400, ...(parameters.length > 0 ? [404] : [])),
    },
  },
});
const body = (schema: unknown) => ({ required: true, content: json(schema) });
const oneResult = (schema: unknown) => ({
  type: 'object',
  required: ['success', 'result'],
  properties: { success: { const: true }, result: schema },
});
const success = { '200': reply('done', ref('Success')) };

const integrationId = pathId('integrationId', 'the integration _id');
const interactionId = pathId('interactionId', 'the Playvox _id returned when the interaction was created');
const teamId = pathId('teamId', 'the team _id');
const userId = pathId('userId', 'the user _id');
const campaignId = pathId('campaignId', 'the campaign _id');
const metadataId = pathId('metadataId', 'the metadata field _id');
const commentId = pathId('commentId', 'the comment _id');

/** The OpenAPI 3.1 document of what the emulator serves (`GET /_emulator/openapi.json`). */
export function buildPlayvoxOpenApi(): Record<string, unknown> {
  const teamUpdate = {
    summary: 'Update a team (lists replace)',
    parameters: [teamId],
    requestBody: body(ref('TeamInput')),
    responses: { ...success, ...errorReplies(404, 409, 422) },
  };
  const userUpdate = {
    summary: 'Update, deactivate or activate a user',
    parameters: [userId],
    requestBody: body(ref('UserUpdate')),
    responses: { ...success, ...errorReplies(404, 409, 422) },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Playvox QA API v1 (voxbridge emulator)',
      version: '1.0.0',
      description:
        'What @voxbridge/emulator-playvox serves; the wire contract is docs/playvox-wire.md. Auth: HTTP Basic uid:key on every route.',
    },
    servers: [{ url: 'http://127.0.0.1:4010' }],
    security: [{ basicAuth: [] }],
    paths: {
      '/api/v1/coachings': listOp('List coachings', 'Coaching'),
      '/api/v1/learning-results': listOp('List learning results', 'LearningResult'),
      '/api/v1/calibrations': listOp('List calibrations', 'Calibration'),
      '/api/v1/evaluations': listOp('List evaluations', 'Evaluation'),
      '/api/v1/scorecards': listOp('List scorecards', 'Scorecard'),
      '/api/v1/roles': listOp('List roles', 'Role'),
      '/api/v1/campaigns': listOp('List performance campaigns', 'Campaign'),
      '/api/v1/campaigns/{campaignId}': {
        get: {
          summary: 'Get one campaign',
          parameters: [campaignId],
          responses: { '200': reply('the campaign', oneResult(ref('Campaign'))), ...errorReplies(404) },
        },
      },
      '/api/v1/campaigns/{campaignId}/actions': {
        get: {
          summary: 'Campaign variables (o=vars-by-type) or users (o=users)',
          parameters: [
            campaignId,
            { name: 'o', in: 'query', required: true, schema: { enum: ['vars-by-type', 'users'] } },
          ],
          responses: {
            '200': reply(
              'variables or users',
              oneResult({
                oneOf: [
                  { type: 'array', items: ref('CampaignVar') },
                  { type: 'array', items: ref('User') },
                ],
              }),
            ),
            ...errorReplies(400, 404),
          },
        },
      },
      '/api/v1/campaigns/{campaignId}/metrics': {
        post: {
          summary: 'Send metric rows (200 even with row errors)',
          parameters: [campaignId],
          requestBody: body({
            oneOf: [ref('MetricsRow'), { type: 'array', minItems: 1, items: ref('MetricsRow') }],
          }),
          responses: {
            '200': reply('rows taken and row errors', ref('MetricsResult')),
            ...errorReplies(400, 404),
          },
        },
      },
      '/api/v1/teams': {
        ...listOp('List teams', 'Team'),
        post: {
          summary: 'Create a team',
          requestBody: body(ref('TeamInput')),
          responses: { '200': reply('created', ref('CreatedInResult')), ...errorReplies(400, 409, 422) },
        },
      },
      '/api/v1/teams/{teamId}': {
        put: teamUpdate,
        post: { ...teamUpdate, summary: 'Update a team (POST, as python-playvox sends)' },
        delete: {
          summary: 'Delete a team',
          parameters: [teamId],
          responses: { ...success, ...errorReplies(404) },
        },
      },
      '/api/v1/teams/{teamId}/users': {
        post: {
          summary: 'Add a user to a team',
          parameters: [teamId],
          requestBody: body(ref('TeamMember')),
          responses: { ...success, ...errorReplies(404, 422) },
        },
      },
      '/api/v1/teams/{teamId}/users/{userId}': {
        delete: {
          summary: 'Remove a user from a team',
          parameters: [teamId, userId],
          responses: { ...success, ...errorReplies(404) },
        },
      },
      '/api/v1/users': {
        ...listOp('List users', 'User'),
        post: {
          summary: 'Create a user',
          requestBody: body(ref('UserCreate')),
          responses: { '200': reply('created', ref('CreatedInResult')), ...errorReplies(400, 409, 422) },
        },
      },
      '/api/v1/users/{userId}': {
        put: userUpdate,
        post: { ...userUpdate, summary: 'Update a user (POST, as python-playvox sends)' },
      },
      '/api/v1/integrations': {
        ...listOp('List integrations', 'Integration'),
        post: {
          summary: 'Create an integration',
          requestBody: body(ref('IntegrationInput')),
          responses: { '200': reply('created', ref('CreatedTopLevel')), ...errorReplies(400, 409, 422) },
        },
      },
      '/api/v1/integrations/{integrationId}': {
        get: {
          summary: 'Get one integration with its metadata',
          parameters: [integrationId],
          responses: { '200': reply('the integration', oneResult(ref('Integration'))), ...errorReplies(404) },
        },
        put: {
          summary: 'Update an integration',
          parameters: [integrationId],
          requestBody: body(ref('IntegrationInput')),
          responses: { ...success, ...errorReplies(400, 404, 409, 422) },
        },
        delete: {
          summary: 'Delete an integration with its interactions',
          parameters: [integrationId],
          responses: { ...success, ...errorReplies(404) },
        },
      },
      '/api/v1/integrations/{integrationId}/metadata': {
        post: {
          summary: 'Add a metadata field',
          parameters: [integrationId],
          requestBody: body(ref('MetadataInput')),
          responses: {
            '200': reply('every field of the integration', ref('MetadataCreated')),
            ...errorReplies(400, 404, 409, 422),
          },
        },
      },
      '/api/v1/integrations/{integrationId}/metadata/{metadataId}': {
        put: {
          summary: 'Update a metadata field',
          parameters: [integrationId, metadataId],
          requestBody: body(ref('MetadataInput')),
          responses: { ...success, ...errorReplies(400, 404, 409, 422) },
        },
        delete: {
          summary: 'Delete a metadata field',
          parameters: [integrationId, metadataId],
          responses: { ...success, ...errorReplies(404) },
        },
      },
      '/api/v1/integrations/{integrationId}/interactions': {
        ...listOp("List an integration's interactions", 'Interaction', [integrationId]),
        post: {
          summary: 'Create an interaction (not deduplicated on interaction_id)',
          parameters: [integrationId],
          requestBody: body(ref('InteractionInput')),
          responses: { '200': reply('created', ref('CreatedTopLevel')), ...errorReplies(400, 404, 422) },
        },
      },
      '/api/v1/integrations/{integrationId}/interactions/{interactionId}': {
        put: {
          summary: "Update an interaction's values",
          parameters: [integrationId, interactionId],
          requestBody: body(ref('InteractionUpdate')),
          responses: { ...success, ...errorReplies(400, 404, 422) },
        },
        delete: {
          summary: 'Delete an interaction and its comments',
          parameters: [integrationId, interactionId],
          responses: { ...success, ...errorReplies(404) },
        },
      },
      '/api/v1/integrations/{integrationId}/bulk/interactions': {
        post: {
          summary: 'Queue a bulk job of 1..100 interactions',
          parameters: [integrationId],
          requestBody: body({ type: 'array', minItems: 1, maxItems: 100, items: ref('BulkItem') }),
          responses: { '200': reply('the queued job', ref('BulkCreated')), ...errorReplies(400, 404, 422) },
        },
      },
      '/api/v1/jobs/{jobId}': {
        get: {
          summary: 'Status of a bulk job',
          parameters: [pathId('jobId', 'the job _id')],
          responses: { '200': reply('the job', oneResult(ref('Job'))), ...errorReplies(404) },
        },
      },
      '/api/v1/interactions': listOp('List the interactions of every integration', 'Interaction'),
      '/api/v1/interactions/{interactionId}/comments': {
        ...listOp("List an interaction's comments", 'Comment', [interactionId]),
        post: {
          summary: 'Add a comment',
          parameters: [interactionId],
          requestBody: body(ref('CommentInput')),
          responses: { '200': reply('created', ref('CreatedInResult')), ...errorReplies(400, 404, 422) },
        },
      },
      '/api/v1/interactions/{interactionId}/comments/{commentId}': {
        put: {
          summary: 'Update a comment',
          parameters: [interactionId, commentId],
          requestBody: body(ref('CommentUpdate')),
          responses: { ...success, ...errorReplies(400, 404, 422) },
        },
        delete: {
          summary: 'Delete a comment',
          parameters: [interactionId, commentId],
          responses: { ...success, ...errorReplies(404) },
        },
      },
      '/_emulator/truth': {
        get: {
          summary: 'Ground truth for end-to-end tests (admin, loopback only, no auth)',
          security: [],
          responses: { '200': reply('counts of what the emulator holds', ref('Truth')) },
        },
      },
    },
    components: {
      securitySchemes: {
        basicAuth: { type: 'http', scheme: 'basic', description: 'uid as user, API key as password' },
      },
      parameters: {
        page: { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, default: 1 } },
        per_page: {
          name: 'per_page',
          in: 'query',
          schema: { type: 'integer', minimum: 1, maximum: 100, default: 12 },
        },
        query: {
          name: 'query',
          in: 'query',
          description:
            'JSON filter: {"field": value} equality, or operators $eq $ne $in $nin $gt $gte $lt $lte $exists; dotted paths reach nested fields',
          schema: { type: 'string' },
        },
        fields: {
          name: 'fields',
          in: 'query',
          description: 'comma-separated top-level fields; _id always kept',
          schema: { type: 'string' },
        },
        sort: {
          name: 'sort',
          in: 'query',
          description: 'comma-separated fields; - prefix descending, + or none ascending',
          schema: { type: 'string' },
        },
        include: {
          name: 'include',
          in: 'query',
          description: 'all embeds related objects',
          schema: { enum: ['', 'all'] },
        },
      },
      schemas: PLAYVOX_SCHEMAS,
    },
  };
}
