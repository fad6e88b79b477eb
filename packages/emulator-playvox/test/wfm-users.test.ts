import { GLADLY_DEFAULT_CREDENTIALS, startGladlyEmulator } from '@voxbridge/emulator-gladly';
import { hasPlayvoxUser, rosterPerson } from '@voxbridge/emulator-kit';
import { startPlayvoxWfmEmulator } from '@voxbridge/emulator-playvox';
import { describe, expect, it } from 'vitest';
import { seedWfmUsers } from '../src/wfm/users.js';
import { wfmCall, wfmToken } from './wfm-helpers.js';

describe('WFM emulator users: one roster', () => {
  it('takes the roster people of the seed in order, leaving out those without a Playvox user', () => {
    const users = seedWfmUsers(42, 10);
    expect(users).toHaveLength(10);
    const expected = Array.from({ length: 12 }, (_, index) => index)
      .filter((index) => hasPlayvoxUser(index))
      .slice(0, 10)
      .map((index) => rosterPerson(42, index).email);
    expect(users.map((user) => user.email)).toEqual(expected);
    // The default two missing people are roster indexes 3 and 7.
    expect(users.map((user) => user.email)).not.toContain(rosterPerson(42, 3).email);
    expect(users.map((user) => user.email)).not.toContain(rosterPerson(42, 7).email);
  });

  it('makes the missing count configurable, and is the same for the same seed', () => {
    expect(seedWfmUsers(42, 8, 0).map((user) => user.email)).toEqual(
      Array.from({ length: 8 }, (_, index) => rosterPerson(42, index).email),
    );
    expect(seedWfmUsers(7, 5)).toEqual(seedWfmUsers(7, 5));
    expect(seedWfmUsers(7, 5)).not.toEqual(seedWfmUsers(8, 5));
    const first = rosterPerson(42, 0);
    expect(seedWfmUsers(42, 1)[0]).toMatchObject({ firstName: first.firstName, lastName: first.lastName });
  });
});

describe('one world over HTTP', () => {
  it('standalone Gladly and WFM emulators with the same seed match agents to users by email, but the missing few', async () => {
    const gladly = await startGladlyEmulator({ seed: 9, config: { simulation: { agents: 12, teams: 3 } } });
    const wfm = await startPlayvoxWfmEmulator({ seed: 9, userCount: 30 });
    try {
      const { email, apiToken } = GLADLY_DEFAULT_CREDENTIALS;
      const res = await fetch(`${gladly.url}/api/v1/agents`, {
        headers: { authorization: `Basic ${Buffer.from(`${email}:${apiToken}`).toString('base64')}` },
      });
      const agents = (await res.json()) as Array<{ emailAddress: string }>;
      const token = await wfmToken(wfm);
      const users = await wfmCall(wfm, token, 'GET', '/api/organisation/users?pageSize=100');
      const emails = new Set((users.json.data as Array<{ email: string }>).map((user) => user.email));
      const unmatched = agents
        .map((agent, index) => ({ agent, index }))
        .filter(({ agent }) => !emails.has(agent.emailAddress));
      expect(unmatched.map(({ index }) => index)).toEqual([3, 7]);
    } finally {
      await Promise.all([gladly.close(), wfm.close()]);
    }
  });
});
