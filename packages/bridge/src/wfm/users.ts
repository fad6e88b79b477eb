import type { Gladly } from '@voxbridge/gladly';
import type { PlayvoxWfm, WfmUser, WfmUserMapping } from '@voxbridge/playvox';
import type { WfmSource } from '../config/wfm-defaults.js';
import type { BridgeStore, MappedUser } from '../store/types.js';

export type { MappedUser };

/** What a user sync found and did. */
export interface UserSyncReport {
  source: WfmSource;
  /** When the sync ran (ISO). */
  at: string;
  /** Agents matched to a WFM user. */
  matched: number;
  /** WFM users whose identifier in the integration was set or corrected. */
  mapped: number;
  /** WFM users whose stale identifier was removed. */
  cleared: number;
  /** Agents with no WFM user (by email, case-insensitive). */
  unmatchedSource: Array<{ id: string; email: string | null; name?: string }>;
  /** Active WFM users with no agent in the source (Gladly only: LiveVox has no agent list). */
  unmatchedWfm: Array<{ id: number; email: string }>;
}

/** Most WFM users read in one sync. */
const MAX_WFM_USERS = 200_000;

/**
 * Agent id → WFM user, per source, as the last user sync left it. Kept in the store, so that a restart
 * sends statuses at once even when the first sync fails (Gladly or WFM unreachable).
 */
export class UserDirectory {
  private readonly maps = new Map<WfmSource, Map<string, MappedUser>>();
  private readonly synced = new Map<WfmSource, number>();

  private constructor(private readonly store: BridgeStore) {}

  /** The directory as the store holds it (empty for a source never synced). */
  static async load(store: BridgeStore): Promise<UserDirectory> {
    const directory = new UserDirectory(store);
    for (const source of ['gladly', 'livevox'] as const) {
      const saved = await store.getUserMap(source);
      if (!saved) continue;
      directory.maps.set(source, new Map(Object.entries(saved.users)));
      directory.synced.set(source, saved.at);
    }
    return directory;
  }

  /** The WFM user of an agent, if the last sync matched one. */
  get(source: WfmSource, agentId: string): MappedUser | undefined {
    return this.maps.get(source)?.get(agentId);
  }

  /** Epoch ms of the last sync of a source (undefined: never). */
  syncedAt(source: WfmSource): number | undefined {
    return this.synced.get(source);
  }

  /** Agents mapped for a source. */
  size(source: WfmSource): number {
    return this.maps.get(source)?.size ?? 0;
  }

  /** Saves a source's new map, then uses it. */
  async replace(source: WfmSource, users: Map<string, MappedUser>, at: number): Promise<void> {
    await this.store.saveUserMap(source, { at, users: Object.fromEntries(users) });
    this.maps.set(source, users);
    this.synced.set(source, at);
  }
}

function identifierOf(user: WfmUser, alias: string): string | undefined {
  return (user.integrations ?? []).find((entry) => entry.integrationAlias === alias)?.identifier;
}

async function allWfmUsers(wfm: PlayvoxWfm, signal?: AbortSignal): Promise<WfmUser[]> {
  return wfm.users({}, { signal }).toArray({ limit: MAX_WFM_USERS });
}

/** Sends the mappings and counts what changed. */
async function sendMappings(
  wfm: PlayvoxWfm,
  alias: string,
  mappings: WfmUserMapping[],
  signal?: AbortSignal,
): Promise<{ mapped: number; cleared: number }> {
  if (mappings.length === 0) return { mapped: 0, cleared: 0 };
  const results = await wfm.mapUsers(alias, mappings, { signal });
  return {
    mapped: results.filter((result) => result.outcome === 'mapped').length,
    cleared: results.filter((result) => result.outcome === 'cleared').length,
  };
}

/**
 * Gladly agents ↔ WFM users by email, case-insensitive: each matched user gets the agent's id as its
 * `gladly` identifier (corrected when it differs), identifiers held by users no agent matches are
 * removed, and agents and active users left unmatched on either side are reported.
 */
export async function syncGladlyUsers(
  gladly: Gladly,
  wfm: PlayvoxWfm,
  alias: string,
  directory: UserDirectory,
  now: number,
  signal?: AbortSignal,
): Promise<UserSyncReport> {
  const [agents, users] = await Promise.all([gladly.agents.list({ signal }), allWfmUsers(wfm, signal)]);
  const byEmail = new Map(users.map((user) => [user.email.trim().toLowerCase(), user]));
  const matched = new Map<string, MappedUser>();
  const matchedUserIds = new Set<number>();
  const mappings: WfmUserMapping[] = [];
  const unmatchedSource: UserSyncReport['unmatchedSource'] = [];
  for (const agent of agents) {
    const user =
      typeof agent.emailAddress === 'string'
        ? byEmail.get(agent.emailAddress.trim().toLowerCase())
        : undefined;
    if (!user) {
      unmatchedSource.push({ id: agent.id, email: agent.emailAddress ?? null, name: agent.name });
      continue;
    }
    matched.set(agent.id, { email: user.email, wfmUserId: user.id });
    matchedUserIds.add(user.id);
    if (identifierOf(user, alias) !== agent.id) mappings.push({ userId: user.id, identifier: agent.id });
  }
  for (const user of users) {
    if (!matchedUserIds.has(user.id) && identifierOf(user, alias) !== undefined)
      mappings.push({ userId: user.id, identifier: null });
  }
  // Clearing first frees identifiers that move to another user.
  mappings.sort((a, b) => Number(a.identifier !== null) - Number(b.identifier !== null));
  const { mapped, cleared } = await sendMappings(wfm, alias, mappings, signal);
  await directory.replace('gladly', matched, now);
  return {
    source: 'gladly',
    at: new Date(now).toISOString(),
    matched: matched.size,
    mapped,
    cleared,
    unmatchedSource,
    unmatchedWfm: users
      .filter((user) => user.isActive !== false && !matchedUserIds.has(user.id))
      .map((user) => ({ id: user.id, email: user.email })),
  };
}

/**
 * LiveVox agents ↔ WFM users: the configured `agent id → email` table (matched case-insensitively;
 * the user gets the agent id as its `livevox` identifier) plus every WFM user already holding a
 * `livevox` identifier. Configured agents without a WFM user are reported.
 */
export async function syncLiveVoxUsers(
  wfm: PlayvoxWfm,
  alias: string,
  configured: Record<string, string>,
  directory: UserDirectory,
  now: number,
  signal?: AbortSignal,
): Promise<UserSyncReport> {
  const users = await allWfmUsers(wfm, signal);
  const byEmail = new Map(users.map((user) => [user.email.trim().toLowerCase(), user]));
  const matched = new Map<string, MappedUser>();
  for (const user of users) {
    const identifier = identifierOf(user, alias);
    if (identifier !== undefined) matched.set(identifier, { email: user.email, wfmUserId: user.id });
  }
  const mappings: WfmUserMapping[] = [];
  const unmatchedSource: UserSyncReport['unmatchedSource'] = [];
  for (const [agentId, email] of Object.entries(configured)) {
    const user = byEmail.get(email.trim().toLowerCase());
    if (!user) {
      unmatchedSource.push({ id: agentId, email });
      continue;
    }
    matched.set(agentId, { email: user.email, wfmUserId: user.id });
    if (identifierOf(user, alias) !== agentId) mappings.push({ userId: user.id, identifier: agentId });
  }
  const { mapped, cleared } = await sendMappings(wfm, alias, mappings, signal);
  await directory.replace('livevox', matched, now);
  return {
    source: 'livevox',
    at: new Date(now).toISOString(),
    matched: matched.size,
    mapped,
    cleared,
    unmatchedSource,
    unmatchedWfm: [],
  };
}
