import type { RouteContext, Router } from '@voxbridge/emulator-kit';
import { changePassword, login, logout as logoutOperation, validateSession } from '@voxbridge/livevox/wire';
import type { LiveVoxUser } from '../config.js';
import type { LiveVoxRuntime } from '../context.js';
import { logoutQuery, serve, validateSessionQuery } from '../contract.js';
import { bodyObject, lvError, NO_CONTENT, ok } from '../http-util.js';
import { CLIENT_ID } from '../model.js';

/** Routes served without an API session. */
export const SESSION_PUBLIC_ROUTES = [
  'POST /session/login',
  'GET /session/validate/:sessionId',
  'GET /session/validate',
  'DELETE /session/logout/:sessionId',
  'DELETE /session/logout',
  'POST /session/password',
];

/** A single-valued request header. */
export function header(ctx: RouteContext, name: string): string | undefined {
  const value = ctx.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text === '' ? undefined : text;
}

/**
 * Recognises the API session of a request: `LV-Session` must name a valid session (each use
 * extends it); an `LV-Access` header, when sent, must be a known token. Throws 401 with the reason.
 */
export function authenticate(runtime: LiveVoxRuntime, ctx: RouteContext): string {
  const tokens = runtime.config().auth.accessTokens;
  const access = header(ctx, 'lv-access');
  if (access !== undefined && !tokens.includes(access)) throw lvError(401, 'Invalid LV-Access token');
  const sessionId = header(ctx, 'lv-session');
  if (sessionId === undefined) throw lvError(401, 'LV-Session header is missing: log in first');
  const session = runtime.sessions.find(sessionId, true);
  if (!session) throw lvError(401, 'Session is not valid or has expired: log in again');
  return `${session.userKey}|${tokens.indexOf(session.accessToken)}`;
}

/** The `agent` flag of a login body: a boolean, or "true"/"false" as some clients send it (`isAgent` too). */
function agentFlag(body: Record<string, unknown>): boolean {
  const raw = body.agent ?? body.isAgent;
  if (raw === undefined || raw === null) return false;
  if (typeof raw === 'boolean') return raw;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  throw lvError(400, 'agent: must be a boolean');
}

function userKey(user: LiveVoxUser): string {
  return `${user.clientName}\u0000${user.agent ? user.userName.toLowerCase() : user.userName}\u0000${user.agent ? 'agent' : 'user'}`;
}

/** Finds the user a login body names and checks its password; throws 401 (without saying which part was wrong). */
function checkCredentials(
  runtime: LiveVoxRuntime,
  body: Record<string, unknown>,
): { user: LiveVoxUser; key: string } {
  for (const field of ['clientName', 'userName', 'password'] as const) {
    if (typeof body[field] !== 'string' || body[field] === '')
      throw lvError(400, `${field}: must be a non-empty string`);
  }
  const agent = agentFlag(body);
  const userName = body.userName as string;
  const user = runtime
    .config()
    .auth.users.find(
      (candidate) =>
        candidate.clientName === body.clientName &&
        Boolean(candidate.agent) === agent &&
        (agent
          ? candidate.userName.toLowerCase() === userName.toLowerCase()
          : candidate.userName === userName),
    );
  const key = user ? userKey(user) : '';
  if (!user || (runtime.passwords.get(key) ?? user.password) !== body.password)
    throw lvError(401, 'Invalid client name, user name or password');
  return { user, key };
}

function accessToken(runtime: LiveVoxRuntime, ctx: RouteContext): string {
  const { accessTokens, acceptBearer } = runtime.config().auth;
  const bearer = acceptBearer ? /^Bearer\s+(.+)$/i.exec(header(ctx, 'authorization') ?? '')?.[1] : undefined;
  const token = header(ctx, 'lv-access') ?? bearer;
  if (token === undefined || !accessTokens.includes(token))
    throw lvError(401, 'Missing or invalid LV-Access token');
  return token;
}

function validate(runtime: LiveVoxRuntime, sessionId: string | undefined) {
  if (!sessionId) throw lvError(400, 'sessionId: is required');
  const session = runtime.sessions.find(sessionId, runtime.config().session.validateExtends);
  if (!session) throw lvError(404, 'Session is not valid');
  return NO_CONTENT;
}

function logout(runtime: LiveVoxRuntime, sessionId: string | undefined) {
  if (!sessionId) throw lvError(400, 'sessionId: is required');
  if (!runtime.sessions.close(sessionId)) throw lvError(404, 'Session not found');
  return NO_CONTENT;
}

/** Adds the Session API: login, validate (path and query forms), logout, change password. */
export function addSessionRoutes(router: Router, runtime: LiveVoxRuntime): void {
  serve(router, login, (ctx) => {
    const token = accessToken(runtime, ctx);
    const { user, key } = checkCredentials(runtime, bodyObject(ctx));
    const session = runtime.sessions.open(token, key, user.userId ?? 1001);
    return ok({
      sessionId: session.id,
      clientId: CLIENT_ID,
      userId: session.userId,
      daysUntilPasswordExpires: 90,
    });
  });
  serve(router, validateSession, (ctx) => validate(runtime, ctx.params.sessionId));
  serve(router, validateSessionQuery, (ctx) =>
    validate(runtime, ctx.query.get('sessionId') ?? header(ctx, 'lv-session')),
  );
  serve(router, logoutOperation, (ctx) => logout(runtime, ctx.params.sessionId));
  serve(router, logoutQuery, (ctx) =>
    logout(runtime, ctx.query.get('sessionId') ?? header(ctx, 'lv-session')),
  );
  serve(router, changePassword, (ctx) => {
    const body = bodyObject(ctx);
    const access = header(ctx, 'lv-access');
    if (access !== undefined && !runtime.config().auth.accessTokens.includes(access))
      throw lvError(401, 'Invalid LV-Access token');
    const { key } = checkCredentials(runtime, body);
    if (typeof body.newPassword !== 'string' || body.newPassword.length < 1)
      throw lvError(400, 'newPassword: must be a non-empty string');
    runtime.passwords.set(key, body.newPassword);
    runtime.sessions.closeUser(key);
    return NO_CONTENT;
  });
}
