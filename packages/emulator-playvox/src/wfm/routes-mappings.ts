import type { RouteContext, Router } from '@voxbridge/emulator-kit';
import { checked, ok, type WfmRouteDeps } from './context.js';
import { FieldError, wfmError } from './errors.js';
import type { WfmState } from './state.js';
import type { WfmUserRecord } from './users.js';
import { asObject, INTEGRATION_ALIAS, readString } from './validate.js';

/** One requested change of a user's identifier in an integration. */
export interface UserMappingInput {
  /** The Playvox user, by email (case-insensitive) … */
  email: string | undefined;
  /** … or by Playvox user id. */
  userId: number | undefined;
  /** The user's id in the integration; null removes it. */
  identifier: string | null;
}

/** What a mapping request did to one user. */
export interface UserMappingResult {
  email: string | null;
  userId: number | null;
  identifier: string | null;
  /** `mapped`: set or changed; `cleared`: removed; `unchanged`; `unknown_user`: no such user. */
  outcome: 'mapped' | 'cleared' | 'unchanged' | 'unknown_user';
  /** The identifier the user held before. */
  previous: string | null;
  /** Another user that held the identifier and lost it. */
  takenFrom: number | null;
}

/** A user's identifier in one integration, as `GET …/user-mappings` lists it. */
export interface UserMappingView {
  userId: number;
  email: string;
  identifier: string;
}

/** Most mappings in one request. */
export const MAX_MAPPINGS_PER_REQUEST = 1000;

/**
 * Adds the (designed) user-identifier mapping endpoints: `GET` lists the users holding an identifier
 * of the integration; `POST` sets or clears identifiers, by email or Playvox user id, checked whole
 * before any change applies.
 */
export function addMappingRoutes(router: Router, deps: WfmRouteDeps): void {
  const { state } = deps;
  const path = '/api/workactivity/integrations/:integration/user-mappings';
  router.get(path, (ctx) => {
    const alias = integrationOf(ctx);
    const views: UserMappingView[] = [];
    for (const user of state.directory.list()) {
      const entry = user.integrations.find((item) => item.integrationAlias === alias);
      if (entry) views.push({ userId: user.id, email: user.email, identifier: entry.identifier });
    }
    return ok(views);
  });
  router.post(
    path,
    checked((ctx) => {
      const alias = integrationOf(ctx);
      const inputs = parseMappings(ctx.body);
      return ok(applyMappings(state, alias, inputs));
    }),
  );
}

function integrationOf(ctx: RouteContext): string {
  const alias = (ctx.params.integration ?? '').toLowerCase();
  if (!INTEGRATION_ALIAS.test(alias))
    throw wfmError(400, 'integration: must be 1-64 characters of a-z, 0-9, _ and -', {
      field: 'integration',
    });
  return alias;
}

/** Reads `{ mappings: [{ email | userId, identifier }] }` (or a bare array). */
export function parseMappings(body: unknown): UserMappingInput[] {
  const list = Array.isArray(body)
    ? body
    : Array.isArray((body as { mappings?: unknown } | null)?.mappings)
      ? (body as { mappings: unknown[] }).mappings
      : undefined;
  if (!list) throw wfmError(400, 'body: must be { "mappings": [ { email | userId, identifier } ] }');
  if (list.length === 0) throw wfmError(400, 'mappings: must hold at least one mapping');
  if (list.length > MAX_MAPPINGS_PER_REQUEST)
    throw wfmError(400, `mappings: at most ${MAX_MAPPINGS_PER_REQUEST} per request (got ${list.length})`);
  return list.map((item, i) => {
    const prefix = `mappings[${i}].`;
    const input = asObject(item, `mappings[${i}]`);
    const email = readString(input, 'email', prefix, { max: 320 });
    const userId = input.userId;
    if (userId !== undefined && !(typeof userId === 'number' && Number.isInteger(userId) && userId > 0))
      throw new FieldError(`${prefix}userId`, 'must be a positive integer');
    if (email === undefined && userId === undefined)
      throw new FieldError(`${prefix}email`, 'email or userId is required');
    const identifier = input.identifier;
    if (
      identifier !== null &&
      (typeof identifier !== 'string' || identifier.length === 0 || identifier.length > 200)
    )
      throw new FieldError(
        `${prefix}identifier`,
        'must be a string of 1 to 200 characters, or null to remove it',
      );
    return { email, userId: userId as number | undefined, identifier: identifier as string | null };
  });
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
