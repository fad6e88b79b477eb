import { WFM_OPENAPI_SCHEMAS } from './openapi-schemas.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const answer = (description: string, schema: unknown) => ({ description, ...json(schema) });
const list = (item: string, paged: boolean) =>
  answer(paged ? 'A page; `nextPageToken` is present when a further page exists.' : 'Every record.', {
    type: 'object',
    properties: {
      data: { type: 'array', items: ref(item) },
      ...(paged ? { nextPageToken: { type: 'string' } } : {}),
    },
    required: ['data'],
  });
const one = (item: string) =>
  answer('The record.', { type: 'object', properties: { data: ref(item) }, required: ['data'] });
const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [String(status), answer('Error.', ref('Error'))]));
const query = (name: string, description: string, required = false, format?: string) => ({
  name,
  in: 'query',
  required,
  description,
  schema: { type: 'string', ...(format ? { format } : {}) },
});
const integration = {
  name: 'integration',
  in: 'path',
  required: true,
  description: 'Integration alias (gladly, livevox, …).',
  schema: { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]{0,63}$' },
};
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'integer' } };
const paging = [
  query('pageSize', 'Records per page (emulator extension).'),
  query('nextPageToken', 'The token of the previous page; alone it repeats the original query.'),
];
const DESIGN = 'Designed by voxbridge after the public read shapes: Playvox does not publish this endpoint.';
const designed = { 'x-voxbridge-design': true };
const inboundBody = (item: string) => ({
  required: true,
  ...json({
    oneOf: [
      {
        type: 'object',
        properties: { events: { type: 'array', items: ref(item), minItems: 1 } },
        required: ['events'],
      },
      { type: 'array', items: ref(item), minItems: 1 },
      ref(item),
    ],
  }),
});

const USER_MAPPING = {
  type: 'object',
  properties: { userId: { type: 'integer' }, email: { type: 'string' }, identifier: { type: 'string' } },
  required: ['userId', 'email', 'identifier'],
};
const USER_MAPPING_RESULT = {
  type: 'object',
  properties: {
    email: { type: ['string', 'null'] },
    userId: { type: ['integer', 'null'] },
    identifier: { type: ['string', 'null'] },
    outcome: { enum: ['mapped', 'cleared', 'unchanged', 'unknown_user'] },
    previous: { type: ['string', 'null'] },
    takenFrom: { type: ['integer', 'null'] },
  },
  required: ['email', 'userId', 'identifier', 'outcome', 'previous', 'takenFrom'],
};

const usersGet = {
  summary: 'Organisation users, paged with nextPageToken',
  security: [{ bearer: [] }],
  parameters: paging,
  responses: { 200: list('User', true), ...errors(400, 401, 429) },
};

/** The OpenAPI 3.1 document of the WFM emulator (`GET /_emulator/openapi.json`). */
export function wfmOpenApi(): unknown {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Playvox WFM (emulated by voxbridge)',
      version: '0.1.0',
      description:
        'Read endpoints follow the public material (tap-playvox, Fivetran and R clients). Endpoints marked `x-voxbridge-design` ' +
        '(task definition and workstream writes, the inbound agent-status and contacts endpoints, the unmatched report) are ' +
        "voxbridge's design: Playvox's inbound API is not public. Inbound events are idempotent by eventId per integration.",
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        basic: { type: 'http', scheme: 'basic' },
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
      },
      schemas: WFM_OPENAPI_SCHEMAS,
    },
    paths: {
      '/api/authority/token': {
        post: {
          summary:
            'Issue an access token (HTTP Basic accessKeyId:secret); /api/authorisation/token is an alias',
          security: [{ basic: [] }],
          requestBody: {
            content: {
              'application/x-www-form-urlencoded': {
                schema: { type: 'object', properties: { grant_type: { const: 'client_credentials' } } },
              },
            },
          },
          responses: {
            200: answer(
              'The token; the lifetime is in `expiresIn` or `expireIn` seconds (configurable).',
              ref('Token'),
            ),
            ...errors(400, 401),
          },
        },
      },
      '/api/organisation/users': { get: usersGet },
      '/organisation/users': {
        get: { ...usersGet, summary: 'The same list on a regional host (no /api prefix)' },
      },
      '/api/schedule/tasks/definitions': {
        get: {
          summary: 'Task definitions',
          security: [{ bearer: [] }],
          responses: { 200: list('TaskDefinition', false), ...errors(401) },
        },
        post: {
          summary: 'Create a task definition',
          description: DESIGN,
          ...designed,
          security: [{ bearer: [] }],
          requestBody: { required: true, ...json(ref('TaskDefinitionInput')) },
          responses: { 201: one('TaskDefinition'), ...errors(401, 409, 422) },
        },
      },
      '/api/schedule/tasks/definitions/{id}': {
        parameters: [idParam],
        get: {
          summary: 'One task definition',
          security: [{ bearer: [] }],
          responses: { 200: one('TaskDefinition'), ...errors(401, 404) },
        },
        put: {
          summary: 'Change a task definition (given fields only)',
          description: DESIGN,
          ...designed,
          security: [{ bearer: [] }],
          requestBody: { required: true, ...json(ref('TaskDefinitionInput')) },
          responses: { 200: one('TaskDefinition'), ...errors(401, 404, 409, 422) },
        },
      },
      '/api/workactivity/workstreams': {
        get: {
          summary: 'Workstreams',
          description: DESIGN,
          ...designed,
          security: [{ bearer: [] }],
          responses: { 200: list('Workstream', false), ...errors(401) },
        },
        post: {
          summary: 'Create a workstream',
          description: DESIGN,
          ...designed,
          security: [{ bearer: [] }],
          requestBody: { required: true, ...json(ref('WorkstreamInput')) },
          responses: { 201: one('Workstream'), ...errors(401, 409, 422) },
        },
      },
      '/api/workactivity/workstreams/{id}': {
        parameters: [idParam],
        get: {
          summary: 'One workstream',
          description: DESIGN,
          ...designed,
          security: [{ bearer: [] }],
          responses: { 200: one('Workstream'), ...errors(401, 404) },
        },
        put: {
          summary: 'Change a workstream (given fields only)',
          description: DESIGN,
          ...designed,
          security: [{ bearer: [] }],
          requestBody: { required: true, ...json(ref('WorkstreamInput')) },
          responses: { 200: one('Workstream'), ...errors(401, 404, 409, 422) },
        },
      },
      '/api/workactivity/tasks': {
        get: {
          summary:
            'Agent-status intervals (task data) whose start lies in [taskStartTimeFrom, taskStartTimeTo)',
          security: [{ bearer: [] }],
          parameters: [
            query('taskStartTimeFrom', 'ISO 8601 with a zone.', false, 'date-time'),
            query('taskStartTimeTo', 'ISO 8601 with a zone.', false, 'date-time'),
            ...paging,
          ],
          responses: { 200: list('TaskInterval', true), ...errors(400, 401) },
        },
      },
      '/api/workactivity/workstreams/metrics/agents': {
        get: {
          summary: 'Agent metrics by date, user and channel (derived from received contacts)',
          security: [{ bearer: [] }],
          parameters: [
            query('startTime', 'ISO 8601 with a zone.', true, 'date-time'),
            query('endTime', 'ISO 8601 with a zone; default now.', false, 'date-time'),
            query('userGrouping', 'true (default) or false.'),
            query('dateGrouping', 'true (default) or false.'),
          ],
          responses: { 200: answer('Metrics.', ref('AgentMetrics')), ...errors(400, 401) },
        },
      },
      '/api/workactivity/integrations/{integration}/agent-status': {
        parameters: [integration],
        post: {
          summary: 'Send agent-status events; each becomes a task interval of the matching task definition',
          description: `${DESIGN} A repeated eventId is accepted and ignored (outcome duplicate). A batch is checked whole before any of it applies.`,
          ...designed,
          security: [{ bearer: [] }],
          requestBody: inboundBody('AgentStatusEvent'),
          responses: {
            200: answer('Per-event outcomes.', ref('InboundSummary')),
            ...errors(400, 401, 422, 429),
          },
        },
      },
      '/api/workactivity/integrations/{integration}/contacts': {
        parameters: [integration],
        post: {
          summary: 'Send contact events (created/closed), matched to workstreams',
          description: `${DESIGN} A repeated eventId is accepted and ignored (outcome duplicate).`,
          ...designed,
          security: [{ bearer: [] }],
          requestBody: inboundBody('ContactEvent'),
          responses: {
            200: answer('Per-event outcomes.', ref('InboundSummary')),
            ...errors(400, 401, 422, 429),
          },
        },
        get: {
          summary: 'Contacts received for the integration',
          description: DESIGN,
          ...designed,
          security: [{ bearer: [] }],
          responses: { 200: list('Contact', false), ...errors(401) },
        },
      },
      '/api/workactivity/integrations/{integration}/unmatched': {
        parameters: [integration],
        get: {
          summary: 'Statuses and contacts kept without a single match (no match, several, unknown user)',
          description: DESIGN,
          ...designed,
          security: [{ bearer: [] }],
          responses: { 200: list('Issue', false), ...errors(401) },
        },
      },
      '/api/workactivity/integrations/{integration}/user-mappings': {
        parameters: [integration],
        get: {
          summary: "Users holding an identifier of the integration (the user's id in that system)",
          description: DESIGN,
          ...designed,
          security: [{ bearer: [] }],
          responses: {
            200: answer('Every mapping.', {
              type: 'object',
              properties: { data: { type: 'array', items: USER_MAPPING } },
              required: ['data'],
            }),
            ...errors(400, 401),
          },
        },
        post: {
          summary:
            'Set (or with identifier null, remove) users’ identifiers in the integration, by email or user id',
          description: `${DESIGN} An identifier names one user: giving it to another user takes it away from the first. The list is checked whole before any change applies.`,
          ...designed,
          security: [{ bearer: [] }],
          requestBody: {
            required: true,
            ...json({
              type: 'object',
              properties: {
                mappings: {
                  type: 'array',
                  minItems: 1,
                  maxItems: 1000,
                  items: {
                    type: 'object',
                    properties: {
                      email: { type: 'string' },
                      userId: { type: 'integer' },
                      identifier: { type: ['string', 'null'] },
                    },
                    required: ['identifier'],
                  },
                },
              },
              required: ['mappings'],
            }),
          },
          responses: {
            200: answer('Per-mapping outcomes.', {
              type: 'object',
              properties: { data: { type: 'array', items: USER_MAPPING_RESULT } },
              required: ['data'],
            }),
            ...errors(400, 401, 422, 429),
          },
        },
      },
      '/_emulator/truth': {
        get: {
          summary: 'Counts of what the emulator received and made of it',
          responses: { 200: { description: 'Truth.' } },
        },
      },
      '/_emulator/unmatched': {
        get: {
          summary: 'The issue report across integrations',
          responses: { 200: { description: 'Issues.' } },
        },
      },
      '/_emulator/clock': {
        get: { summary: 'Emulated time', responses: { 200: { description: 'Clock.' } } },
        post: {
          summary: 'Move emulated time ({ advanceMs }) or change its speed ({ speed })',
          responses: { 200: { description: 'Clock.' } },
        },
      },
      '/_emulator/tokens': {
        get: {
          summary: 'Token counts (issued, active, revoked); never the values',
          responses: { 200: { description: 'Counts.' } },
        },
        delete: {
          summary: 'Revoke every issued token',
          responses: { 200: { description: 'Revoked count.' } },
        },
      },
      '/_emulator/users': {
        post: {
          summary: 'Add or update users ({ email, firstName?, lastName?, integrations?: { alias: id } })',
          responses: { 200: { description: 'The users.' } },
        },
      },
    },
  };
}
