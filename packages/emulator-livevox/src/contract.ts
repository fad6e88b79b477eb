import type { WireOperation } from '@voxbridge/core';
import { type Handler, openApiDocument, type Router, serveOperation } from '@voxbridge/emulator-kit';
import {
  agentStatus,
  LIVEVOX_SECURITY,
  liveVoxErrorSchema,
  logout as logoutOperation,
  validateSession,
} from '@voxbridge/livevox/wire';
import { z } from 'zod';

/**
 * What the emulator serves beyond the LiveVox contract (`@voxbridge/livevox/wire`): the lenient forms
 * public clients use (session id in the query, the seed's Agent Status path) and its own admin routes
 * under `/_emulator/`. Each is an operation, so the generated document lists every route.
 */

/** Serves an operation of the contract; a request that breaks it answers 400 `{code, message}`. */
export function serve(router: Router, op: WireOperation, handler: Handler): Router {
  return serveOperation(router, op, handler, { status: 400 });
}

const sessionIdQuery = z.object({
  sessionId: z.string().optional().describe('The session id; without it the LV-Session header is read'),
});

/** `GET /session/validate?sessionId=` (LiveVox.NET's form of validate). */
export const validateSessionQuery = {
  ...validateSession,
  operationId: 'validateSessionQuery',
  path: '/session/validate',
  summary: 'Validate a session (query form, as LiveVox.NET sends it)',
  params: undefined,
  query: sessionIdQuery,
} satisfies WireOperation;

/** `DELETE /session/logout?sessionId=`. */
export const logoutQuery = {
  ...logoutOperation,
  operationId: 'logoutQuery',
  path: '/session/logout',
  summary: 'Log out (query form)',
  params: undefined,
  query: sessionIdQuery,
} satisfies WireOperation;

/** `POST /realtime/service/status`: the path the seed's Agent Status example posts to. */
export const agentStatusSeedPath = {
  ...agentStatus,
  operationId: 'agentStatusSeedPath',
  path: '/realtime/service/status',
  summary: "Agent Status at the path the seed's example uses (an alias of /realtime/service/agents/status)",
  requestExamples: undefined,
  responseExamples: undefined,
} satisfies WireOperation;

const count = (max: number) => z.number().int().min(0).max(max).optional();
const perMinute = z.number().min(0).max(100_000).optional();

/** `POST /_emulator/traffic`: a backlog, live traffic, or stop. */
const trafficRequestSchema = z.looseObject({
  agents: count(10_000),
  calls: count(5_000_000),
  sms: count(5_000_000),
  emails: count(5_000_000),
  callsPerMinute: perMinute,
  smsPerMinute: perMinute,
  emailsPerMinute: perMinute,
  seed: count(0xffffffff),
  stop: z.boolean().optional(),
});

const trafficStatusSchema = z.looseObject({
  running: z.boolean(),
  rates: z.record(z.string(), z.unknown()).nullable(),
  inProgress: z.number(),
  queued: z.number(),
  agentsLoggedOn: z.number(),
});
const clockSchema = z.object({ now: z.number(), iso: z.string(), speed: z.number() });
const adminError = { 400: { description: 'Names the invalid field', schema: liveVoxErrorSchema } };

const admin = (
  operationId: string,
  method: WireOperation['method'],
  path: string,
  summary: string,
  extra: Partial<WireOperation> & Pick<WireOperation, 'responses'>,
): WireOperation => ({
  operationId,
  method,
  path: `/_emulator${path}`,
  summary,
  tags: ['Emulator admin'],
  public: true,
  ...extra,
});

/** The LiveVox emulator's own admin operations (traffic, clock, truth). */
export const LIVEVOX_ADMIN_OPERATIONS = {
  trafficStatus: admin('emulatorTraffic', 'GET', '/traffic', 'Live traffic status', {
    responses: { 200: { description: 'Whether traffic runs, at which rates', schema: trafficStatusSchema } },
  }),
  traffic: admin(
    'emulatorSetTraffic',
    'POST',
    '/traffic',
    'Generate a backlog {agents, calls, sms, emails, seed}, start live traffic {agents, callsPerMinute, smsPerMinute, emailsPerMinute, seed} or stop {stop: true}',
    {
      body: trafficRequestSchema.optional(),
      responses: {
        200: {
          description: 'What was generated or started, and the truth summary',
          schema: z.looseObject({}),
        },
        ...adminError,
      },
      requestExamples: {
        backlog: { summary: 'a backlog of an hour', value: { agents: 20, calls: 500, sms: 100, seed: 7 } },
        live: { summary: 'live traffic', value: { agents: 20, callsPerMinute: 30 } },
      },
    },
  ),
  clock: admin('emulatorClock', 'GET', '/clock', 'The emulator clock', {
    responses: { 200: { description: 'Simulated now and speed', schema: clockSchema } },
  }),
  setClock: admin('emulatorSetClock', 'POST', '/clock', 'Advance the clock {advanceMs} and/or set {speed}', {
    body: z.object({
      advanceMs: z
        .number()
        .min(0)
        .max(366 * 86_400_000)
        .optional(),
      speed: z.number().gt(0).max(100_000).optional(),
    }),
    responses: { 200: { description: 'The clock after the change', schema: clockSchema }, ...adminError },
    requestExamples: { advance: { summary: 'one hour ahead', value: { advanceMs: 3_600_000 } } },
  }),
  truth: admin('emulatorTruth', 'GET', '/truth', 'What has been generated (paged, or a summary)', {
    query: z.object({
      summary: z.string().optional().describe('true or 1: counts only'),
      limit: z.string().regex(/^\d+$/, 'must be a non-negative integer').optional(),
      offset: z.string().regex(/^\d+$/, 'must be a non-negative integer').optional(),
      type: z
        .string()
        .regex(/^(voice|sms|email)$/i, 'must be VOICE, SMS or EMAIL')
        .optional(),
    }),
    responses: {
      200: { description: 'The generated interactions', schema: z.looseObject({}) },
      ...adminError,
    },
  }),
};

const poisonStatusSchema = z.object({
  waiting: z.number().describe('Items queued for the next feed answer that carries events'),
  planted: z.record(z.string(), z.number()).describe('Items planted so far, by kind'),
});

/** The admin operations added for the bridge's tests: poison items and the roster's agents. */
export const LIVEVOX_TEST_OPERATIONS = {
  poisonStatus: admin('emulatorPoison', 'GET', '/poison', 'Poison items waiting and planted', {
    responses: { 200: { description: 'Waiting and planted counts', schema: poisonStatusSchema } },
  }),
  poison: admin(
    'emulatorPlantPoison',
    'POST',
    '/poison',
    'Plant malformed items into the next Interaction Event feed answer that carries events (long poll or SSE)',
    {
      body: z.object({
        count: z.number().int().min(1).max(10_000).describe('How many items'),
        kinds: z
          .array(z.enum(['not-object', 'wrong-types', 'missing-id', 'invalid-json']))
          .min(1)
          .optional()
          .describe('Kinds to cycle through (default all four)'),
      }),
      responses: {
        200: { description: 'The poison status after queueing', schema: poisonStatusSchema },
        ...adminError,
      },
      requestExamples: { four: { summary: 'one item of each kind', value: { count: 4 } } },
    },
  ),
  agents: admin('emulatorAgents', 'GET', '/agents', 'The simulated agents with their roster identity', {
    responses: {
      200: {
        description: 'Every agent: id, login id, name, email, team, login service',
        schema: z.object({
          agents: z.array(
            z.object({
              agentId: z.number(),
              loginId: z.string(),
              name: z.string(),
              firstName: z.string(),
              lastName: z.string(),
              email: z.string(),
              team: z.enum(['inbound', 'outbound']),
              serviceId: z.number(),
            }),
          ),
        }),
      },
    },
  }),
};

/**
 * Registers an admin operation on the admin router, whose paths are relative to `/_emulator` (the kit
 * strips the prefix before dispatching), while the document keeps the full path.
 */
export function serveAdmin(router: Router, op: WireOperation, handler: Handler): Router {
  const relative = { ...op, path: op.path.slice('/_emulator'.length) };
  serve(router, relative, handler);
  router.operations[router.operations.length - 1] = op;
  return router;
}

/** The emulator's OpenAPI document: the operations its routers serve (the kit adds the shared admin paths). */
export function livevoxDocument(api: Router, admin: Router): Record<string, unknown> {
  return openApiDocument(
    {
      title: 'voxbridge LiveVox emulator',
      version: '0.1.0',
      description:
        'Session, Context Data and Real-Time Reporting APIs of LiveVox, served from a simulated contact center. Every path also accepts a version segment after the category (/realtime/v6.0/service/stats).',
      ...LIVEVOX_SECURITY,
    },
    [...api.operations, ...admin.operations],
  );
}
