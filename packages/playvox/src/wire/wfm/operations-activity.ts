import { operation } from '@voxbridge/core';
import { z } from 'zod';
import { ALIAS_RULE, data, errors, page, zonedDateTime } from './fields.js';
import { agentStatusBody, contactBody, userMappingsBody } from './inputs.js';
import {
  agentMetrics,
  contact,
  inboundSummary,
  issue,
  taskInterval,
  userMappingResult,
  userMappingView,
} from './models.js';
import { pagingQuery, WFM_DESIGN_NOTE, WFM_DESIGN_TAG } from './operations-setup.js';

/** `GET /api/workactivity/tasks`: agent-status intervals whose start lies in [from, to). */
export const listTaskIntervals = operation({
  operationId: 'listTaskIntervals',
  method: 'GET',
  path: '/api/workactivity/tasks',
  summary: 'Agent-status intervals (task data) whose start lies in [taskStartTimeFrom, taskStartTimeTo)',
  description: 'Both bounds are required on the first page; a nextPageToken alone asks for the next page.',
  tags: ['work activity'],
  query: pagingQuery.extend({
    taskStartTimeFrom: zonedDateTime().optional(),
    taskStartTimeTo: zonedDateTime().optional(),
  }),
  responses: {
    200: { description: 'A page of intervals.', schema: page(taskInterval) },
    ...errors(400, 401),
  },
});

const grouping = z
  .enum(['true', 'false'], { error: 'must be true or false' })
  .optional()
  .describe('true (default) or false.');

/** `GET /api/workactivity/workstreams/metrics/agents`: agent metrics by date, user and channel. */
export const agentMetricsOperation = operation({
  operationId: 'agentMetrics',
  method: 'GET',
  path: '/api/workactivity/workstreams/metrics/agents',
  summary: 'Agent metrics by date, user and channel',
  tags: ['work activity'],
  query: z.object({
    startTime: zonedDateTime(),
    endTime: zonedDateTime().optional().describe('Default: now.'),
    userGrouping: grouping,
    dateGrouping: grouping,
  }),
  responses: {
    200: { description: 'The metrics.', schema: data(agentMetrics) },
    ...errors(400, 401),
  },
});

/** The `{integration}` of the designed inbound paths (matched case-insensitively, stored in lower case). */
export const integrationParams = z.object({
  integration: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/i, ALIAS_RULE)
    .describe('Integration alias (gladly, livevox, …).'),
});

const base = '/api/workactivity/integrations/{integration}';
const inbound = {
  tags: [WFM_DESIGN_TAG],
  params: integrationParams,
} as const;
const idempotent =
  'A repeated eventId (per integration) is accepted and ignored (outcome duplicate). A batch is checked whole before any of it applies.';

/** `POST …/integrations/{integration}/agent-status` (voxbridge's design). */
export const sendAgentStatuses = operation({
  operationId: 'sendAgentStatuses',
  method: 'POST',
  path: `${base}/agent-status`,
  summary: 'Send agent-status events; each becomes a task interval of the matching task definition',
  description: `${WFM_DESIGN_NOTE} ${idempotent}`,
  ...inbound,
  body: agentStatusBody,
  responses: {
    200: { description: 'Per-event outcomes.', schema: data(inboundSummary) },
    ...errors(400, 401, 422, 429),
  },
  requestExamples: {
    wentAway: {
      summary:
        "seed: gladly-playvox-connector-setup.txt, Tasks table: 'Lunch' matches Agent Status – Went Away",
      value: {
        events: [
          {
            eventId: 'evt-1',
            userEmail: 'ava.adams@example.com',
            status: 'Lunch',
            timestamp: '2026-03-02T12:00:00Z',
          },
        ],
      },
    },
  },
});

/** `POST …/integrations/{integration}/contacts` (voxbridge's design). */
export const sendContacts = operation({
  operationId: 'sendContacts',
  method: 'POST',
  path: `${base}/contacts`,
  summary: 'Send contact events (created/closed), matched to workstreams',
  description: `${WFM_DESIGN_NOTE} ${idempotent}`,
  ...inbound,
  body: contactBody,
  responses: {
    200: { description: 'Per-event outcomes.', schema: data(inboundSummary) },
    ...errors(400, 401, 422, 429),
  },
  requestExamples: {
    customerSupport: {
      summary:
        'seed: gladly-playvox-connector-setup.txt, Workstreams table: the inbox id matches Customer_Support',
      value: {
        events: [
          {
            eventId: 'contact-1:created',
            event: 'created',
            contactId: 'contact-1',
            workstream: 'BBWGXUw8R4W9EBT4oqfXXX',
            startTime: '2026-03-02T12:00:00Z',
          },
        ],
      },
    },
  },
});

/** A designed `GET` of one integration's records (`data[]`). */
const integrationList = <T extends z.ZodType, S extends string>(
  operationId: string,
  suffix: S,
  summary: string,
  item: T,
  answer: string,
) =>
  operation({
    operationId,
    method: 'GET',
    path: `${base}/${suffix}` as `${typeof base}/${S}`,
    summary,
    description: WFM_DESIGN_NOTE,
    ...inbound,
    responses: { 200: { description: answer, schema: data(z.array(item)) }, ...errors(400, 401) },
  });

/** `GET …/integrations/{integration}/contacts` (voxbridge's design). */
export const listContacts = integrationList(
  'listContacts',
  'contacts',
  'Contacts received for the integration',
  contact,
  'Every contact.',
);

/** `GET …/integrations/{integration}/unmatched` (voxbridge's design). */
export const listUnmatched = integrationList(
  'listUnmatched',
  'unmatched',
  'Statuses and contacts kept without a single match (no match, several, unknown user)',
  issue,
  'The issues, oldest first.',
);

/** `GET …/integrations/{integration}/user-mappings` (voxbridge's design). */
export const listUserMappings = integrationList(
  'listUserMappings',
  'user-mappings',
  "Users holding an identifier of the integration (the user's id in that system)",
  userMappingView,
  'Every mapping.',
);

/** `POST …/integrations/{integration}/user-mappings` (voxbridge's design). */
export const mapUsers = operation({
  operationId: 'mapUsers',
  method: 'POST',
  path: `${base}/user-mappings`,
  summary: "Set (or with identifier null, remove) users' identifiers in the integration, by email or user id",
  description: `${WFM_DESIGN_NOTE} An identifier names one user: giving it to another user takes it away from the first. The list is checked whole before any change applies; setting an identifier is idempotent.`,
  ...inbound,
  body: userMappingsBody,
  responses: {
    200: { description: 'Per-mapping outcomes.', schema: data(z.array(userMappingResult)) },
    ...errors(400, 401, 422, 429),
  },
});
