import { operation, type WireOperation } from '@voxbridge/core';
import { Router } from '@voxbridge/emulator-kit';
import { wfm } from '@voxbridge/playvox/wire';
import { z } from 'zod';
import { serveWfm, type WfmBody } from './context.js';
import type { WfmState } from './state.js';
import { wfmTokenStats } from './tokens.js';
import { computeTruth, wfmTruth } from './truth.js';
import { wfmUserSeed } from './users.js';

const tags = ['emulator admin'];
const answer = <T extends z.ZodType>(description: string, schema: T) => ({ 200: { description, schema } });
const clock = z.object({ now: z.string(), epochMs: z.number(), speed: z.number() });

/** The WFM emulator's own admin operations under `/_emulator/` (the kit documents the shared ones). */
export const WFM_ADMIN_OPERATIONS = {
  truth: operation({
    operationId: 'wfmTruth',
    method: 'GET',
    path: '/_emulator/truth',
    summary: 'Counts of what the emulator received and made of it',
    tags,
    public: true,
    responses: answer('The truth.', wfmTruth),
  }),
  unmatched: operation({
    operationId: 'wfmUnmatchedAll',
    method: 'GET',
    path: '/_emulator/unmatched',
    summary: 'The issue report across integrations',
    tags,
    public: true,
    responses: answer('Every issue, oldest first.', z.array(wfm.issue)),
  }),
  clock: operation({
    operationId: 'wfmClock',
    method: 'GET',
    path: '/_emulator/clock',
    summary: 'Emulated time',
    tags,
    public: true,
    responses: answer('The clock.', clock),
  }),
  setClock: operation({
    operationId: 'wfmSetClock',
    method: 'POST',
    path: '/_emulator/clock',
    summary: 'Move emulated time ({ advanceMs }) or change its speed ({ speed })',
    tags,
    public: true,
    body: z
      .object({
        advanceMs: z.number({ error: 'must be a number >= 0' }).min(0, 'must be a number >= 0').optional(),
        speed: z.number({ error: 'must be a number > 0' }).positive('must be a number > 0').optional(),
      })
      .optional(),
    responses: { ...answer('The clock.', clock), ...wfm.errors(422) },
    requestExamples: { minute: { summary: 'a minute later', value: { advanceMs: 60_000 } } },
  }),
  tokens: operation({
    operationId: 'wfmTokens',
    method: 'GET',
    path: '/_emulator/tokens',
    summary: 'Token counts (issued, active, revoked); never the values',
    tags,
    public: true,
    responses: answer('The counts.', wfmTokenStats),
  }),
  revokeTokens: operation({
    operationId: 'wfmRevokeTokens',
    method: 'DELETE',
    path: '/_emulator/tokens',
    summary: 'Revoke every issued token',
    tags,
    public: true,
    responses: answer('How many were revoked.', z.object({ revoked: z.number().int() })),
  }),
  users: operation({
    operationId: 'wfmAddUsers',
    method: 'POST',
    path: '/_emulator/users',
    summary: 'Add or update users by email: { users: [...] }, an array, or one user',
    tags,
    public: true,
    body: z.union(
      [
        z.object({ users: z.array(wfmUserSeed).min(1, 'at least one user is required') }),
        z.array(wfmUserSeed).min(1, 'at least one user is required'),
        wfmUserSeed,
      ],
      { error: 'must be { "users": [ ... ] }, an array of users or one user' },
    ),
    responses: { ...answer('The users.', wfm.data(z.array(wfm.user))), ...wfm.errors(400, 422) },
    requestExamples: {
      gladlyAgent: {
        summary: 'a user with a Gladly agent id',
        value: { email: 'ava.adams@example.com', integrations: { gladly: 'agent-1' } },
      },
    },
  }),
} as const;

/** The admin operations as a list, for the document. */
export const WFM_ADMIN_OPERATION_LIST: readonly WireOperation[] = Object.values(WFM_ADMIN_OPERATIONS);

/** Serves an admin operation on the admin router, whose paths are relative to `/_emulator`. */
function serveAdmin(
  router: Router,
  op: WireOperation,
  handler: Parameters<typeof serveWfm>[2],
  batch?: string,
) {
  serveWfm(router, { ...op, path: op.path.slice('/_emulator'.length) }, handler, batch ? { batch } : {});
}

/**
 * The WFM emulator's own admin routes under `/_emulator/`: the truth, the clock, tokens, users and
 * the issue report across integrations.
 */
export function buildWfmAdminRouter(state: WfmState): Router {
  const router = new Router();
  const ops = WFM_ADMIN_OPERATIONS;
  const clockBody = () => ({ now: state.nowIso(), epochMs: state.clock.now(), speed: state.clock.speed });
  serveAdmin(router, ops.truth, () => ({ status: 200, body: computeTruth(state) }));
  serveAdmin(router, ops.unmatched, () => ({ status: 200, body: state.issues() }));
  serveAdmin(router, ops.clock, () => ({ status: 200, body: clockBody() }));
  serveAdmin(router, ops.setClock, (ctx) => {
    const { advanceMs, speed } = (ctx.body as WfmBody<typeof ops.setClock>) ?? {};
    if (speed !== undefined) state.clock.setSpeed(speed);
    if (advanceMs !== undefined) state.clock.advance(advanceMs);
    return { status: 200, body: clockBody() };
  });
  serveAdmin(router, ops.tokens, () => ({ status: 200, body: state.tokens.stats(state.clock.now()) }));
  serveAdmin(router, ops.revokeTokens, () => ({ status: 200, body: { revoked: state.tokens.revokeAll() } }));
  serveAdmin(
    router,
    ops.users,
    (ctx) => {
      const body = ctx.body as WfmBody<typeof ops.users>;
      const seeds = Array.isArray(body) ? body : 'users' in body ? body.users : [body];
      return { status: 200, body: { data: seeds.map((seed) => state.addUser(seed)) } };
    },
    'users',
  );
  return router;
}
