import { EVENT_ENTITIES, WEBHOOK_EVENT_TYPES } from './model.js';
import { WORK_SESSION_COLUMNS } from './routes-reports.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown) => ({ 'application/json': { schema } });
const errors = (description: string) => ({ description, content: json(ref('Errors')) });
const pathId = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });
const string = { type: 'string' };
const time = { type: 'string', format: 'date-time' };

function getOne(summary: string, schema: string, id: string) {
  return {
    get: {
      summary,
      parameters: [pathId(id)],
      responses: { 200: { description: schema, content: json(ref(schema)) }, 404: errors('not found') },
    },
  };
}

function getList(summary: string, schema: string) {
  return {
    get: {
      summary,
      responses: {
        200: {
          description: `${schema} list (not paginated)`,
          content: json({ type: 'array', items: ref(schema) }),
        },
      },
    },
  };
}

function admin(summary: string, method = 'post', requestBody?: unknown) {
  return {
    [method]: {
      summary,
      tags: ['Emulator'],
      security: [],
      ...(requestBody ? { requestBody: { content: json(requestBody) } } : {}),
      responses: { 200: { description: 'OK' }, 400: errors('bad request') },
    },
  };
}

/** The OpenAPI 3.1 document of what the Gladly emulator serves (`GET /_emulator/openapi.json`). */
export function gladlyOpenApi(): unknown {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Gladly API (voxbridge emulator)',
      version: '1.0',
      description:
        'The parts of the Gladly REST API voxbridge uses, over a simulated organisation, plus the emulator admin API under /_emulator/.',
    },
    servers: [{ url: '/' }],
    security: [{ basicAuth: [] }],
    // The kit adds the shared admin paths (health, reset, faults, config, stats, openapi.json).
    paths: {
      '/api/v1/agents': getList('List agents', 'Agent'),
      '/api/v1/agents/{agentId}': getOne('Get an agent', 'Agent', 'agentId'),
      '/api/v1/teams': getList('List teams', 'Team'),
      '/api/v1/teams/{teamId}': getOne('Get a team', 'Team', 'teamId'),
      '/api/v1/inboxes': getList('List inboxes', 'Inbox'),
      '/api/v1/inboxes/{inboxId}': getOne('Get an inbox', 'Inbox', 'inboxId'),
      '/api/v1/conversations/{conversationId}': getOne(
        'Get a conversation',
        'Conversation',
        'conversationId',
      ),
      '/api/v1/conversations/{conversationId}/items': {
        get: {
          summary: 'List the items of a conversation',
          parameters: [pathId('conversationId')],
          responses: {
            200: {
              description: 'items, oldest first',
              content: json({ type: 'array', items: ref('ConversationItem') }),
            },
            404: errors('no such conversation'),
          },
        },
      },
      '/api/v1/conversation-items/{itemId}': getOne('Get a conversation item', 'ConversationItem', 'itemId'),
      '/api/v1/events': {
        get: {
          summary: 'Events of the last 24 hours, streamed as JSON lines',
          parameters: [
            {
              name: 'startAt',
              in: 'query',
              required: true,
              schema: time,
              description: 'inclusive; within the last 24 hours',
            },
            {
              name: 'endAt',
              in: 'query',
              required: false,
              schema: time,
              description: 'exclusive; default now',
            },
            {
              name: 'entities',
              in: 'query',
              required: true,
              style: 'form',
              explode: true,
              schema: { type: 'array', items: { enum: [...EVENT_ENTITIES] } },
            },
          ],
          responses: {
            200: {
              description: 'one event per line',
              content: { 'application/x-jsonlines': { schema: ref('Event') } },
            },
            400: errors('bad startAt, endAt or entities'),
          },
        },
      },
      '/api/v1/webhooks': {
        get: {
          summary: 'List webhooks',
          responses: {
            200: { description: 'webhooks', content: json({ type: 'array', items: ref('Webhook') }) },
          },
        },
        post: {
          summary: 'Create a webhook (an enabled one must answer a PING with 200)',
          requestBody: { required: true, content: json(ref('WebhookInput')) },
          responses: {
            201: { description: 'created', headers: { Location: { schema: string } } },
            400: errors('invalid fields, PING failed, or 20 webhooks already'),
          },
        },
      },
      '/api/v1/webhooks/{webhookId}': {
        get: getOne('Get a webhook', 'Webhook', 'webhookId').get,
        patch: {
          summary: 'Update a webhook (enabling it or changing its url sends a PING)',
          parameters: [pathId('webhookId')],
          requestBody: { required: true, content: json(ref('WebhookInput')) },
          responses: {
            204: { description: 'updated' },
            400: errors('invalid fields or PING failed'),
            404: errors('no such webhook'),
          },
        },
        delete: {
          summary: 'Delete a disabled webhook',
          parameters: [pathId('webhookId')],
          responses: {
            204: { description: 'deleted' },
            400: errors('the webhook is enabled'),
            404: errors('no such webhook'),
          },
        },
      },
      '/api/v1/reports/work-session-events': {
        post: {
          summary: 'Work-session report as CSV (10 requests per minute, 2 at once)',
          requestBody: {
            required: true,
            content: json({
              type: 'object',
              required: ['startAtTime', 'endAtTime'],
              properties: {
                startAtTime: { type: 'string', example: '2024-04-13T19:27Z' },
                endAtTime: { type: 'string', example: '2024-04-14T19:27Z' },
              },
            }),
          },
          responses: {
            200: {
              description: `CSV with the columns ${WORK_SESSION_COLUMNS.join(', ')}`,
              content: { 'text/csv': { schema: string } },
            },
            400: errors('bad time range'),
            429: errors('report limit reached'),
          },
        },
      },
      '/_emulator/clock': {
        ...admin('Read the emulator clock', 'get'),
        ...admin('Advance the clock and/or set its speed', 'post', {
          type: 'object',
          properties: { advanceMs: { type: 'number' }, speed: { type: 'number' } },
        }),
      },
      '/_emulator/activity': {
        ...admin('Simulation status', 'get'),
        ...admin('Start or stop traffic, or generate a backlog', 'post', {
          type: 'object',
          properties: {
            action: { enum: ['start', 'stop', 'backlog'] },
            drain: { type: 'boolean' },
            hours: { type: 'number' },
            agents: { type: 'integer' },
            seed: { type: 'integer' },
            live: { type: 'boolean' },
          },
        }),
      },
      '/_emulator/truth': admin(
        'What has happened: agent statuses, conversations per inbox, webhook deliveries, reports',
        'get',
      ),
      '/_emulator/agents/{agentId}/{action}': admin(
        'login, logout, away ({reason}), return or availability ({availableFor})',
        'post',
        {
          type: 'object',
          properties: { reason: string, availableFor: { type: 'array', items: string } },
        },
      ),
      '/_emulator/conversations': admin('Start a conversation', 'post', {
        type: 'object',
        properties: { inboxId: string, channel: string },
      }),
      '/_emulator/conversations/{conversationId}/close': admin('Close a conversation'),
    },
    components: {
      securitySchemes: {
        basicAuth: { type: 'http', scheme: 'basic', description: 'agent email : API token' },
      },
      schemas: {
        Agent: {
          type: 'object',
          required: ['id', 'name', 'emailAddress'],
          properties: { id: string, name: string, emailAddress: string },
        },
        Team: {
          type: 'object',
          properties: {
            id: string,
            name: string,
            description: string,
            agentIds: { type: 'array', items: string },
          },
        },
        Inbox: { type: 'object', properties: { id: string, name: string, disabled: { type: 'boolean' } } },
        Conversation: {
          type: 'object',
          required: ['id', 'customerId', 'inboxId', 'status', 'createdAt'],
          properties: {
            id: string,
            customerId: string,
            agentId: string,
            inboxId: string,
            status: { enum: ['OPEN', 'WAITING', 'CLOSED'] },
            createdAt: time,
            closedAt: time,
            topicIds: { type: 'array', items: string },
            customAttributes: {
              type: 'array',
              items: { type: 'object', properties: { id: string, value: string } },
            },
          },
        },
        Participant: { type: 'object', properties: { id: string, type: { enum: ['AGENT', 'CUSTOMER'] } } },
        ConversationItem: {
          type: 'object',
          properties: {
            id: string,
            customerId: string,
            conversationId: string,
            timestamp: time,
            initiator: ref('Participant'),
            responder: ref('Participant'),
            content: { type: 'object', properties: { type: string } },
          },
        },
        Event: {
          type: 'object',
          required: ['id', 'type', 'timestamp', 'content'],
          properties: {
            id: string,
            type: { enum: [...WEBHOOK_EVENT_TYPES] },
            timestamp: time,
            initiator: { type: 'object', properties: { id: string, type: string } },
            content: { type: 'object' },
          },
        },
        WebhookInput: {
          type: 'object',
          properties: {
            name: { type: 'string', maxLength: 200 },
            url: string,
            events: { type: 'array', items: { enum: [...WEBHOOK_EVENT_TYPES] } },
            enabled: { type: 'boolean', default: false },
            credentials: {
              type: ['object', 'null'],
              properties: { username: string, password: string, realm: string },
              writeOnly: true,
            },
            headers: { type: ['object', 'null'], additionalProperties: string, writeOnly: true },
          },
        },
        Webhook: {
          type: 'object',
          properties: {
            id: string,
            name: string,
            url: string,
            events: { type: 'array', items: string },
            enabled: { type: 'boolean' },
            createdAt: time,
            updatedAt: time,
            hasCredentials: { type: 'boolean' },
            headerKeys: { type: 'array', items: string },
            disabledAtDueToRetryLimit: time,
          },
        },
        Errors: {
          type: 'object',
          properties: {
            errors: {
              type: 'array',
              items: {
                type: 'object',
                required: ['code'],
                properties: { attr: string, code: string, detail: string },
              },
            },
          },
        },
      },
    },
  };
}
