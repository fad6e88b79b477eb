import { operation } from '@voxbridge/core';
import { z } from 'zod';
import {
  campaignFilterSchema,
  errorAnswers,
  feedTokenSchema,
  integerTextSchema,
  interactionFilterSchema,
  liveVoxErrorSchema,
  liveVoxTimeSchema,
  notFoundAnswers,
  serviceFilterSchema,
} from './common.js';
import {
  agentEventPageSchema,
  callEventPageSchema,
  interactionEventPageSchema,
  interactionEventSchema,
} from './events.js';
// The seed documents' examples in value form; test/fixtures/seed-examples.json quotes them verbatim.
import examples from './seed-examples.json' with { type: 'json' };
import { inCallMetadataSchema, postCallMetadataSchema, statsAnswers } from './stats.js';

/**
 * The Real-Time Reporting API (seed: livevox-realtime-reporting-api.txt) as contract operations: the
 * token-chained long-poll feeds, the SSE feed, Call Data and the statistics methods.
 */

const feedQuery = z.object({
  count: integerTextSchema
    .optional()
    .describe('Events per answer: 500 to 1000, default 1000 (the emulator makes the bounds configurable)'),
});
/** The body of the Agent Event Feed and the deprecated token methods; the first request may send none. */
export const tokenRequestSchema = z.object({ token: feedTokenSchema }).optional();
/** The body of the Interaction Event feeds. */
export const interactionFeedRequestSchema = z
  .object({ token: feedTokenSchema, filter: interactionFilterSchema.nullable().optional() })
  .optional();
const feeds = ['Feeds'] as const;
const deprecated = ['Deprecated'] as const;
const expired = {
  400: {
    description: 'Invalid request, or (code 202) a token older than 24 hours',
    schema: liveVoxErrorSchema,
  },
};

/** `POST /realtime/agentEvent/feed`: agent state changes after the token (long poll, 10 s wait). */
export const agentEventFeed = operation({
  operationId: 'agentEventFeed',
  method: 'POST',
  path: '/realtime/agentEvent/feed',
  summary: 'Agent Event Feed (long poll): the events after the token and the next token',
  tags: feeds,
  body: tokenRequestSchema,
  responses: { 200: { description: 'A page', schema: agentEventPageSchema }, ...errorAnswers() },
  requestExamples: examples.agentEventFeed.request,
  responseExamples: examples.agentEventFeed.responses,
});

/** `POST /realtime/event/feed`: interaction events after the token (long poll). */
export const interactionEventFeed = operation({
  operationId: 'interactionEventFeed',
  method: 'POST',
  path: '/realtime/event/feed',
  summary: 'Interaction Event Feed (long poll); 400 with code 202 for a token older than 24 hours',
  tags: feeds,
  query: feedQuery,
  body: interactionFeedRequestSchema,
  responses: {
    200: { description: 'A page', schema: interactionEventPageSchema },
    ...errorAnswers(),
    ...expired,
  },
  requestExamples: examples.interactionEventFeed.request,
  responseExamples: examples.interactionEventFeed.responses,
});

/** `POST /realtime/event/feed/sse`: the interaction events as Server-Sent Events. */
export const interactionEventStream = operation({
  operationId: 'interactionEventStream',
  method: 'POST',
  path: '/realtime/event/feed/sse',
  summary: 'Interaction Event Feed over Server-Sent Events (resume with the last eventId as token)',
  description:
    'Each event is one `data:` line holding its JSON (the schema below); `: keepalive <time>` comments keep an idle stream open; after 5 minutes without events the server sends a comment and closes. Validation and authorization errors answer as JSON.',
  tags: feeds,
  query: feedQuery,
  body: interactionFeedRequestSchema,
  responses: {
    200: {
      description: 'The event stream; the schema is that of one `data:` payload',
      contentType: 'text/event-stream',
      schema: interactionEventSchema,
    },
    ...errorAnswers(),
    ...expired,
  },
  requestExamples: examples.interactionEventStream.request,
  responseExamples: examples.interactionEventStream.responses,
});

/** Declares a deprecated token method: a POST of `{token}` answered with a page. */
function deprecatedTokenMethod<const Id extends string, const Page extends z.ZodType>(
  operationId: Id,
  path: string,
  summary: string,
  page: Page,
) {
  return operation({
    operationId,
    method: 'POST',
    path,
    summary,
    tags: deprecated,
    body: tokenRequestSchema,
    responses: { 200: { description: 'A page', schema: page }, ...errorAnswers() },
  });
}

/** `POST /realtime/agentEvent` (deprecated in LV19): agent events after the token, answered at once. */
export const agentEventRead = deprecatedTokenMethod(
  'agentEventRead',
  '/realtime/agentEvent',
  'Agent Event (deprecated in LV19): agent events after the token, answered at once',
  agentEventPageSchema,
);

/** `POST /realtime/callEvent` (deprecated in LV19). */
export const callEventRead = deprecatedTokenMethod(
  'callEventRead',
  '/realtime/callEvent',
  'Call Event (deprecated in LV19): voice events after the token, answered at once',
  callEventPageSchema,
);

/** `POST /realtime/callEvent/feed` (deprecated in LV19). */
export const callEventFeed = {
  ...deprecatedTokenMethod(
    'callEventFeed',
    '/realtime/callEvent/feed',
    'Call Event Feed (deprecated in LV19): voice events, long poll',
    callEventPageSchema,
  ),
  requestExamples: examples.callEventFeed.request,
  responseExamples: examples.callEventFeed.responses,
};

/** The query of the Call Data methods. */
export const callDataQuerySchema = z.object({
  client: integerTextSchema.optional().describe('The client id'),
  session: z.string().min(1).describe('The call session id'),
  transaction: integerTextSchema.describe('The call transaction id'),
});

/** Declares a Call Data method: a GET of one call of today by session and transaction, 404 when none fits. */
function callDataOperation<
  const Id extends 'readInCallMetadata' | 'readPostCallMetadata',
  const Answer extends z.ZodType,
>(operationId: Id, path: string, summary: string, answer: Answer, notFound: string) {
  return operation({
    operationId,
    method: 'GET',
    path,
    summary,
    tags: ['Call Data'] as const,
    query: callDataQuerySchema,
    responses: { 200: { description: 'The metadata', schema: answer }, ...notFoundAnswers(notFound) },
    responseExamples: examples[operationId].responses,
  });
}

/** `GET /realtime/callData/inCall`: metadata of a call in progress today. */
export const readInCallMetadata = callDataOperation(
  'readInCallMetadata',
  '/realtime/callData/inCall',
  'In-call metadata (404 when the call is not in progress)',
  inCallMetadataSchema,
  'No such call in progress today',
);

/** `GET /realtime/callData/postCall`: metadata of a call of today that has ended. */
export const readPostCallMetadata = callDataOperation(
  'readPostCallMetadata',
  '/realtime/callData/postCall',
  'Post-call metadata (404 before the call ended)',
  postCallMetadataSchema,
  'No such finished call today',
);

/** The body of the service-level statistics methods. */
export const statsRequestSchema = z.object({ filter: serviceFilterSchema.nullable().optional() }).optional();
/** The body of Get Agent Status. */
export const agentStatusRequestSchema = z
  .object({
    stateChangedAfter: liveVoxTimeSchema
      .nullable()
      .optional()
      .describe('Only agents whose state changed after'),
    filter: serviceFilterSchema.nullable().optional(),
  })
  .optional();
const stats = ['Real-Time Statistics'] as const;

/** Declares one statistics method: a POST with an optional filter body, answered at once. */
function statsOperation<const Id extends string, const Answer extends z.ZodType>(
  operationId: Id,
  path: string,
  summary: string,
  answer: Answer,
  examples: { request?: Record<string, { summary: string; value: unknown }>; responses?: object },
  body: z.ZodType = statsRequestSchema,
) {
  return operation({
    operationId,
    method: 'POST',
    path,
    summary,
    tags: stats,
    body,
    responses: { 200: { description: 'The statistics', schema: answer }, ...errorAnswers() },
    ...(examples.request ? { requestExamples: examples.request } : {}),
    ...(examples.responses ? { responseExamples: examples.responses as never } : {}),
  });
}

/** `POST /realtime/campaign/stats`: today's campaigns; the filter is an exclusive 'or'. */
export const campaignStats = statsOperation(
  'campaignStats',
  '/realtime/campaign/stats',
  'Campaign Level Statistics (at most one filter kind)',
  statsAnswers.campaign,
  examples.campaignStats,
  z.object({ filter: campaignFilterSchema.nullable().optional() }).optional(),
);
/** `POST /realtime/service/agents/averages`. */
export const agentAverages = statsOperation(
  'agentAverages',
  '/realtime/service/agents/averages',
  'Agent Averages: average seconds per agent state',
  statsAnswers.agentAverages,
  examples.agentAverages,
);
/** `POST /realtime/service/agent/stats`: the agents logged in now. */
export const agentStats = statsOperation(
  'agentStats',
  '/realtime/service/agent/stats',
  'Agent Statistics of the agents logged in now',
  statsAnswers.agentStats,
  examples.agentStats,
);
/** `POST /realtime/service/agent/stats/ex`: every agent who logged in today, per service. */
export const agentStatsEx = statsOperation(
  'agentStatsEx',
  '/realtime/service/agent/stats/ex',
  'Agent Statistics Ex: per agent and service, every agent of today',
  statsAnswers.agentStatsEx,
  examples.agentStatsEx,
);
/** `POST /realtime/service/agents/status`. */
export const agentStatus = statsOperation(
  'agentStatus',
  '/realtime/service/agents/status',
  'Agent Status per service (optional stateChangedAfter)',
  statsAnswers.agentStatus,
  examples.agentStatus,
  agentStatusRequestSchema,
);
/** `POST /realtime/service/calls/status`: the calls on hold. */
export const holdDetails = statsOperation(
  'holdDetails',
  '/realtime/service/calls/status',
  'Hold Service Details: the calls waiting in queue',
  statsAnswers.holdDetails,
  examples.holdDetails,
);
/** `POST /realtime/service/liveConnects`: six 5-minute intervals. */
export const liveConnects = statsOperation(
  'liveConnects',
  '/realtime/service/liveConnects',
  'Live Connects of the last 30 minutes in 5-minute intervals',
  statsAnswers.liveConnects,
  examples.liveConnects,
);
/** `POST /realtime/service/stats`. */
export const serviceStats = statsOperation(
  'serviceStats',
  '/realtime/service/stats',
  'Service Statistics of the services agents work in',
  statsAnswers.serviceStats,
  examples.serviceStats,
);
