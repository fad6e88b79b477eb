import { HttpError, Router } from '@voxbridge/emulator-kit';
import { checked } from './context.js';
import { FieldError, wfmErrorBody } from './errors.js';
import type { WfmState } from './state.js';
import { computeTruth } from './truth.js';
import type { WfmUserSeed } from './users.js';
import { asObject, readBoolean, readString } from './validate.js';

/**
 * The WFM emulator's own admin routes under `/_emulator/`: the truth, the clock, tokens, users and
 * the issue report across integrations.
 */
export function buildWfmAdminRouter(state: WfmState): Router {
  return new Router()
    .get('/truth', () => ({ status: 200, body: computeTruth(state) }))
    .get('/unmatched', () => ({ status: 200, body: state.issues() }))
    .get('/clock', () => ({ status: 200, body: clockBody(state) }))
    .post(
      '/clock',
      checked((ctx) => {
        const body = asObject(ctx.body ?? {}, 'body');
        const { advanceMs, speed } = body;
        if (advanceMs !== undefined && !(typeof advanceMs === 'number' && advanceMs >= 0))
          throw new FieldError('advanceMs', 'must be a number >= 0');
        if (speed !== undefined && !(typeof speed === 'number' && speed > 0))
          throw new FieldError('speed', 'must be a number > 0');
        if (typeof speed === 'number') state.clock.setSpeed(speed);
        if (typeof advanceMs === 'number') state.clock.advance(advanceMs);
        return { status: 200, body: clockBody(state) };
      }),
    )
    .get('/tokens', () => ({ status: 200, body: state.tokens.stats(state.clock.now()) }))
    .delete('/tokens', () => ({ status: 200, body: { revoked: state.tokens.revokeAll() } }))
    .post(
      '/users',
      checked((ctx) => {
        const list = Array.isArray(ctx.body)
          ? ctx.body
          : Array.isArray((ctx.body as { users?: unknown })?.users)
            ? (ctx.body as { users: unknown[] }).users
            : [ctx.body];
        if (list.length === 0)
          throw new HttpError(400, wfmErrorBody(400, 'body: at least one user is required'));
        const seeds = list.map((item, i) => readUserSeed(item, `users[${i}].`));
        return { status: 200, body: { data: seeds.map((seed) => state.addUser(seed)) } };
      }),
    );
}

function clockBody(state: WfmState) {
  return { now: state.nowIso(), epochMs: state.clock.now(), speed: state.clock.speed };
}

function readUserSeed(value: unknown, prefix: string): WfmUserSeed {
  const input = asObject(value, prefix.slice(0, -1));
  const integrations = input.integrations;
  if (integrations !== undefined) {
    const map = asObject(integrations, `${prefix}integrations`);
    for (const [alias, id] of Object.entries(map)) {
      if (typeof id !== 'string' || id.length === 0)
        throw new FieldError(`${prefix}integrations.${alias}`, 'must be a non-empty string');
    }
  }
  const seed: WfmUserSeed = { email: readString(input, 'email', prefix, { required: true, max: 320 })! };
  const firstName = readString(input, 'firstName', prefix, { max: 100 });
  const lastName = readString(input, 'lastName', prefix, { max: 100 });
  const timezone = readString(input, 'timezone', prefix, { max: 64 });
  const isActive = readBoolean(input, 'isActive', prefix);
  if (firstName !== undefined) seed.firstName = firstName;
  if (lastName !== undefined) seed.lastName = lastName;
  if (timezone !== undefined) seed.timezone = timezone;
  if (isActive !== undefined) seed.isActive = isActive;
  if (integrations !== undefined) seed.integrations = integrations as Record<string, string>;
  return seed;
}
