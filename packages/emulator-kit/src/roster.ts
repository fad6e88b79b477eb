import { SeededRandom } from './random.js';

/**
 * One world for every emulator: the people of the simulated contact center, derived from the seed alone.
 * The LiveVox, Gladly and Playvox emulators each take their agents and users from it, so emulators started
 * together — or as separate processes with the same `--seed` — agree on names, emails and logins, and the
 * bridge can match a LiveVox or Gladly agent to a Playvox user by email.
 */

/** A person of the simulated contact center. */
export interface RosterPerson {
  /** Position in the roster (0-based); the same person in every emulator. */
  index: number;
  firstName: string;
  lastName: string;
  /** `First Last`. */
  name: string;
  /** `first.last<N>@<domain>`, lower case, unique in the roster. */
  email: string;
  /** `first.last<N>`, the email's local part (a Playvox username). */
  username: string;
  /** LiveVox-style login id: initial, last name and number, upper case (`JSMITH4`). */
  loginId: string;
}

/** The default email domain of roster people. */
export const ROSTER_DOMAIN = 'voxbridge-demo.test';

/** How many roster people have no Playvox user by default (so the no-user path runs in the demo). */
export const DEFAULT_MISSING_PLAYVOX_USERS = 2;

const FIRST_NAMES = [
  'Ava',
  'Ben',
  'Chloe',
  'Diego',
  'Elena',
  'Farid',
  'Grace',
  'Hiro',
  'Imani',
  'Jonas',
  'Keira',
  'Luca',
  'Maya',
  'Nikhil',
  'Olivia',
  'Pablo',
  'Quinn',
  'Rosa',
  'Sami',
  'Tara',
  'Uma',
  'Victor',
  'Wen',
  'Yara',
];
const LAST_NAMES = [
  'Abbott',
  'Bauer',
  'Castro',
  'Dubois',
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
  'Rossi',
  'Silva',
  'Turner',
  'Varga',
  'Weber',
  'Young',
];

/** The roster person at `index` for a seed (each person is drawn on its own, so any slice is cheap). */
export function rosterPerson(seed: number | string, index: number, domain = ROSTER_DOMAIN): RosterPerson {
  const random = new SeededRandom(`${seed}:roster:${index}`);
  const firstName = random.pick(FIRST_NAMES);
  const lastName = random.pick(LAST_NAMES);
  const username = `${firstName}.${lastName}${index + 1}`.toLowerCase();
  return {
    index,
    firstName,
    lastName,
    name: `${firstName} ${lastName}`,
    email: `${username}@${domain}`,
    username,
    loginId: `${firstName.charAt(0)}${lastName}${index + 1}`.toUpperCase(),
  };
}

/** The first `size` roster people for a seed. */
export function buildRoster(seed: number | string, size: number, domain = ROSTER_DOMAIN): RosterPerson[] {
  return Array.from({ length: size }, (_, index) => rosterPerson(seed, index, domain));
}

/**
 * Whether the roster person at `index` has a Playvox user when `missing` people have none. The people
 * without one are spread among the first agents (indexes 3, 7, 11, …), so that every emulator's agents
 * include them whatever its agent count.
 */
export function hasPlayvoxUser(index: number, missing = DEFAULT_MISSING_PLAYVOX_USERS): boolean {
  return !(index % 4 === 3 && (index - 3) / 4 < missing);
}
