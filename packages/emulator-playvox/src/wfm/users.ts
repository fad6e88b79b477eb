import {
  DEFAULT_MISSING_PLAYVOX_USERS,
  hasPlayvoxUser,
  ROSTER_DOMAIN,
  rosterPerson,
  SeededRandom,
} from '@voxbridge/emulator-kit';
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
/** Domain of the seeded users' emails: the shared roster's, so Gladly agents and WFM users match by email. */
export const WFM_SEED_EMAIL_DOMAIN = ROSTER_DOMAIN;

/**
 * The `count` users an emulator starts with, taken in order from the shared roster
 * (`@voxbridge/emulator-kit`) and skipping the `missing` few people `hasPlayvoxUser` leaves out, so
 * the bridge's no-user path runs too. The Gladly and LiveVox emulators take their agents from the same
 * roster, so emulators seeded alike name the same people with the same emails.
 */
export function seedWfmUsers(
  seed: number,
  count: number,
  missing: number = DEFAULT_MISSING_PLAYVOX_USERS,
): WfmUserSeed[] {
  const random = new SeededRandom(`playvox-wfm-users:${seed}`);
  const users: WfmUserSeed[] = [];
  for (let index = 0; users.length < count; index++) {
    // Drawn for every person, so a person's timezone does not depend on who is missing.
    const timezone = random.pick(TIMEZONES);
    if (!hasPlayvoxUser(index, missing)) continue;
    const person = rosterPerson(seed, index);
    users.push({ email: person.email, firstName: person.firstName, lastName: person.lastName, timezone });
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
