import type { Router } from '@voxbridge/emulator-kit';
import { wfm } from '@voxbridge/playvox/wire';
import type { z } from 'zod';
import { ok, serveWfm, type WfmBody, type WfmRouteDeps } from './context.js';
import { integrationOf } from './routes-activity.js';
import type { WfmState } from './state.js';
import type { WfmUserRecord } from './users.js';

/** One requested change of a user's identifier in an integration (the contract's `userMapping`, parsed). */
export type UserMappingInput = z.output<typeof wfm.userMapping>;

/** What a mapping request did to one user. */
export type UserMappingResult = wfm.WfmUserMappingResult;

/** A user's identifier in one integration, as `GET …/user-mappings` lists it. */
export type UserMappingView = wfm.WfmUserMappingView;

/** Most mappings in one request. */
export const MAX_MAPPINGS_PER_REQUEST = wfm.WFM_MAX_USER_MAPPINGS;

/**
 * Adds the (designed) user-identifier mapping endpoints: `GET` lists the users holding an identifier
 * of the integration; `POST` sets or clears identifiers, by email or Playvox user id, checked whole
 * before any change applies.
 */
export function addMappingRoutes(router: Router, deps: WfmRouteDeps): void {
  const { state } = deps;
  serveWfm(router, wfm.listUserMappings, (ctx) => {
    const alias = integrationOf(ctx);
    const views: UserMappingView[] = [];
    for (const user of state.directory.list()) {
      const entry = user.integrations.find((item) => item.integrationAlias === alias);
      if (entry) views.push({ userId: user.id, email: user.email, identifier: entry.identifier });
    }
    return ok(views);
  });
  serveWfm(
    router,
    wfm.mapUsers,
    (ctx) => {
      const body = ctx.body as WfmBody<typeof wfm.mapUsers>;
      const inputs = Array.isArray(body) ? body : body.mappings;
      return ok(applyMappings(state, integrationOf(ctx), inputs));
    },
    { batch: 'mappings' },
  );
}

/** Applies checked mappings in order. */
export function applyMappings(
  state: WfmState,
  alias: string,
  inputs: UserMappingInput[],
): UserMappingResult[] {
  return inputs.map((input) => {
    const user = findUser(state, input);
    if (!user)
      return {
        email: input.email ?? null,
        userId: input.userId ?? null,
        identifier: input.identifier,
        outcome: 'unknown_user',
        previous: null,
        takenFrom: null,
      };
    const previous = user.integrations.find((entry) => entry.integrationAlias === alias)?.identifier ?? null;
    const holder = input.identifier === null ? undefined : state.directory.holderOf(alias, input.identifier);
    const takenFrom = holder && holder.id !== user.id ? holder.id : null;
    const unchanged = previous === input.identifier;
    if (!unchanged) state.directory.assignIdentifier(user, alias, input.identifier, state.nowIso());
    return {
      email: user.email,
      userId: user.id,
      identifier: input.identifier,
      outcome: unchanged ? 'unchanged' : input.identifier === null ? 'cleared' : 'mapped',
      previous,
      takenFrom,
    };
  });
}

function findUser(state: WfmState, input: UserMappingInput): WfmUserRecord | undefined {
  if (input.userId !== undefined) return state.directory.get(input.userId);
  return state.directory.resolve('', { userEmail: input.email });
}
