/**
 * The OpenAPI 3.1 document of what the emulator serves (`GET /_emulator/openapi.json`).
 */

import { idList, int, nullable, num, obj, ref, type Schema, schemas, str } from './openapi-schemas.js';

const json = (schema: Schema, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});
const errors = {
  '400': json(ref('Error'), 'Invalid request'),
  '401': json(ref('Error'), 'Missing, invalid or expired session'),
  '429': json(ref('Error'), 'Rate limit exceeded (when configured)'),
};
const noContent = { description: 'No Content' };
const query = (name: string, schema: Schema, required = false, description?: string) => ({
  name,
  in: 'query',
  required,
  schema,
  description,
});
const path = (name: string, description?: string) => ({
  name,
  in: 'path',
  required: true,
  schema: str,
  description,
});
const countParam = query(
  'count',
  int,
  false,
  'Events per answer, 500–1000 (default 1000; bounds configurable)',
);

interface Operation {
  summary: string;
  tag: string;
  body?: Schema;
  params?: unknown[];
  responses: Record<string, unknown>;
  public?: boolean;
  deprecated?: boolean;
}

function operation(op: Operation): Record<string, unknown> {
  return {
    summary: op.summary,
    tags: [op.tag],
    ...(op.deprecated ? { deprecated: true } : {}),
    ...(op.params ? { parameters: op.params } : {}),
    ...(op.body
      ? { requestBody: { required: false, content: { 'application/json': { schema: op.body } } } }
      : {}),
    responses: { ...op.responses, ...errors },
    ...(op.public ? { security: [] } : {}),
  };
}

const statsPost = (summary: string, response: Schema, body: Schema = ref('StatsRequest')) => ({
  post: operation({ summary, tag: 'Real-Time Statistics', body, responses: { '200': json(response) } }),
});

const contextParams = [
  path('session', 'Call session id'),
  path('txId', 'Transaction id (integer)'),
  path('account'),
  query('client', int),
];

export function buildOpenApi(): Record<string, unknown> {
  const paths: Record<string, unknown> = {
    '/session/login': {
      post: operation({
        summary: 'Log in (LV-Access header); the same user and token get the same session while it is valid',
        tag: 'Session',
        body: ref('LoginRequest'),
        public: true,
        responses: { '200': json(ref('LoginResponse')) },
      }),
    },
    '/session/validate/{sessionId}': {
      get: operation({
        summary: 'Validate a session (path form)',
        tag: 'Session',
        params: [path('sessionId')],
        public: true,
        responses: { '204': noContent, '404': json(ref('Error'), 'Not valid') },
      }),
    },
    '/session/validate': {
      get: operation({
        summary: 'Validate a session (query form)',
        tag: 'Session',
        params: [query('sessionId', str, true)],
        public: true,
        responses: { '204': noContent, '404': json(ref('Error'), 'Not valid') },
      }),
    },
    '/session/logout/{sessionId}': {
      delete: operation({
        summary: 'Log out',
        tag: 'Session',
        params: [path('sessionId')],
        public: true,
        responses: { '204': noContent, '404': json(ref('Error'), 'Unknown session') },
      }),
    },
    '/session/password': {
      post: operation({
        summary: 'Change a password (ends the user’s sessions)',
        tag: 'Session',
        body: ref('PasswordRequest'),
        public: true,
        responses: { '204': noContent },
      }),
    },
    '/context/call/{session}/{txId}/{account}': {
      get: operation({
        summary: 'Read all context data of a call (204 when none)',
        tag: 'Context Data',
        params: contextParams,
        responses: { '200': json(ref('ContextEntries')), '204': noContent },
      }),
      post: operation({
        summary: 'Add or update context data',
        tag: 'Context Data',
        params: contextParams,
        body: ref('ContextEntries'),
        responses: { '204': noContent },
      }),
      delete: operation({
        summary: 'Delete all context data (404 when none)',
        tag: 'Context Data',
        params: contextParams,
        responses: { '204': noContent, '404': json(ref('Error'), 'None') },
      }),
    },
    '/context/call/{session}/{txId}/{account}/{key}': {
      get: operation({
        summary: 'Read one key (case-sensitive)',
        tag: 'Context Data',
        params: [...contextParams, path('key')],
        responses: { '200': json(obj({ value: nullable(str) })), '404': json(ref('Error'), 'No such key') },
      }),
      delete: operation({
        summary: 'Delete one key',
        tag: 'Context Data',
        params: [...contextParams, path('key')],
        responses: { '204': noContent, '404': json(ref('Error'), 'No such key') },
      }),
    },
    '/realtime/agentEvent/feed': {
      post: operation({
        summary: 'Agent Event Feed (long poll)',
        tag: 'Feeds',
        params: [countParam],
        body: ref('TokenRequest'),
        responses: { '200': json(ref('AgentFeedResponse')) },
      }),
    },
    '/realtime/event/feed': {
      post: operation({
        summary: 'Interaction Event Feed (long poll; 400 code 202 for a token older than 24 h)',
        tag: 'Feeds',
        params: [countParam],
        body: ref('FeedRequest'),
        responses: { '200': json(ref('InteractionFeedResponse')) },
      }),
    },
    '/realtime/event/feed/sse': {
      post: operation({
        summary: 'Interaction Event Feed over Server-Sent Events (resume with the last eventId as token)',
        tag: 'Feeds',
        params: [countParam],
        body: ref('FeedRequest'),
        responses: {
          '200': {
            description: 'Event stream: `data: <event JSON>` lines and `: keepalive` comments',
            content: { 'text/event-stream': { schema: str } },
          },
        },
      }),
    },
    '/realtime/agentEvent': {
      post: operation({
        summary: 'Agent Event (deprecated in LV19): agent events since the token, answered at once',
        tag: 'Deprecated',
        deprecated: true,
        params: [countParam],
        body: ref('TokenRequest'),
        responses: { '200': json(ref('AgentFeedResponse')) },
      }),
    },
    '/realtime/callEvent': {
      post: operation({
        summary: 'Call Event (deprecated in LV19): voice events since the token, answered at once',
        tag: 'Deprecated',
        deprecated: true,
        params: [countParam],
        body: ref('TokenRequest'),
        responses: { '200': json(ref('CallEventResponse')) },
      }),
    },
    '/realtime/callEvent/feed': {
      post: operation({
        summary: 'Call Event Feed (deprecated in LV19): voice events, long poll',
        tag: 'Deprecated',
        deprecated: true,
        params: [countParam],
        body: ref('TokenRequest'),
        responses: { '200': json(ref('CallEventResponse')) },
      }),
    },
    '/realtime/callData/inCall': {
      get: operation({
        summary: 'In-call metadata (404 when the call is not in progress)',
        tag: 'Call Data',
        params: [query('client', int), query('session', str, true), query('transaction', int, true)],
        responses: { '200': json(ref('InCallResponse')), '404': json(ref('Error'), 'Not found') },
      }),
    },
    '/realtime/callData/postCall': {
      get: operation({
        summary: 'Post-call metadata (404 before the call ended)',
        tag: 'Call Data',
        params: [query('client', int), query('session', str, true), query('transaction', int, true)],
        responses: { '200': json(ref('PostCallResponse')), '404': json(ref('Error'), 'Not found') },
      }),
    },
    '/realtime/campaign/stats': statsPost(
      'Campaign Level Statistics (one filter kind at most)',
      ref('CampaignStatsResponse'),
      obj({ filter: obj({ campaign: idList, service: idList, callCenter: idList }) }),
    ),
    '/realtime/service/stats': statsPost('Service Statistics', ref('ServiceStatsResponse')),
    '/realtime/service/agent/stats': statsPost('Agent Statistics', ref('AgentStatisticsResponse')),
    '/realtime/service/agent/stats/ex': statsPost(
      'Agent Statistics Ex (per service)',
      ref('AgentStatisticsResponse'),
    ),
    '/realtime/service/agents/status': statsPost(
      'Agent Status (optional stateChangedAfter)',
      ref('AgentStatusResponse'),
      obj({
        stateChangedAfter: { type: ['integer', 'string'] },
        filter: obj({ service: idList, callCenter: idList }),
      }),
    ),
    '/realtime/service/agents/averages': statsPost('Agent Averages', ref('AgentAveragesResponse')),
    '/realtime/service/calls/status': statsPost(
      'Hold Service Details (calls waiting in queue)',
      ref('CallsStatusResponse'),
    ),
    '/realtime/service/liveConnects': statsPost(
      'Live Connects, six 5-minute intervals',
      ref('LiveConnectsResponse'),
    ),
  };
  const admin = (summary: string, method: 'get' | 'post' | 'put', body?: Schema) => ({
    [method]: {
      summary,
      tags: ['Emulator admin'],
      security: [],
      ...(body ? { requestBody: { content: { 'application/json': { schema: body } } } } : {}),
      responses: { '200': { description: 'OK' } },
    },
  });
  Object.assign(paths, {
    '/_emulator/traffic': {
      ...admin('Live traffic status', 'get'),
      ...admin(
        'Generate a backlog {agents, calls, sms, emails, seed}, start live traffic {agents, callsPerMinute, smsPerMinute, emailsPerMinute, seed} or stop {stop: true}',
        'post',
        { type: 'object' },
      ),
    },
    '/_emulator/clock': {
      ...admin('Emulator clock', 'get'),
      ...admin(
        'Advance the clock {advanceMs} and/or set {speed}',
        'post',
        obj({ advanceMs: num, speed: num }),
      ),
    },
    '/_emulator/truth': admin(
      'What has been generated (?summary=true, ?limit=&offset=, ?type=VOICE|SMS|EMAIL)',
      'get',
    ),
  });
  return {
    openapi: '3.1.0',
    info: {
      title: 'voxbridge LiveVox emulator',
      version: '0.1.0',
      description:
        'Session, Context Data and Real-Time Reporting APIs of LiveVox, served from a simulated contact center. Every path also accepts a version segment after the category (/realtime/v6.0/service/stats).',
    },
    servers: [{ url: 'http://127.0.0.1:4020' }],
    security: [{ LVSession: [] }],
    paths,
    components: {
      securitySchemes: {
        LVSession: { type: 'apiKey', in: 'header', name: 'LV-Session' },
        LVAccess: { type: 'apiKey', in: 'header', name: 'LV-Access' },
      },
      schemas,
    },
  };
}
