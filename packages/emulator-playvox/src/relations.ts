import type { Expander } from './listing.js';
import type { PlayvoxStore } from './store.js';
import type { InteractionRecord, JsonRecord, SeededCollection, TeamRecord, UserRecord } from './types.js';

/** The short form of a user that `include=all` embeds. */
export function userInfo(user: UserRecord): Record<string, unknown> {
  return {
    _id: user._id,
    name: user.name,
    last_name: user.last_name,
    username: user.username,
    email: user.email,
    status: user.status,
  };
}

/** Builds the `include=all` embeddings of each collection from the store (build one per request). */
export function expanders(store: PlayvoxStore) {
  const users = (ids: unknown) =>
    (Array.isArray(ids) ? ids : [ids]).flatMap((id) =>
      typeof id === 'string' && store.user(id) ? [userInfo(store.user(id)!)] : [],
    );
  const one = (id: unknown) => users(id)[0] ?? null;
  const teamInfo = (id: unknown) => {
    const team = typeof id === 'string' ? store.team(id) : undefined;
    return team ? { _id: team._id, name: team.name } : null;
  };
  const teamsInfo = (ids: unknown) => (Array.isArray(ids) ? ids : []).map(teamInfo).filter((t) => t !== null);
  const indexes = new Map<SeededCollection, Map<string, JsonRecord>>();
  const byId = (name: SeededCollection) => {
    let index = indexes.get(name);
    if (!index) {
      index = new Map(store.collection(name).map((r) => [r._id, r]));
      indexes.set(name, index);
    }
    return index;
  };
  const scorecardInfo = (id: unknown) => {
    const scorecard = typeof id === 'string' ? byId('scorecards').get(id) : undefined;
    return scorecard ? { _id: scorecard._id, name: scorecard.name } : null;
  };

  const seeded: Record<SeededCollection, Expander<JsonRecord>> = {
    roles: (role) => {
      const parent = typeof role.role_inherit === 'string' ? byId('roles').get(role.role_inherit) : undefined;
      return { role_inherit_info: parent ? { _id: parent._id, code: parent.code, name: parent.name } : null };
    },
    scorecards: (scorecard) => ({ teams_info: teamsInfo(scorecard.team_ids) }),
    evaluations: (evaluation) => ({
      agent_info: one(evaluation.agent_id),
      monitor_info: one(evaluation.monitor_id),
      team_info: teamInfo(evaluation.team_id),
      scorecard_info: scorecardInfo(evaluation.scorecard_id),
    }),
    coachings: (coaching) => ({
      coach_info: one(coaching.coach_id),
      trainee_info: one(coaching.trainee_id),
      teams_info: teamsInfo(coaching.team_ids),
    }),
    calibrations: (calibration) => ({ scorecard_info: scorecardInfo(calibration.scorecard_id) }),
    'learning-results': (learning) => ({
      user_info: one(learning.user_id),
      team_info: teamInfo(learning.team_id),
    }),
    campaigns: (campaign) => ({
      users_info: users(campaign.users),
      teams_info: teamsInfo(campaign.team_ids),
    }),
  };

  return {
    seeded,
    team: ((team: TeamRecord) => ({
      team_leader_info: users(team.team_leader_id),
      users_info: users(team.users),
    })) as Expander<TeamRecord>,
    user: ((user: UserRecord) => {
      const roles = byId('roles');
      return {
        roles_info: user.roles.flatMap((id) =>
          roles.get(id) ? [{ _id: id, code: roles.get(id)!.code, name: roles.get(id)!.name }] : [],
        ),
        teams_info: store
          .teams()
          .filter((t) => t.users.includes(user._id) || t.team_leader_id.includes(user._id))
          .map((t) => ({ _id: t._id, name: t.name })),
      };
    }) as Expander<UserRecord>,
    interaction: ((interaction: InteractionRecord) => ({
      comments: store.comments(interaction._id),
    })) as Expander<InteractionRecord>,
  };
}
