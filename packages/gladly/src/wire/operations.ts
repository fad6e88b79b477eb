import { operation, type WireResponse } from '@voxbridge/core';
import { z } from 'zod';
import { GladlyEventSchema } from './events.js';
import { SEED_INBOX, SPEC_BAD_RANGE, SPEC_REPORT_RANGE, SPEC_WEBHOOK } from './examples.js';
import { getExportFile, getExportJob, listExportJobs } from './exports.js';
import { WORK_SESSION_COLUMNS, WorkSessionReportBodySchema } from './reports.js';
import {
  AgentSchema,
  ConversationItemSchema,
  ConversationSchema,
  GladlyErrorBodySchema,
  InboxSchema,
  TeamSchema,
} from './resources.js';
import { EVENT_ENTITIES, EventEntitySchema, GLADLY_API_PREFIX } from './vocabulary.js';
import { WebhookCreateSchema, WebhookSchema, WebhookUpdateSchema } from './webhooks.js';

const errors = (description: string): WireResponse => ({ description, schema: GladlyErrorBodySchema });
const notFound = errors('unknown id (`not_exist`)');
const id = (name: string) => z.object({ [name]: z.string().min(1) });

const list = <S extends z.ZodType>(operationId: string, what: string, schema: S, tag: string) =>
  operation({
    operationId,
    method: 'GET',
    path: `${GLADLY_API_PREFIX}/${tag}`,
    summary: `List ${what} (not paginated)`,
    tags: [tag],
    responses: { 200: { description: `every ${what.replace(/s$/, '')}`, schema: z.array(schema) } },
  });
const getOne = <S extends z.ZodType, P extends string>(
  operationId: string,
  what: string,
  path: string,
  param: P,
  schema: S,
  tag: string,
) =>
  operation({
    operationId,
    method: 'GET',
    path: `${GLADLY_API_PREFIX}/${path}/{${param}}`,
    summary: `Get ${what}`,
    tags: [tag],
    params: id(param),
    responses: { 200: { description: what, schema }, 404: notFound },
  });

/** `GET /agents`. */
export const listAgents = list('listAgents', 'agents', AgentSchema, 'agents');
/** `GET /agents/{agentId}`. */
export const getAgent = getOne('getAgent', 'an agent', 'agents', 'agentId', AgentSchema, 'agents');
/** `GET /teams`. */
export const listTeams = list('listTeams', 'teams', TeamSchema, 'teams');
/** `GET /teams/{teamId}`. */
export const getTeam = getOne('getTeam', 'a team', 'teams', 'teamId', TeamSchema, 'teams');
/** `GET /inboxes`, with the seed's inbox as the example answer. */
export const listInboxes = operation({
  ...list('listInboxes', 'inboxes', InboxSchema, 'inboxes'),
  responseExamples: { 200: { seedInbox: { summary: SEED_INBOX.summary, value: [SEED_INBOX.value] } } },
});
/** `GET /inboxes/{inboxId}`, with the seed's inbox as the example answer. */
export const getInbox = operation({
  ...getOne('getInbox', 'an inbox', 'inboxes', 'inboxId', InboxSchema, 'inboxes'),
  responseExamples: { 200: { seedInbox: SEED_INBOX } },
});
/** `GET /conversations/{conversationId}`. */
export const getConversation = getOne(
  'getConversation',
  'a conversation',
  'conversations',
  'conversationId',
  ConversationSchema,
  'conversations',
);
/** `GET /conversations/{conversationId}/items`. */
export const listConversationItems = operation({
  operationId: 'listConversationItems',
  method: 'GET',
  path: `${GLADLY_API_PREFIX}/conversations/{conversationId}/items`,
  summary: 'List the items of a conversation, oldest first',
  tags: ['conversations'],
  params: id('conversationId'),
  responses: { 200: { description: 'the items', schema: z.array(ConversationItemSchema) }, 404: notFound },
});
/** `GET /conversation-items/{itemId}`. */
export const getConversationItem = getOne(
  'getConversationItem',
  'a conversation item',
  'conversation-items',
  'itemId',
  ConversationItemSchema,
  'conversations',
);

const isoTime = (attr: string) =>
  z
    .string({ error: `${attr} is required` })
    .min(1, `${attr} is required`)
    .refine((value) => !Number.isNaN(Date.parse(value)), `${attr} must be an ISO 8601 time`);

/** The query of the Events API. `entities` repeats (`entities=A&entities=B`). */
export const EventsQuerySchema = z
  .object({
    startAt: isoTime('startAt').describe('inclusive; within the last 24 hours'),
    endAt: isoTime('endAt').optional().describe('exclusive; default now'),
    entities: z.union([EventEntitySchema, z.array(EventEntitySchema).min(1)], {
      error: (issue) => {
        const bad = [issue.input]
          .flat()
          .filter((value) => value != null && !EVENT_ENTITIES.includes(value as never));
        return bad.length === 0
          ? 'at least one entity must be given'
          : `${bad.join(', ')} is not an event entity (known: ${EVENT_ENTITIES.join(', ')})`;
      },
    }),
  })
  .refine((query) => query.endAt === undefined || Date.parse(query.endAt) > Date.parse(query.startAt), {
    path: ['startAt'],
    error: 'endAt must occur after startAt',
  });

/** `GET /events`: the last 24 hours of events, streamed as JSON lines (one {@link GladlyEventSchema} each). */
export const streamEvents = operation({
  operationId: 'streamEvents',
  method: 'GET',
  path: `${GLADLY_API_PREFIX}/events`,
  summary: 'Events of the last 24 hours, streamed as JSON lines',
  tags: ['events'],
  query: EventsQuerySchema,
  responses: {
    200: {
      description: 'one event per line, oldest first',
      contentType: 'application/x-jsonlines',
      schema: GladlyEventSchema,
    },
    400: errors('bad startAt, endAt or entities'),
  },
  responseExamples: { 400: { specBadRange: SPEC_BAD_RANGE } },
});

/** `GET /webhooks`. */
export const listWebhooks = list('listWebhooks', 'webhooks', WebhookSchema, 'webhooks');
/** `POST /webhooks`: 201 with a Location; an enabled webhook must answer a PING with 200. */
export const createWebhook = operation({
  operationId: 'createWebhook',
  method: 'POST',
  path: `${GLADLY_API_PREFIX}/webhooks`,
  summary: 'Create a webhook (an enabled one must answer a PING with 200)',
  tags: ['webhooks'],
  body: WebhookCreateSchema,
  requestExamples: { specWebhook: SPEC_WEBHOOK },
  responses: {
    201: {
      description: 'created',
      headers: { location: { description: '/api/v1/webhooks/{id}', schema: z.string() } },
    },
    400: errors('invalid fields, PING failed, url taken, or 20 webhooks already'),
  },
});
/** `GET /webhooks/{webhookId}`. */
export const getWebhook = getOne(
  'getWebhook',
  'a webhook',
  'webhooks',
  'webhookId',
  WebhookSchema,
  'webhooks',
);
const webhookById = {
  path: `${GLADLY_API_PREFIX}/webhooks/{webhookId}`,
  tags: ['webhooks'],
  params: id('webhookId'),
} as const;
/** `PATCH /webhooks/{webhookId}`: 204; enabling or changing the URL of an enabled webhook sends a PING. */
export const updateWebhook = operation({
  operationId: 'updateWebhook',
  method: 'PATCH',
  ...webhookById,
  summary: 'Update a webhook (enabling it or changing its url sends a PING)',
  body: WebhookUpdateSchema,
  responses: {
    204: { description: 'updated' },
    400: errors('invalid fields or PING failed'),
    404: notFound,
  },
});
/** `DELETE /webhooks/{webhookId}`: 204, or 400 while the webhook is enabled. */
export const deleteWebhook = operation({
  operationId: 'deleteWebhook',
  method: 'DELETE',
  ...webhookById,
  summary: 'Delete a disabled webhook',
  responses: {
    204: { description: 'deleted' },
    400: errors('the webhook is enabled (`invalid_state`)'),
    404: notFound,
  },
});

/** `POST /reports/work-session-events`: CSV, 10 requests a minute and 2 at once per organisation. */
export const workSessionReport = operation({
  operationId: 'workSessionReport',
  method: 'POST',
  path: `${GLADLY_API_PREFIX}/reports/work-session-events`,
  summary: 'Work-session report as CSV (10 requests per minute, 2 at once)',
  tags: ['reports'],
  body: WorkSessionReportBodySchema,
  requestExamples: { specRange: SPEC_REPORT_RANGE },
  responses: {
    200: {
      description: `CSV with the columns ${WORK_SESSION_COLUMNS.join(', ')}`,
      contentType: 'text/csv',
      schema: z.string(),
    },
    400: errors('bad time range'),
    429: {
      ...errors('report limit reached'),
      headers: { 'retry-after': { description: 'seconds to wait', schema: z.string() } },
    },
  },
});

/** Every operation of the Gladly API that voxbridge uses, in the emulator's route order. */
export const GLADLY_OPERATIONS = [
  listAgents,
  getAgent,
  listTeams,
  getTeam,
  listInboxes,
  getInbox,
  listConversationItems,
  getConversation,
  getConversationItem,
  streamEvents,
  listWebhooks,
  createWebhook,
  getWebhook,
  updateWebhook,
  deleteWebhook,
  workSessionReport,
  listExportJobs,
  getExportJob,
  getExportFile,
] as const;
