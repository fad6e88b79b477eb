/**
 * The Playvox users of the shared roster: the people the LiveVox and Gladly emulators also know, with
 * the same usernames and emails, so the bridge can find an agent's Playvox user by either.
 */
import { buildRoster, hasPlayvoxUser } from '@voxbridge/emulator-kit';
import type { PlayvoxRosterConfig } from './config.js';
import { IdGenerator } from './ids.js';
import type { UserRecord } from './types.js';

/**
 * The fields every new user starts with: an active agent with the agent role (`agentRoleId`, when the
 * account has one) who has never logged in. Users created through the API and roster users alike.
 */
export function newAgentFields(agentRoleId: string | undefined) {
  return {
    type: 'agent',
    roles: agentRoleId ? [agentRoleId] : [],
    status: 'active',
    deactivation_type: '',
    deactivation_reason: '',
    founder: false,
    light: false,
    tz: 'UTC',
    lang: 'en',
    last_login_date: null,
  } as const;
}

/** Roster users are dated at this instant, so the same seed gives identical records. */
const ROSTER_CREATED_AT = '2024-01-01T00:00:00.000Z';

/**
 * The roster people who have a Playvox user, as agent users. Their `_id`s come from a generator of
 * their own, so adding the roster changes no other id; `agentRoleId` is the seeded agent role. A person
 * whose username or email a seeded user already holds is left out.
 */
export function rosterUsers(
  seed: number,
  roster: PlayvoxRosterConfig,
  taken: (login: string) => boolean,
  agentRoleId: string | undefined,
): UserRecord[] {
  const ids = new IdGenerator(`playvox-roster-${seed}`);
  const users: UserRecord[] = [];
  for (const person of buildRoster(seed, roster.size)) {
    if (!hasPlayvoxUser(person.index, roster.missingPlayvoxUsers)) continue;
    if (taken(person.username) || taken(person.email)) continue;
    users.push({
      _id: ids.next(Date.parse(ROSTER_CREATED_AT) + person.index * 1000),
      created_at: ROSTER_CREATED_AT,
      updated_at: ROSTER_CREATED_AT,
      name: person.firstName,
      last_name: person.lastName,
      username: person.username,
      email: person.email,
      ...newAgentFields(agentRoleId),
    } as UserRecord);
  }
  return users;
}
