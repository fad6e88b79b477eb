import type { PlayvoxRosterConfig, PlayvoxSeedConfig } from './config.js';
import { ContentStore, nowIso } from './content-store.js';
import { FileStore } from './file-store.js';
import { rosterUsers } from './roster-users.js';
import { buildSeedData } from './seed-data.js';
import type {
  CampaignMetricRow,
  JobStatus,
  JsonRecord,
  PlayvoxTruth,
  SeededCollection,
  TeamRecord,
  UserRecord,
} from './types.js';

const lower = (text: string) => text.toLowerCase();

/**
 * The emulator's state: seeded read-only collections, users and teams, campaign metrics, and (from
 * {@link ContentStore}) integrations with their interactions and comments and bulk jobs. Users are
 * indexed by id and by login (username and email, case-insensitive). The read methods are for tests
 * and demos; the routes use the same store.
 */
export class PlayvoxStore extends ContentStore {
  private collections = new Map<SeededCollection, JsonRecord[]>();
  private campaignsById = new Map<string, JsonRecord>();
  private metricsByCampaign = new Map<string, CampaignMetricRow[]>();
  private usersById = new Map<string, UserRecord>();
  private usersByLogin = new Map<string, UserRecord>();
  private teamsById = new Map<string, TeamRecord>();
  private seededWith = '';
  private roster: PlayvoxRosterConfig;
  /** Files uploaded through `POST files`. */
  readonly files = new FileStore();

  /**
   * `seed` makes the seeded data (and the order of new ids) reproducible; `roster` adds the shared
   * roster's people as users (none when left out).
   */
  constructor(
    readonly seed: number,
    counts: PlayvoxSeedConfig,
    roster: PlayvoxRosterConfig = { size: 0, missingPlayvoxUsers: 0 },
  ) {
    super(`playvox-${seed}`);
    this.roster = roster;
    this.reset(counts);
  }

  /** Drops every change and seeds again with `counts` (and `roster`, or the last one). */
  reset(counts: PlayvoxSeedConfig, roster: PlayvoxRosterConfig = this.roster): void {
    const data = buildSeedData(this.seed, counts);
    this.roster = { ...roster };
    this.seededWith = JSON.stringify([counts, this.roster]);
    this.files.clear();
    this.collections = new Map<SeededCollection, JsonRecord[]>([
      ['roles', data.roles],
      ['scorecards', data.scorecards],
      ['evaluations', data.evaluations],
      ['coachings', data.coachings],
      ['calibrations', data.calibrations],
      ['learning-results', data.learningResults],
      ['campaigns', data.campaigns],
    ]);
    this.campaignsById = new Map(data.campaigns.map((c) => [c._id, c]));
    this.metricsByCampaign = new Map();
    this.usersById = new Map();
    this.usersByLogin = new Map();
    for (const user of data.users) this.indexUser(user);
    const agentRole = data.roles.find((role) => role.code === 'agent')?._id;
    const taken = (login: string) => this.usersByLogin.has(lower(login));
    for (const user of rosterUsers(this.seed, this.roster, taken, agentRole)) this.indexUser(user);
    this.teamsById = new Map(data.teams.map((t) => [t._id, t]));
    this.clearContent();
  }

  /** True when the store was seeded with exactly these counts (and roster, when given). */
  seededWithCounts(counts: PlayvoxSeedConfig, roster: PlayvoxRosterConfig = this.roster): boolean {
    return this.seededWith === JSON.stringify([counts, { ...roster }]);
  }

  // ---- read-only collections ----

  /** A seeded read-only collection, in seeded order. */
  collection(name: SeededCollection): readonly JsonRecord[] {
    return this.collections.get(name) ?? [];
  }

  /** A campaign by id. */
  campaign(id: string): JsonRecord | undefined {
    return this.campaignsById.get(id);
  }

  /** Metric rows accepted for a campaign, in arrival order. */
  campaignMetrics(campaignId: string): readonly CampaignMetricRow[] {
    return this.metricsByCampaign.get(campaignId) ?? [];
  }

  /** Stores accepted metric rows. */
  addCampaignMetrics(campaignId: string, rows: CampaignMetricRow[]): void {
    const list = this.metricsByCampaign.get(campaignId) ?? [];
    list.push(...rows);
    this.metricsByCampaign.set(campaignId, list);
  }

  // ---- users and teams ----

  /** Every user, in creation order. */
  users(): UserRecord[] {
    return [...this.usersById.values()];
  }

  /** Iterates the users without copying. */
  userValues(): IterableIterator<UserRecord> {
    return this.usersById.values();
  }

  /** A user by `_id`. */
  user(id: string): UserRecord | undefined {
    return this.usersById.get(id);
  }

  /** A user by username or email (case-insensitive). */
  userByLogin(login: string): UserRecord | undefined {
    return this.usersByLogin.get(lower(login));
  }

  /** Adds a user (uniqueness of username and email is the caller's check). */
  addUser(fields: Omit<UserRecord, '_id' | 'created_at' | 'updated_at'>): UserRecord {
    const at = nowIso();
    const user = { ...fields, _id: this.newId(), created_at: at, updated_at: at } as UserRecord;
    this.indexUser(user);
    return user;
  }

  /** Changes a user; a new email replaces the old one in the login index. */
  updateUser(user: UserRecord, patch: Partial<UserRecord>): void {
    if (patch.email !== undefined && lower(patch.email) !== lower(user.email)) {
      this.usersByLogin.delete(lower(user.email));
      this.usersByLogin.set(lower(patch.email), user);
    }
    Object.assign(user, patch, { updated_at: nowIso() });
  }

  private indexUser(user: UserRecord): void {
    this.usersById.set(user._id, user);
    this.usersByLogin.set(lower(user.username), user);
    this.usersByLogin.set(lower(user.email), user);
  }

  /** Every team, in creation order. */
  teams(): TeamRecord[] {
    return [...this.teamsById.values()];
  }

  /** A team by `_id`. */
  team(id: string): TeamRecord | undefined {
    return this.teamsById.get(id);
  }

  /** A team by name (case-insensitive). */
  teamByName(name: string): TeamRecord | undefined {
    for (const team of this.teamsById.values()) if (lower(team.name) === lower(name)) return team;
    return undefined;
  }

  /** Adds a team. */
  addTeam(fields: Pick<TeamRecord, 'name' | 'description' | 'team_leader_id' | 'users'>): TeamRecord {
    const at = nowIso();
    const team: TeamRecord = {
      _id: this.newId(),
      status: 'active',
      default: false,
      ...fields,
      total_users: fields.users.length,
      created_at: at,
      updated_at: at,
    };
    this.teamsById.set(team._id, team);
    return team;
  }

  /** Changes a team (lists replace) and keeps `total_users` right. */
  updateTeam(
    team: TeamRecord,
    patch: Partial<Pick<TeamRecord, 'name' | 'description' | 'team_leader_id' | 'users'>>,
  ): void {
    Object.assign(team, patch, { updated_at: nowIso() });
    team.total_users = team.users.length;
  }

  /** Removes a team. */
  deleteTeam(id: string): void {
    this.teamsById.delete(id);
  }

  // ---- ground truth ----

  /** What `GET /_emulator/truth` answers; `details`: every interaction with its metadata and updates. */
  truth(options: { details?: boolean } = {}): PlayvoxTruth {
    const details: NonNullable<PlayvoxTruth['details']> = [];
    if (options.details)
      for (const interaction of this.interactionValues()) {
        const counts = this.updatesOf(interaction._id);
        details.push({
          _id: interaction._id,
          interaction_id: interaction.interaction_id,
          assignee_id: interaction.assignee_id,
          metadata: { ...interaction.metadata },
          updates: counts.changed,
          unchangedUpdates: counts.unchanged,
        });
      }
    const jobs: Record<JobStatus, number> = { queued: 0, processing: 0, completed: 0, failed: 0 };
    for (const job of this.jobValues()) jobs[job.status] += 1;
    return {
      integrations: this.integrations().map((i) => ({
        _id: i._id,
        name: i.name,
        interactions: this.interactionCount(i._id),
      })),
      interactions: {
        total: this.interactionCount(),
        distinctInteractionIds: this.externalIds.size,
        duplicates: this.externalIds.duplicates(),
        updated: this.totals.updated,
        updates: this.totals.updates,
        unchangedUpdates: this.totals.unchangedUpdates,
      },
      ...(options.details ? { details } : {}),
      comments: this.commentCount(),
      attachments: this.attachmentCount(),
      files: { stored: this.files.count, bytes: this.files.bytes },
      jobs,
    };
  }
}
