import { ConflictError, NotFoundError } from '@voxbridge/core';
import { CampaignMetricsError } from '@voxbridge/playvox';
import { describe, expect, it } from 'vitest';
import { sharedClient, unique } from './helpers.js';

const { pv } = sharedClient();

describe('read-only QA data', () => {
  it('lists every collection as a page with the envelope mapped', async () => {
    for (const resource of [
      pv.coachings,
      pv.learningResults,
      pv.calibrations,
      pv.evaluations,
      pv.scorecards,
      pv.roles,
      pv.campaigns,
    ]) {
      const page = await resource.list({ perPage: 5 });
      expect(page.items.length).toBeGreaterThan(0);
      expect(page.items.length).toBeLessThanOrEqual(5);
      expect(page.page).toBe(1);
      expect(page.perPage).toBe(5);
      expect(typeof page.hasNextPage).toBe('boolean');
      for (const item of page.items) expect(item._id).toMatch(/^[0-9a-f]{24}$/);
    }
  });

  it('sends fields, sort and query as Playvox expects them', async () => {
    const all = await pv.users.list({ perPage: 100 });
    const first = all.items[0]!;
    const byEmail = await pv.users.list({
      query: { email: first.email },
      fields: ['email', 'username'],
      sort: ['-username'],
    });
    expect(byEmail.items).toHaveLength(1);
    expect(Object.keys(byEmail.items[0]!).sort()).toEqual(['_id', 'email', 'username']);
    const sorted = await pv.users.list({ sort: ['-username'], fields: 'username', perPage: 20 });
    const names = sorted.items.map((u) => String(u.username));
    expect(names).toEqual([...names].sort().reverse());
    const asString = await pv.users.list({ query: JSON.stringify({ email: first.email }) });
    expect(asString.items.map((u) => u._id)).toEqual([first._id]);
    const inList = await pv.users.list({ query: { _id: { $in: all.items.slice(0, 3).map((u) => u._id) } } });
    expect(inList.items).toHaveLength(3);
  });

  it('reads a campaign, its variables and users, and sends metrics', async () => {
    const campaign = (await pv.campaigns.list({ perPage: 1 })).items[0]!;
    expect((await pv.campaigns.retrieve(campaign._id))._id).toBe(campaign._id);
    const vars = await pv.campaigns.vars(campaign._id);
    expect(vars.length).toBeGreaterThan(0);
    for (const v of vars) expect(['number', 'percentage', 'currency']).toContain(v.type);
    const users = await pv.campaigns.users(campaign._id);
    expect(users.length).toBeGreaterThan(0);
    const user = String(users[0]!.username ?? users[0]!.email);
    const result = await pv.campaigns.sendMetrics(campaign._id, [
      { user, date: '2026-11-22', [vars[0]!.code]: 12 },
      { user, date: '2026-11-23', [vars[0]!.code]: 15 },
    ]);
    expect(result).toEqual({ total: 2, totalErrors: 0 });
  });

  it("throws the server's per-row errors when Playvox refuses metric rows", async () => {
    const campaign = (await pv.campaigns.list({ perPage: 1 })).items[0]!;
    const [variable] = await pv.campaigns.vars(campaign._id);
    const error = await pv.campaigns
      .sendMetrics(campaign._id, [
        { user: 'nobody-at-all@example.com', date: '2026-11-22', [variable!.code]: 1 },
      ])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CampaignMetricsError);
    const metricsError = error as CampaignMetricsError;
    expect(metricsError.totalErrors).toBe(1);
    expect(metricsError.errors.length).toBe(1);
    expect(metricsError.message).toContain(metricsError.errors[0]!);
  });
});

describe('teams', () => {
  it('creates, updates, adds and removes members, deletes', async () => {
    const users = (await pv.users.list({ perPage: 4 })).items;
    const [leader, a, b] = users.map((u) => u._id);
    const name = unique('Team');
    const id = await pv.teams.create({
      name,
      description: 'night shift',
      teamLeaderIds: [leader!],
      userIds: [a!],
    });
    expect(id).toMatch(/^[0-9a-f]{24}$/);
    const find = async () => (await pv.teams.list({ query: { _id: id } })).items[0]!;
    expect(await find()).toMatchObject({
      name,
      description: 'night shift',
      team_leader_id: [leader],
      users: [a],
    });
    await pv.teams.update(id, { description: 'day shift', userIds: [a!, b!] });
    expect(await find()).toMatchObject({ description: 'day shift', users: [a, b] });
    await pv.teams.removeUser(id, a!);
    expect((await find()).users).toEqual([b]);
    await pv.teams.addUser(id, a!);
    expect([...((await find()).users ?? [])].sort()).toEqual([a, b].sort());
    const withInfo = (await pv.teams.list({ query: { _id: id }, include: 'all' })).items[0]!;
    expect(withInfo.users_info?.map((u) => u._id).sort()).toEqual([a, b].sort());
    await pv.teams.delete(id);
    expect((await pv.teams.list({ query: { _id: id } })).items).toHaveLength(0);
    await expect(pv.teams.delete(id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('reports a duplicate team name as a ConflictError', async () => {
    const leader = (await pv.users.list({ perPage: 1 })).items[0]!._id;
    const name = unique('Dup');
    await pv.teams.create({ name, teamLeaderIds: [leader] });
    await expect(pv.teams.create({ name, teamLeaderIds: [leader] })).rejects.toBeInstanceOf(ConflictError);
  });
});

describe('users', () => {
  it('creates with integration ids, updates, deactivates and activates', async () => {
    const username = unique('jdoe');
    const id = await pv.users.create({
      firstName: 'Jane',
      lastName: 'Doe',
      username,
      email: `${username}@example.com`,
      password: 'Sup3rSecretPass',
      integrations: { zendesk: 'zd-77', five9: 'f9-1' },
    });
    const find = async () => (await pv.users.list({ query: { _id: id } })).items[0]!;
    const created = await find();
    expect(created).toMatchObject({
      name: 'Jane',
      last_name: 'Doe',
      username,
      email: `${username}@example.com`,
      integrations_zendesk: 'zd-77',
      integrations_five9: 'f9-1',
    });
    expect(JSON.stringify(created)).not.toContain('Sup3rSecretPass');
    await pv.users.update(id, { firstName: 'Janet', integrations: { zendesk: 'zd-78' } });
    expect(await find()).toMatchObject({ name: 'Janet', integrations_zendesk: 'zd-78' });
    await pv.users.deactivate(id, { type: 'voluntary', reason: 'left the company' });
    expect(await find()).toMatchObject({
      status: 'inactive',
      deactivation_type: 'voluntary',
      deactivation_reason: 'left the company',
    });
    await pv.users.activate(id);
    expect(await find()).toMatchObject({ status: 'active' });
  });

  it('keeps the password out of error messages when the server refuses a user', async () => {
    const username = unique('dup');
    const user = {
      firstName: 'A',
      lastName: 'B',
      username,
      email: `${username}@example.com`,
      password: 'An0therSecretPw',
    };
    await pv.users.create(user);
    const error = (await pv.users.create(user).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).not.toContain('An0therSecretPw');
    expect(JSON.stringify((error as ConflictError).body)).not.toContain('An0therSecretPw');
  });
});
