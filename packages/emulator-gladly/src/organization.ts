import { rosterPerson, SeededRandom } from '@voxbridge/emulator-kit';
import type { Agent, AvailabilityChannel, ContactChannel, Inbox, Reason, Team } from './model.js';

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Makes Gladly-style 22-character URL-safe ids from a seeded random source. */
export class IdFactory {
  private readonly random: SeededRandom;
  constructor(seed: string) {
    this.random = new SeededRandom(seed);
  }
  /** A new id. */
  next(): string {
    let id = '';
    for (let i = 0; i < 22; i++) id += ID_ALPHABET[Math.floor(this.random.next() * ID_ALPHABET.length)];
    return id;
  }
}

/** An inbox and the contact channels that arrive in it (with weights). */
export interface InboxProfile {
  inbox: Inbox;
  channels: Array<{ channel: ContactChannel; weight: number }>;
}

/** An agent with the channels the agent is skilled for. */
export interface AgentProfile {
  agent: Agent;
  skills: AvailabilityChannel[];
}

/** The static part of the simulated organisation: people, teams, inboxes and reasons. */
export interface Organization {
  agents: AgentProfile[];
  teams: Team[];
  inboxes: InboxProfile[];
  awayReasons: Reason[];
  /** The default active reason Gladly sets at login and on return from away. */
  defaultActiveReason: Reason;
}

const TEAM_NAMES = ['Tier 1', 'Tier 2', 'Billing Desk', 'VIP Care', 'Night Shift', 'Escalations'];
const SKILL_SETS: AvailabilityChannel[][] = [
  ['MESSAGING', 'VOICE'],
  ['MAIL', 'MESSAGING'],
  ['MAIL', 'MESSAGING', 'VOICE'],
  ['MESSAGING', 'TASK', 'VOICE'],
];

/** Away reasons named as the seed's Playvox task regex expects (`Break|Lunch|Meeting|Other`). */
export const AWAY_REASON_NAMES = ['Break', 'Lunch', 'Meeting', 'Other'] as const;

/** Builds the organisation deterministically from a seed. */
export function buildOrganization(seed: number, agentCount: number, teamCount: number): Organization {
  const random = new SeededRandom(`${seed}:organization`);
  const ids = new IdFactory(`${seed}:organization-ids`);
  const agents: AgentProfile[] = [];
  for (let i = 0; i < agentCount; i++) {
    // Names and emails come from the shared roster, so the WFM emulator's users match them by email.
    const person = rosterPerson(seed, i);
    agents.push({
      agent: { id: ids.next(), name: person.name, emailAddress: person.email },
      skills: [...random.pick(SKILL_SETS)],
    });
  }
  const teams: Team[] = [];
  for (let t = 0; t < teamCount; t++) {
    teams.push({
      id: ids.next(),
      name:
        TEAM_NAMES[t % TEAM_NAMES.length] +
        (t >= TEAM_NAMES.length ? ` ${Math.floor(t / TEAM_NAMES.length) + 1}` : ''),
      description: `Simulated team ${t + 1}`,
      agentIds: agents.filter((_, i) => i % teamCount === t).map((profile) => profile.agent.id),
    });
  }
  const inboxes: InboxProfile[] = [
    {
      inbox: { id: ids.next(), name: 'Customer_Support', disabled: false },
      channels: [
        { channel: 'CHAT', weight: 4 },
        { channel: 'PHONE_CALL', weight: 3 },
        { channel: 'EMAIL', weight: 2 },
      ],
    },
    {
      inbox: { id: ids.next(), name: 'Billing', disabled: false },
      channels: [
        { channel: 'EMAIL', weight: 3 },
        { channel: 'PHONE_CALL', weight: 2 },
      ],
    },
    {
      inbox: { id: ids.next(), name: 'VIP', disabled: false },
      channels: [
        { channel: 'SMS', weight: 2 },
        { channel: 'CHAT', weight: 1 },
        { channel: 'PHONE_CALL', weight: 1 },
      ],
    },
    {
      inbox: { id: ids.next(), name: 'Legacy_Email', disabled: true },
      channels: [{ channel: 'EMAIL', weight: 1 }],
    },
  ];
  const awayReasons = AWAY_REASON_NAMES.map((name) => ({ id: ids.next(), name }));
  return {
    agents,
    teams,
    inboxes,
    awayReasons,
    defaultActiveReason: { id: ids.next(), name: 'Triaging Inbox (Default)' },
  };
}
