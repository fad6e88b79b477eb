import { SeededRandom } from '@voxbridge/emulator-kit';
import { wfm } from '@voxbridge/playvox/wire';
import { z } from 'zod';

/** A user's identifier in one integration (the contract's `userIntegration`). */
export type WfmUserIntegration = wfm.WfmUserIntegration;

/**
 * A Playvox WFM user as the emulator holds it: the contract's `user` shape with every field the
 * emulator always fills given (Playvox itself may send nulls).
 */
export type WfmUserRecord = {
  [K in keyof wfm.WfmUser]-?: NonNullable<wfm.WfmUser[K]>;
} & { roles: string[]; permissions: string[] };

/** A user the admin API (`POST /_emulator/users`) and the start options add, or update by email. */
export const wfmUserSeed = z.object({
  email: wfm.text(320).regex(/^\s*[^\s@]+@[^\s@]+\s*$/, 'must be an email address'),
  firstName: wfm.text(100).optional(),
  lastName: wfm.text(100).optional(),
  timezone: wfm.text(64).optional(),
  integrations: z
    .record(z.string(), wfm.text(200))
    .optional()
    .describe("Integration alias → the user's id in that system."),
  isActive: wfm.flag().optional(),
});

/** What a caller supplies to add a user (admin API and start options). */
export type WfmUserSeed = z.output<typeof wfmUserSeed>;

const FIRST_NAMES = [
  'Ava',
  'Liam',
  'Maya',
  'Noah',
  'Zoe',
  'Ethan',
  'Chloe',
  'Lucas',
  'Isla',
  'Mateo',
  'Nora',
  'Owen',
  'Priya',
  'Ravi',
  'Sofia',
  'Tariq',
  'Uma',
  'Victor',
  'Wen',
  'Yara',
];
const LAST_NAMES = [
  'Adams',
  'Brooks',
  'Chen',
  'Diaz',
  'Evans',
  'Fischer',
  'Garcia',
  'Hughes',
  'Ito',
  'Jensen',
  'Khan',
  'Lopez',
  'Moreau',
  'Nakamura',
  'Okafor',
  'Patel',
  'Quinn',
  'Rossi',
  'Silva',
  'Turner',
];
const TIMEZONES = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'Europe/London',
  'Australia/Sydney',
];
const TEAMS = [
  { id: 11, name: 'Support Tier 1' },
  { id: 12, name: 'Support Tier 2' },
  { id: 13, name: 'Billing' },
];
const AGENT_ROLE = { id: 3, name: 'Agent', category: 'agent' };
/** Organisation id every emulated user belongs to. */
export const WFM_ORGANISATION_ID = 501;
/** Domain of the seeded users' emails. */
export const WFM_SEED_EMAIL_DOMAIN = 'example.com';

/**
 * The users an emulator starts with: deterministic for a seed, so every run (and every emulator
 * seeded alike) sees the same people. Emails are `first.last@example.com`, lower case and unique.
 */
export function seedWfmUsers(seed: number, count: number): WfmUserSeed[] {
  const random = new SeededRandom(`playvox-wfm-users:${seed}`);
  const users: WfmUserSeed[] = [];
  const taken = new Set<string>();
  for (let i = 0; i < count; i++) {
    const firstName = random.pick(FIRST_NAMES);
    const lastName = random.pick(LAST_NAMES);
    let email = `${firstName}.${lastName}@${WFM_SEED_EMAIL_DOMAIN}`.toLowerCase();
    for (let n = 2; taken.has(email); n++)
      email = `${firstName}.${lastName}${n}@${WFM_SEED_EMAIL_DOMAIN}`.toLowerCase();
    taken.add(email);
    users.push({ email, firstName, lastName, timezone: random.pick(TIMEZONES) });
  }
  return users;
}

/** Builds the full record of a user from what a caller supplied. */
export function buildUserRecord(
  seed: WfmUserSeed,
  id: number,
  random: SeededRandom,
  nowIso: string,
): WfmUserRecord {
  const [localPart = 'user'] = seed.email.split('@');
  const firstName = seed.firstName ?? capitalize(localPart.split('.')[0] ?? localPart);
  const lastName = seed.lastName ?? capitalize(localPart.split('.')[1] ?? '');
  const team = TEAMS[id % TEAMS.length]!;
  return {
    id,
    _id: random.hex(24),
    firstName,
    lastName,
    name: `${firstName} ${lastName}`.trim(),
    email: seed.email.toLowerCase(),
    timezone: seed.timezone ?? 'UTC',
    organisationId: WFM_ORGANISATION_ID,
    roles: ['agent'],
    startAt: nowIso,
    updatedAt: nowIso,
    integrations: Object.entries(seed.integrations ?? {}).map(([integrationAlias, identifier]) => ({
      integrationAlias,
      identifier,
    })),
    team,
    teamId: team.id,
    teamName: team.name,
    systemRole: AGENT_ROLE,
    isActive: seed.isActive ?? true,
    permissions: [],
  };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
