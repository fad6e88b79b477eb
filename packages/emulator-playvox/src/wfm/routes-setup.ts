import type { WireOperation } from '@voxbridge/core';
import type { RouteContext, Router } from '@voxbridge/emulator-kit';
import { wfm } from '@voxbridge/playvox/wire';
import { numericParam, ok, serveWfm, type WfmBody, type WfmRouteDeps } from './context.js';
import { wfmError } from './errors.js';
import { decodePageToken, encodePageToken, readPageSize } from './paging.js';

/** Paths of the token endpoint: `authority` (what every client uses) and `authorisation` (also in Playvox's page). */
export const WFM_TOKEN_PATHS = [wfm.issueToken.path, wfm.issueTokenAuthorisation.path];

/** Adds the token, users, task definition and workstream routes. */
export function addSetupRoutes(router: Router, deps: WfmRouteDeps): void {
  const { state } = deps;
  for (const op of [wfm.issueToken, wfm.issueTokenAuthorisation])
    serveWfm(router, op, (ctx) => issueToken(ctx, deps), { bodyStatus: 400 });

  // The tenant path, and the regional-host form without `/api` (https://api-us.cloud.agyletime.io/organisation/users).
  for (const op of [wfm.listUsers, wfm.listUsersRegional]) {
    serveWfm(router, op, (ctx) => {
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

  const { catalog } = state;
  serveCatalog(router, 'task definition', catalog.taskDefinitions, {
    ops: [wfm.listTaskDefinitions, wfm.getTaskDefinition, wfm.createTaskDefinition, wfm.updateTaskDefinition],
    create: (body) => catalog.createTaskDefinition(body as TaskBody, state.nowIso()),
    update: (id, body) => catalog.updateTaskDefinition(id, body as TaskPatch, state.nowIso()),
  });
  serveCatalog(router, 'workstream', catalog.workstreams, {
    ops: [wfm.listWorkstreams, wfm.getWorkstream, wfm.createWorkstream, wfm.updateWorkstream],
    create: (body) => catalog.createWorkstream(body as WorkstreamBody, state.nowIso()),
    update: (id, body) => catalog.updateWorkstream(id, body as WorkstreamPatch, state.nowIso()),
  });
}

type TaskBody = WfmBody<typeof wfm.createTaskDefinition>;
type TaskPatch = WfmBody<typeof wfm.updateTaskDefinition>;
type WorkstreamBody = WfmBody<typeof wfm.createWorkstream>;
type WorkstreamPatch = WfmBody<typeof wfm.updateWorkstream>;

/** Serves the list, get, create and update operations of one kind of setting (task definitions, workstreams). */
function serveCatalog<T>(
  router: Router,
  kind: string,
  records: Map<number, T>,
  parts: {
    ops: readonly [list: WireOperation, get: WireOperation, create: WireOperation, update: WireOperation];
    create: (body: unknown) => T;
    update: (id: number, body: unknown) => T;
  },
): void {
  const [list, get, create, update] = parts.ops;
  const rules = { notFound: kind };
  serveWfm(router, list, () => ok([...records.values()]));
  serveWfm(router, get, (ctx) => ok(findOr404(records, numericParam(ctx, 'id'), kind)), rules);
  serveWfm(router, create, (ctx) => ok(parts.create(ctx.body), 201));
  serveWfm(router, update, (ctx) => ok(parts.update(Number(ctx.params.id), ctx.body)), rules);
}

/** `POST /api/authority/token`: HTTP Basic `accessKeyId:secret`; the contract checked `grant_type`. */
function issueToken(ctx: RouteContext, deps: WfmRouteDeps) {
  const { state } = deps;
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

function findOr404<T>(records: Map<number, T>, id: number | undefined, kind: string): T {
  const record = id === undefined ? undefined : records.get(id);
  if (!record) throw wfmError(404, `${kind} not found`);
  return record;
}
