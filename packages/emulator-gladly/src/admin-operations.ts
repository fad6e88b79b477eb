import { operation, type WireResponse } from '@voxbridge/core';
import { CONTACT_CHANNELS, GladlyErrorBodySchema } from '@voxbridge/gladly/wire';
import { z } from 'zod';

/**
 * The Gladly emulator's own admin API (`/_emulator/…`, loopback only), as contract operations: the
 * admin router serves them and the generated document describes them beside the shared admin routes.
 */

const admin = { tags: ['emulator admin'], public: true } as const;
const refused: WireResponse = { description: 'bad input (names the field)', schema: GladlyErrorBodySchema };
const conflict: WireResponse = {
  description: 'the simulation cannot do that now (unknown agent, closed conversation, …)',
  schema: GladlyErrorBodySchema,
};
const ok = z.object({ ok: z.literal(true) });

/** The emulator clock as the admin API shows it. */
export const ClockViewSchema = z.object({
  now: z.number().describe('epoch ms'),
  iso: z.string(),
  speed: z.number().describe('simulated ms per real ms'),
});

/** `GET /_emulator/activity`: what the simulated organisation is doing. */
export const ActivityStatusSchema = z.object({
  running: z.boolean(),
  seed: z.number(),
  now: z.string(),
  agents: z.number(),
  loggedIn: z.number(),
  away: z.number(),
  openConversations: z.number(),
  queuedContacts: z.number(),
  events: z.number(),
});

/** `GET /_emulator/clock`. */
export const getClock = operation({
  ...admin,
  operationId: 'emulatorGetClock',
  method: 'GET',
  path: '/_emulator/clock',
  summary: 'Read the emulator clock',
  responses: { 200: { description: 'the clock', schema: ClockViewSchema } },
});

/** `POST /_emulator/clock`: advance the clock and/or set its speed. */
export const setClock = operation({
  ...admin,
  operationId: 'emulatorSetClock',
  method: 'POST',
  path: '/_emulator/clock',
  summary: 'Advance the clock and/or set its speed',
  body: z
    .object(
      {
        advanceMs: z.number({ error: 'must be a number' }).min(0, 'must not be negative').optional(),
        speed: z
          .number({ error: 'must be a number' })
          .gt(0, 'must be above 0 and at most 10000')
          .max(10_000, 'must be above 0 and at most 10000')
          .optional(),
      },
      { error: 'give advanceMs and/or speed' },
    )
    .refine(
      (body) => body.advanceMs !== undefined || body.speed !== undefined,
      'give advanceMs and/or speed',
    ),
  requestExamples: { hour: { summary: 'jump an hour ahead', value: { advanceMs: 3_600_000 } } },
  responses: { 200: { description: 'the clock', schema: ClockViewSchema }, 400: refused },
});

/** `GET /_emulator/activity`. */
export const getActivity = operation({
  ...admin,
  operationId: 'emulatorGetActivity',
  method: 'GET',
  path: '/_emulator/activity',
  summary: 'Simulation status',
  responses: { 200: { description: 'the status', schema: ActivityStatusSchema } },
});

/** `POST /_emulator/activity`: start or stop traffic, or generate a backlog. */
export const setActivity = operation({
  ...admin,
  operationId: 'emulatorSetActivity',
  method: 'POST',
  path: '/_emulator/activity',
  summary: 'Start or stop traffic, or generate a backlog (give hours)',
  body: z
    .object(
      {
        action: z.enum(['start', 'stop', 'backlog']).optional(),
        drain: z.boolean().optional().describe('with stop: wind down and wait for deliveries'),
        hours: z.number({ error: 'must be a number' }).optional(),
        agents: z.number({ error: 'must be a number' }).optional(),
        seed: z.number({ error: 'must be a number' }).optional(),
        endAt: z
          .string()
          .refine((value) => !Number.isNaN(Date.parse(value)), 'must be an ISO 8601 time')
          .optional(),
        live: z.boolean({ error: 'must be true or false' }).optional(),
      },
      { error: "give an action ('start', 'stop' or 'backlog') or hours for a backlog" },
    )
    .refine((body) => body.action !== undefined || body.hours !== undefined, {
      path: ['action'],
      error: "must be 'start', 'stop' or 'backlog' (or give hours for a backlog)",
    })
    .refine((body) => body.action !== 'backlog' || body.hours !== undefined, {
      path: ['hours'],
      error: 'required for a backlog',
    }),
  requestExamples: { backlog: { summary: 'two hours of history, then live', value: { hours: 2 } } },
  responses: {
    200: { description: 'the status', schema: ActivityStatusSchema },
    400: refused,
    409: conflict,
  },
});

/** `GET /_emulator/truth`: the ground truth a test compares the bridge's output with. */
export const getTruth = operation({
  ...admin,
  operationId: 'emulatorTruth',
  method: 'GET',
  path: '/_emulator/truth',
  summary: 'What has happened: agent statuses, conversations per inbox, webhook deliveries, reports',
  responses: {
    200: {
      description: 'the truth',
      schema: z.looseObject({
        now: z.string(),
        agents: z.array(z.looseObject({ agentId: z.string(), statuses: z.array(z.unknown()) })),
        inboxes: z.array(z.looseObject({ inboxId: z.string() })),
      }),
    },
  },
});

/** `POST /_emulator/agents/{agentId}/{action}`: act as an agent. */
export const agentAction = operation({
  ...admin,
  operationId: 'emulatorAgentAction',
  method: 'POST',
  path: '/_emulator/agents/{agentId}/{action}',
  summary: 'login, logout, away ({reason}), return or availability ({availableFor})',
  params: z.object({
    agentId: z.string(),
    action: z.enum(['login', 'logout', 'away', 'return', 'availability'], {
      error: 'must be login, logout, away, return or availability',
    }),
  }),
  body: z
    .object({
      reason: z.string().nullable().optional().describe('away: the away reason’s name'),
      availableFor: z
        .array(z.string(), { error: 'must be a list of channels' })
        .optional()
        .describe('availability: MAIL, MESSAGING, TASK, VOICE'),
    })
    .optional(),
  requestExamples: { lunch: { summary: 'go away for lunch', value: { reason: 'Lunch' } } },
  responses: { 200: { description: 'done', schema: ok }, 400: refused, 409: conflict },
});

/** `POST /_emulator/conversations`: a customer starts a conversation. */
export const createConversation = operation({
  ...admin,
  operationId: 'emulatorCreateConversation',
  method: 'POST',
  path: '/_emulator/conversations',
  summary: 'Start a conversation (a contact in an inbox)',
  body: z.object({ inboxId: z.string().optional(), channel: z.enum(CONTACT_CHANNELS).optional() }).optional(),
  requestExamples: { chat: { summary: 'a chat in any inbox', value: { channel: 'CHAT' } } },
  responses: {
    201: {
      description: 'the new conversation and contact',
      schema: z.looseObject({ conversationId: z.string() }),
    },
    400: refused,
    409: conflict,
  },
});

/** `POST /_emulator/conversations/{conversationId}/close`. */
export const closeConversation = operation({
  ...admin,
  operationId: 'emulatorCloseConversation',
  method: 'POST',
  path: '/_emulator/conversations/{conversationId}/close',
  summary: 'Close a conversation',
  params: z.object({ conversationId: z.string() }),
  responses: { 200: { description: 'done', schema: ok }, 409: conflict },
});

const count = (what: string) =>
  z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must not be negative')
    .max(1_000_000)
    .describe(what);

/** The poison switch with what it planted (`GET`/`PUT /_emulator/poison`). */
export const PoisonViewSchema = z.object({
  linesEvery: count(
    'after every this many lines of an Events API answer or export file, one poison line; 0: none',
  ),
  webhooks: count('the next this many webhook dispatches each also POST a poison body'),
  planted: z.object({ lines: z.number(), webhooks: z.number() }),
});

/** `GET /_emulator/poison`. */
export const getPoison = operation({
  ...admin,
  operationId: 'emulatorGetPoison',
  method: 'GET',
  path: '/_emulator/poison',
  summary: 'Read the poison switch and what it planted',
  responses: { 200: { description: 'the switch', schema: PoisonViewSchema } },
});

/** `PUT /_emulator/poison`: plant malformed items (not an object, cut short, no id, wrong types). */
export const setPoison = operation({
  ...admin,
  operationId: 'emulatorSetPoison',
  method: 'PUT',
  path: '/_emulator/poison',
  summary: 'Plant poison items in Events API answers, export files and webhook deliveries',
  body: PoisonViewSchema.omit({ planted: true }).partial().strict(),
  requestExamples: {
    everyTenth: {
      summary: 'a poison line after every 10th line, 3 poison webhooks',
      value: { linesEvery: 10, webhooks: 3 },
    },
  },
  responses: { 200: { description: 'the switch', schema: PoisonViewSchema }, 400: refused },
});
