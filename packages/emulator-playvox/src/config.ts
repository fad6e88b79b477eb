import { type BaseEmulatorConfig, DEFAULT_MISSING_PLAYVOX_USERS } from '@voxbridge/emulator-kit';
import { qa } from '@voxbridge/playvox/wire';

/** One API credential pair (`uid` is the HTTP Basic user, `key` the password). */
export interface PlayvoxCredential {
  uid: string;
  key: string;
}

/** The credential every emulator accepts unless the configuration replaces the list. */
export const PLAYVOX_DEFAULT_CREDENTIALS: Readonly<PlayvoxCredential> = Object.freeze({
  uid: 'demo',
  key: 'demo-secret',
});

/** Timing of bulk jobs. */
export interface PlayvoxJobsConfig {
  /** Milliseconds a bulk job spends in `queued`, and again in `processing`. */
  delayMs: number;
}

/** Limits of `POST integrations/{id}/bulk/interactions`. */
export interface PlayvoxBulkConfig {
  /** Most interactions one request may carry (400 beyond). */
  maxItems: number;
}

/** List parameter limits of every `GET` collection. */
export interface PlayvoxPaginationConfig {
  /** `per_page` when the request gives none. */
  defaultPerPage: number;
  /** Largest accepted `per_page`. */
  maxPerPage: number;
  /** What a larger `per_page` does: `reject` answers 400, `clamp` serves `maxPerPage` items. */
  overMaxPerPage: 'reject' | 'clamp';
}

/** Validation rules the public material leaves open; each can be switched to match a real account. */
export interface PlayvoxRulesConfig {
  /** Interactions are refused (422) until the integration has a datetime metadata field. */
  requireDatetimeField: boolean;
  /** Metadata `field_id`s that may not be used, whatever the type. */
  reservedFieldIds: string[];
  /** Most metadata fields one integration may have. */
  maxMetadataFields: number;
  /** An interaction's `assignee_id` must be the username or email of a Playvox user. */
  assigneeMustExist: boolean;
  /** A comment's `author_id` must be the username or email of a Playvox user. */
  authorMustExist: boolean;
}

/** How much read-only data the emulator seeds (applies at start, at reset, and when changed). */
export interface PlayvoxSeedConfig {
  /** Seeded users (at least 10: an admin, team leaders, analysts and agents). */
  users: number;
  /** Seeded teams. */
  teams: number;
  /** Records of each seeded QA collection (evaluations, coachings, calibrations, learning results). */
  records: number;
}

/**
 * The people of the shared roster (`@voxbridge/emulator-kit`'s `buildRoster`) who are Playvox users:
 * the first `size` people of the seed's roster, all but those `hasPlayvoxUser(index, missingPlayvoxUsers)`
 * leaves out, so that the bridge's "agent has no Playvox user" path runs too.
 */
export interface PlayvoxRosterConfig {
  /** Roster people to consider (the LiveVox and Gladly emulators draw their agents from the same list). */
  size: number;
  /** How many of them have no Playvox user (indexes 3, 7, 11, …). */
  missingPlayvoxUsers: number;
}

/** The files endpoint (`POST files`). */
export interface PlayvoxFilesConfig {
  /** Largest file accepted (413 beyond). Default 10 MB, Playvox's limit. */
  maxBytes: number;
}

/** Configuration of the Playvox QA emulator (`GET|PUT /_emulator/config`). */
export interface PlayvoxEmulatorConfig extends BaseEmulatorConfig {
  /** Accepted HTTP Basic credentials. */
  credentials: PlayvoxCredential[];
  jobs: PlayvoxJobsConfig;
  bulk: PlayvoxBulkConfig;
  pagination: PlayvoxPaginationConfig;
  rules: PlayvoxRulesConfig;
  seed: PlayvoxSeedConfig;
  roster: PlayvoxRosterConfig;
  files: PlayvoxFilesConfig;
}

/** A partial configuration, deep-merged over the defaults. */
export type PlayvoxEmulatorConfigPatch = {
  [K in keyof PlayvoxEmulatorConfig]?: PlayvoxEmulatorConfig[K] extends unknown[]
    ? PlayvoxEmulatorConfig[K]
    : PlayvoxEmulatorConfig[K] extends object
      ? Partial<PlayvoxEmulatorConfig[K]>
      : PlayvoxEmulatorConfig[K];
};

/** The emulator's request body cap: 12 MiB, room for a 10 MB file and its multipart envelope. */
export const DEFAULT_MAX_BODY_BYTES = 12 * 1024 * 1024;

/** The defaults of every configuration key. */
export function defaultPlayvoxConfig(): PlayvoxEmulatorConfig {
  return {
    rateLimit: { requestsPerMinute: 0 },
    gzip: true,
    // Above the files endpoint's 10 MB plus the multipart envelope, so that its own 413 answers first.
    maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
    credentials: [{ ...PLAYVOX_DEFAULT_CREDENTIALS }],
    jobs: { delayMs: 200 },
    bulk: { maxItems: 100 },
    pagination: { defaultPerPage: 12, maxPerPage: 100, overMaxPerPage: 'reject' },
    rules: {
      requireDatetimeField: true,
      reservedFieldIds: ['created_at', 'updated_at'],
      maxMetadataFields: 100,
      assigneeMustExist: false,
      authorMustExist: false,
    },
    seed: { users: 40, teams: 5, records: 36 },
    roster: { size: 60, missingPlayvoxUsers: DEFAULT_MISSING_PLAYVOX_USERS },
    files: { maxBytes: qa.MAX_FILE_BYTES },
  };
}

const isCount = (value: unknown, min: number, max: number): boolean =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

/**
 * Checks a merged configuration; returns `key: rule` for the first problem, or undefined. The kit
 * checks the shared keys again on `PUT /_emulator/config`; they are checked here too so that
 * options given to {@link createPlayvoxEmulator} fail early.
 */
export function validatePlayvoxConfig(config: PlayvoxEmulatorConfig): string | undefined {
  const perMinute = config.rateLimit?.requestsPerMinute;
  if (!(Number.isInteger(perMinute) && (perMinute as number) >= 0))
    return 'rateLimit.requestsPerMinute: must be an integer >= 0 (0 means no limit)';
  if (!Array.isArray(config.credentials) || config.credentials.length === 0)
    return 'credentials: must be a non-empty list of { uid, key }';
  for (const [i, credential] of config.credentials.entries()) {
    if (typeof credential?.uid !== 'string' || credential.uid === '' || credential.uid.includes(':'))
      return `credentials[${i}].uid: must be a non-empty string without ':'`;
    if (typeof credential.key !== 'string' || credential.key === '')
      return `credentials[${i}].key: must be a non-empty string`;
  }
  if (!isCount(config.jobs?.delayMs, 0, 3_600_000))
    return 'jobs.delayMs: must be an integer from 0 to 3600000';
  if (!isCount(config.bulk?.maxItems, 1, 100_000))
    return 'bulk.maxItems: must be an integer from 1 to 100000';
  const paging = config.pagination;
  if (!isCount(paging?.maxPerPage, 1, 100_000))
    return 'pagination.maxPerPage: must be an integer from 1 to 100000';
  if (!isCount(paging.defaultPerPage, 1, paging.maxPerPage))
    return 'pagination.defaultPerPage: must be an integer from 1 to pagination.maxPerPage';
  if (paging.overMaxPerPage !== 'reject' && paging.overMaxPerPage !== 'clamp')
    return "pagination.overMaxPerPage: must be 'reject' or 'clamp'";
  const rules = config.rules;
  for (const key of ['requireDatetimeField', 'assigneeMustExist', 'authorMustExist'] as const) {
    if (typeof rules?.[key] !== 'boolean') return `rules.${key}: must be a boolean`;
  }
  if (!Array.isArray(rules.reservedFieldIds) || rules.reservedFieldIds.some((id) => typeof id !== 'string'))
    return 'rules.reservedFieldIds: must be a list of strings';
  if (!isCount(rules.maxMetadataFields, 1, 10_000))
    return 'rules.maxMetadataFields: must be an integer from 1 to 10000';
  if (!isCount(config.seed?.users, 10, 100_000)) return 'seed.users: must be an integer from 10 to 100000';
  if (!isCount(config.seed.teams, 1, 1_000)) return 'seed.teams: must be an integer from 1 to 1000';
  if (!isCount(config.seed.records, 0, 100_000)) return 'seed.records: must be an integer from 0 to 100000';
  if (!isCount(config.roster?.size, 0, 100_000)) return 'roster.size: must be an integer from 0 to 100000';
  if (!isCount(config.roster.missingPlayvoxUsers, 0, 100_000))
    return 'roster.missingPlayvoxUsers: must be an integer from 0 to 100000';
  if (!isCount(config.files?.maxBytes, 1, 1024 * 1024 * 1024))
    return 'files.maxBytes: must be an integer from 1 to 1073741824';
  return undefined;
}
