import type { RouteContext, Router } from '@voxbridge/emulator-kit';
import { checked, numericParam, ok, type WfmRouteDeps } from './context.js';
import { wfmError } from './errors.js';
import { decodePageToken, encodePageToken, readPageSize } from './paging.js';

/** Paths of the token endpoint: `authority` (what every client uses) and `authorisation` (also in Playvox's page). */
export const WFM_TOKEN_PATHS = ['/api/authority/token', '/api/authorisation/token'];

/** Adds the token, users, task definition and workstream routes. */
export function addSetupRoutes(router: Router, deps: WfmRouteDeps): void {
  const { state } = deps;
  for (const path of WFM_TOKEN_PATHS) router.post(path, (ctx) => issueToken(ctx, deps));

  // The tenant path, and the regional-host form without `/api` (https://api-us.cloud.agyletime.io/organisation/users).
  for (const path of ['/api/organisation/users', '/organisation/users']) {
    router.get(path, (ctx) => {
      const { paging } = deps.config();
      const token = ctx.query.get('nextPageToken');
      const cursor = token ? decodePageToken<{ k: string; a: number; s: number }>(token, 'users') : undefined;
      const size = cursor?.s ?? readPageSize(ctx.query, paging.usersPageSize, paging.maxPageSize);
      const rest = state.directory.list().filter((user) => user.id > (cursor?.a ?? 0));
      const page = rest.slice(0, size);
      const last = page[page.length - 1];
      const next =
        rest.length > size && last ? encodePageToken({ k: 'users', a: last.id, s: size }) : undefined;
      return ok(page, 200, next ? { nextPageToken: next } : {});
    });
  }

  const definitions = '/api/schedule/tasks/definitions';
  router
    .get(definitions, () => ok([...state.catalog.taskDefinitions.values()]))
    .get(`${definitions}/:id`, (ctx) =>
      ok(findOr404(state.catalog.taskDefinitions, numericParam(ctx, 'id'), 'task definition')),
    )
    .post(
      definitions,
      checked((ctx) => ok(state.catalog.createTaskDefinition(ctx.body, state.nowIso()), 201)),
    )
    .put(
      `${definitions}/:id`,
      checked((ctx) =>
        ok(state.catalog.updateTaskDefinition(idOr404(ctx, 'task definition'), ctx.body, state.nowIso())),
      ),
    );

  const workstreams = '/api/workactivity/workstreams';
  router
    .get(workstreams, () => ok([...state.catalog.workstreams.values()]))
    .get(`${workstreams}/:id`, (ctx) =>
      ok(findOr404(state.catalog.workstreams, numericParam(ctx, 'id'), 'workstream')),
    )
    .post(
      workstreams,
      checked((ctx) => ok(state.catalog.createWorkstream(ctx.body, state.nowIso()), 201)),
    )
    .put(
      `${workstreams}/:id`,
      checked((ctx) =>
        ok(state.catalog.updateWorkstream(idOr404(ctx, 'workstream'), ctx.body, state.nowIso())),
      ),
    );
}

/** `POST /api/authority/token`: HTTP Basic `accessKeyId:secret`, optional `grant_type=client_credentials`. */
function issueToken(ctx: RouteContext, deps: WfmRouteDeps) {
  const { state } = deps;
  const grant =
    typeof ctx.body === 'object' && ctx.body !== null
      ? (ctx.body as Record<string, unknown>).grant_type
      : undefined;
  if (grant !== undefined && grant !== 'client_credentials')
    throw wfmError(400, 'grant_type: only client_credentials is supported', { field: 'grant_type' });
  const basic = /^Basic\s+(.+)$/i.exec(String(ctx.headers.authorization ?? ''));
  const decoded = basic ? Buffer.from(basic[1]!, 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  const accessKeyId = colon > 0 ? decoded.slice(0, colon) : '';
  if (colon <= 0 || !state.tokens.verify(accessKeyId, decoded.slice(colon + 1))) {
    throw wfmError(401, 'invalid client credentials: send HTTP Basic accessKeyId:secret');
  }
  const { token } = deps.config();
  const accessToken = state.tokens.issue(accessKeyId, token.ttlSeconds, state.clock.now());
  return ok({ accessToken, tokenType: 'Bearer', [token.expiryField]: token.ttlSeconds });
}

function idOr404(ctx: RouteContext, kind: string): number {
  const id = numericParam(ctx, 'id');
  if (id === undefined) throw wfmError(404, `${kind} ${ctx.params.id} not found`);
  return id;
}

function findOr404<T>(records: Map<number, T>, id: number | undefined, kind: string): T {
  const record = id === undefined ? undefined : records.get(id);
  if (!record) throw wfmError(404, `${kind} not found`);
  return record;
}
