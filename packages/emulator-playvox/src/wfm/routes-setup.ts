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
  const task = { notFound: 'task definition' };
  serveWfm(router, wfm.listTaskDefinitions, () => ok([...catalog.taskDefinitions.values()]));
  serveWfm(
    router,
    wfm.getTaskDefinition,
    (ctx) => ok(findOr404(catalog.taskDefinitions, numericParam(ctx, 'id'), 'task definition')),
    task,
  );
  serveWfm(router, wfm.createTaskDefinition, (ctx) => {
    const body = ctx.body as WfmBody<typeof wfm.createTaskDefinition>;
    return ok(catalog.createTaskDefinition(body, state.nowIso()), 201);
  });
  serveWfm(
    router,
    wfm.updateTaskDefinition,
    (ctx) => {
      const body = ctx.body as WfmBody<typeof wfm.updateTaskDefinition>;
      return ok(catalog.updateTaskDefinition(Number(ctx.params.id), body, state.nowIso()));
    },
    task,
  );

  const workstream = { notFound: 'workstream' };
  serveWfm(router, wfm.listWorkstreams, () => ok([...catalog.workstreams.values()]));
  serveWfm(
    router,
    wfm.getWorkstream,
    (ctx) => ok(findOr404(catalog.workstreams, numericParam(ctx, 'id'), 'workstream')),
    workstream,
  );
  serveWfm(router, wfm.createWorkstream, (ctx) => {
    const body = ctx.body as WfmBody<typeof wfm.createWorkstream>;
    return ok(catalog.createWorkstream(body, state.nowIso()), 201);
  });
  serveWfm(
    router,
    wfm.updateWorkstream,
    (ctx) => {
      const body = ctx.body as WfmBody<typeof wfm.updateWorkstream>;
      return ok(catalog.updateWorkstream(Number(ctx.params.id), body, state.nowIso()));
    },
    workstream,
  );
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
