import type { RouteContext, Router } from '@voxbridge/emulator-kit';
import { qa } from '@voxbridge/playvox/wire';
import { conform, fieldError, notFound, Problems } from '../errors.js';
import { listEnvelope } from '../listing.js';
import { expanders } from '../relations.js';
import { newAgentFields } from '../roster-users.js';
import type { TeamRecord, UserRecord } from '../types.js';
import {
  type Body,
  checkText,
  isEmail,
  isStrongPassword,
  requireObject,
  validateUserIds,
} from '../validation.js';
import { listParams, ok, type RouteDeps, SUCCESS, serve } from './common.js';

const INTEGRATION_KEY = qa.INTEGRATION_KEY_PATTERN;
const USERNAME = qa.USERNAME_PATTERN;

/** Takes an `integrations_<name>` key into `into` (or records why not); false for any other key. */
function integrationKey(
  problems: Problems,
  key: string,
  value: unknown,
  into: Record<string, unknown>,
): boolean {
  if (!INTEGRATION_KEY.test(key)) return false;
  if (typeof value !== 'string') problems.add(key, 'must be a string (the user id in that system)');
  else into[key] = value;
  return true;
}

/** Registers `teams` and `users`. */
export function registerPeopleRoutes(router: Router, deps: RouteDeps): void {
  const { store } = deps;
  const userExists = (id: string) => store.user(id) !== undefined;

  const requireTeam = (ctx: RouteContext): TeamRecord => {
    const id = ctx.params.teamId ?? '';
    const team = store.team(id);
    if (!team) throw notFound('team_id', id);
    return team;
  };
  const requireUser = (ctx: RouteContext): UserRecord => {
    const id = ctx.params.userId ?? '';
    const user = store.user(id);
    if (!user) throw notFound('user_id', id);
    return user;
  };

  /** Checks a team body; on create `name` is required. */
  const teamInput = (body: Body, mode: 'create' | 'update', current?: TeamRecord) => {
    const problems = new Problems();
    for (const key of Object.keys(body))
      if (!['name', 'description', 'team_leader_id', 'users'].includes(key)) problems.add(key, 'unknown key');
    const name = checkText(problems, body, 'name', mode === 'create');
    let description: string | undefined;
    if (body.description !== undefined) {
      if (typeof body.description !== 'string') problems.add('description', 'must be a string');
      else description = body.description;
    }
    const leaders =
      body.team_leader_id === undefined
        ? undefined
        : validateUserIds(problems, 'team_leader_id', body.team_leader_id, userExists);
    const members =
      body.users === undefined ? undefined : validateUserIds(problems, 'users', body.users, userExists);
    problems.throwIfAny();
    const clash = name === undefined ? undefined : store.teamByName(name);
    if (clash && clash !== current) throw fieldError(409, 'name', `a team named '${name}' already exists`);
    return { name: name?.trim(), description, team_leader_id: leaders, users: members };
  };

  serve(router, qa.listTeams, (ctx) =>
    ok(listEnvelope(store.teams(), listParams(ctx, deps), expanders(store).team)),
  );

  serve(router, qa.createTeam, (ctx) => {
    const input = teamInput(requireObject(ctx.body), 'create');
    conform(qa.teamCreate, ctx.body);
    const team = store.addTeam({
      name: input.name!,
      description: input.description ?? '',
      team_leader_id: input.team_leader_id ?? [],
      users: input.users ?? [],
    });
    return ok({ success: true, result: { _id: team._id } });
  });

  const updateTeam = (ctx: RouteContext) => {
    const team = requireTeam(ctx);
    const input = teamInput(requireObject(ctx.body), 'update', team);
    conform(qa.teamUpdate, ctx.body);
    const patch = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
    store.updateTeam(team, patch);
    return SUCCESS;
  };
  serve(router, qa.updateTeam, updateTeam);
  serve(router, qa.updateTeamByPost, updateTeam);

  serve(router, qa.addTeamUser, (ctx) => {
    const team = requireTeam(ctx);
    const body = requireObject(ctx.body);
    const problems = new Problems();
    for (const key of Object.keys(body)) if (key !== 'id') problems.add(key, 'unknown key');
    if (typeof body.id !== 'string' || !userExists(body.id))
      problems.add('id', `'${String(body.id)}' is not a user id`);
    problems.throwIfAny();
    conform(qa.teamMember, body);
    if (!team.users.includes(body.id as string))
      store.updateTeam(team, { users: [...team.users, body.id as string] });
    return SUCCESS;
  });

  serve(router, qa.removeTeamUser, (ctx) => {
    const team = requireTeam(ctx);
    const user = requireUser(ctx);
    if (!team.users.includes(user._id))
      throw fieldError(404, 'user_id', `'${user._id}' is not a member of the team`);
    store.updateTeam(team, { users: team.users.filter((id) => id !== user._id) });
    return SUCCESS;
  });

  serve(router, qa.deleteTeam, (ctx) => {
    store.deleteTeam(requireTeam(ctx)._id);
    return SUCCESS;
  });

  serve(router, qa.listUsers, (ctx) =>
    ok(listEnvelope(store.userValues(), listParams(ctx, deps), expanders(store).user)),
  );

  serve(router, qa.createUser, (ctx) => {
    const body = requireObject(ctx.body);
    const problems = new Problems();
    const integrations: Record<string, string> = {};
    for (const [key, value] of Object.entries(body)) {
      if (integrationKey(problems, key, value, integrations)) continue;
      if (!['name', 'last_name', 'username', 'email', 'password'].includes(key))
        problems.add(key, 'unknown key');
    }
    const name = checkText(problems, body, 'name', true);
    const lastName = checkText(problems, body, 'last_name', true);
    if (typeof body.username !== 'string' || !USERNAME.test(body.username))
      problems.add('username', 'must be 1-64 characters of letters, digits and . _ @ + -');
    if (!isEmail(body.email)) problems.add('email', 'must be an email address');
    if (!isStrongPassword(body.password))
      problems.add(
        'password',
        'must be at least 10 characters with a digit, an upper-case and a lower-case letter',
      );
    problems.throwIfAny();
    conform(qa.userCreate, body);
    const username = body.username as string;
    const email = body.email as string;
    if (store.userByLogin(username)) throw fieldError(409, 'username', `'${username}' is already taken`);
    if (store.userByLogin(email)) throw fieldError(409, 'email', `'${email}' is already taken`);
    const agentRole = store.collection('roles').find((role) => role.code === 'agent');
    const user = store.addUser({
      name: name!,
      last_name: lastName!,
      username,
      email,
      ...newAgentFields(agentRole?._id),
      ...integrations,
    });
    return ok({ success: true, result: { _id: user._id } });
  });

  const updateUser = (ctx: RouteContext) => {
    const user = requireUser(ctx);
    const body = requireObject(ctx.body);
    const problems = new Problems();
    const patch: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(body)) {
      if (integrationKey(problems, key, value, patch)) continue;
      if (key === 'username' || key === 'password') problems.add(key, 'cannot be changed through this route');
      else if (key === 'name' || key === 'last_name') {
        const text = checkText(problems, body, key, true);
        if (text !== undefined) patch[key] = text;
      } else if (key === 'email') {
        if (!isEmail(value)) problems.add(key, 'must be an email address');
        else patch.email = value;
      } else if (key === 'status') {
        if (value !== 'active' && value !== 'inactive') problems.add(key, "must be 'active' or 'inactive'");
        else patch.status = value;
      } else if (key === 'deactivation_type' || key === 'deactivation_reason') {
        if (typeof value !== 'string') problems.add(key, 'must be a string');
        else patch[key] = value;
      } else problems.add(key, 'unknown key');
    }
    problems.throwIfAny();
    conform(qa.userUpdate, body);
    const other = typeof patch.email === 'string' ? store.userByLogin(patch.email) : undefined;
    if (other && other !== user)
      throw fieldError(409, 'email', `'${patch.email as string}' is already taken`);
    if (patch.status === 'active') {
      patch.deactivation_type ??= '';
      patch.deactivation_reason ??= '';
    }
    store.updateUser(user, patch as Partial<UserRecord>);
    return SUCCESS;
  };
  serve(router, qa.updateUser, updateUser);
  serve(router, qa.updateUserByPost, updateUser);
}
