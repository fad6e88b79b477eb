import { createPlayvoxEmulator, type PlayvoxEmulator } from '@voxbridge/emulator-playvox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type client, qs, start } from './helpers.js';

let emu: PlayvoxEmulator;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  ({ emu, api } = await start({ seed: 7 }));
});
afterAll(() => emu.close());
beforeEach(async () => {
  await api.post('/_emulator/reset');
});

const COLLECTIONS = [
  'coachings',
  'learning-results',
  'campaigns',
  'calibrations',
  'evaluations',
  'scorecards',
  'roles',
  'teams',
  'users',
];

describe('seeded data', () => {
  it('serves every read-only collection with the list envelope', async () => {
    for (const name of COLLECTIONS) {
      const answer = await api.get(name);
      expect(answer.status, name).toBe(200);
      expect(answer.body, name).toMatchObject({ success: true, page: 1, per_page: 12 });
      expect(answer.body.total, name).toBeGreaterThan(0);
      expect(answer.body.result.length, name).toBe(Math.min(12, answer.body.total));
      expect(answer.body.next_page, name).toBe(answer.body.total > 12);
      for (const record of answer.body.result) expect(record._id).toMatch(/^[0-9a-f]{24}$/);
    }
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const a = createPlayvoxEmulator({ seed: 7 }).store;
    const b = createPlayvoxEmulator({ seed: 7 }).store;
    const c = createPlayvoxEmulator({ seed: 8 }).store;
    expect(JSON.stringify(a.collection('evaluations'))).toBe(JSON.stringify(b.collection('evaluations')));
    expect(JSON.stringify(a.users())).toBe(JSON.stringify(b.users()));
    expect(JSON.stringify(a.users())).not.toBe(JSON.stringify(c.users()));
    expect(emu.store.users().map((u) => u._id)).toEqual(a.users().map((u) => u._id));
  });

  it('references users, teams, scorecards and evaluations that exist', () => {
    const { store } = emu;
    const user = (id: unknown) => store.user(id as string);
    const team = (id: unknown) => store.team(id as string);
    const scorecards = new Set(store.collection('scorecards').map((s) => s._id));
    const evaluations = new Set(store.collection('evaluations').map((e) => e._id));
    for (const t of store.teams())
      for (const id of [...t.users, ...t.team_leader_id]) expect(user(id)).toBeDefined();
    for (const e of store.collection('evaluations')) {
      expect(user(e.agent_id)?.type).toBe('agent');
      expect(user(e.monitor_id)?.type).toBe('analyst');
      expect(team(e.team_id)?.users).toContain(e.agent_id);
      expect(scorecards.has(e.scorecard_id as string)).toBe(true);
    }
    for (const c of store.collection('coachings')) {
      expect(user(c.trainee_id)).toBeDefined();
      expect(user(c.coach_id)?.type).toBe('team_leader');
      for (const id of c.evaluation_ids as string[]) expect(evaluations.has(id)).toBe(true);
    }
    for (const c of store.collection('calibrations'))
      expect(scorecards.has(c.scorecard_id as string)).toBe(true);
    for (const l of store.collection('learning-results')) expect(user(l.user_id)).toBeDefined();
    for (const c of store.collection('campaigns'))
      for (const id of c.users as string[]) expect(user(id)).toBeDefined();
    const roles = new Set(store.collection('roles').map((r) => r._id));
    for (const u of store.users()) for (const id of u.roles) expect(roles.has(id)).toBe(true);
  });

  it('seeds more users on demand for pagination', async () => {
    // No roster users here: the count is the seeded users alone.
    await api.put('/_emulator/config', { seed: { users: 1234 }, roster: { size: 0 } });
    const seen = new Set<string>();
    let page = 1;
    for (; page <= 20; page++) {
      const answer = await api.get(`users${qs({ page, per_page: 100 })}`);
      for (const u of answer.body.result) seen.add(u._id);
      if (!answer.body.next_page) break;
    }
    expect(page).toBe(13);
    expect(seen.size).toBe(1234);
  });
});

describe('list parameters', () => {
  it('pages with page and per_page (max 100) and rejects bad values naming the parameter', async () => {
    const first = await api.get(`evaluations${qs({ per_page: 10 })}`);
    const second = await api.get(`evaluations${qs({ per_page: 10, page: 2 })}`);
    expect(first.body.result).toHaveLength(10);
    expect(second.body.result[0]._id).not.toBe(first.body.result[0]._id);
    const last = await api.get(`evaluations${qs({ per_page: 10, page: 4 })}`);
    expect(last.body).toMatchObject({ next_page: false, total: 36 });
    expect(last.body.result).toHaveLength(6);
    expect((await api.get(`evaluations${qs({ per_page: 10, page: 5 })}`)).body.result).toEqual([]);
    expect((await api.get(`evaluations${qs({ per_page: 100 })}`)).status).toBe(200);
    for (const [param, value] of [
      ['per_page', 101],
      ['per_page', 0],
      ['page', 0],
      ['page', 'two'],
    ] as const) {
      const bad = await api.get(`evaluations${qs({ [param]: value })}`);
      expect(bad.status).toBe(400);
      expect(bad.body.error.field).toBe(param);
    }
    expect((await api.get('evaluations?page=&per_page=&query=&fields=&sort=&include=')).body.per_page).toBe(
      12,
    );
  });

  it('clamps per_page instead when configured', async () => {
    await api.put('/_emulator/config', { pagination: { overMaxPerPage: 'clamp' } });
    const answer = await api.get(`users${qs({ per_page: 2000 })}`);
    expect(answer.body.per_page).toBe(100);
  });

  it('filters with query equality, $in and array membership', async () => {
    const agent = emu.store.users().find((u) => u.type === 'agent')!;
    const byUsername = await api.get(`users${qs({ query: { username: agent.username } })}`);
    expect(byUsername.body.result.map((u: { _id: string }) => u._id)).toEqual([agent._id]);
    const types = await api.get(
      `users${qs({ query: { type: { $in: ['team_leader', 'analyst'] } }, per_page: 100 })}`,
    );
    expect(types.body.total).toBe(
      emu.store.users().filter((u) => u.type === 'team_leader' || u.type === 'analyst').length,
    );
    const team = emu.store.teams()[0]!;
    const scorecards = await api.get(`scorecards${qs({ query: { team_ids: team._id } })}`);
    expect(scorecards.body.total).toBeGreaterThan(0);
    for (const s of scorecards.body.result) expect(s.team_ids).toContain(team._id);
    for (const bad of ['not json', '[1,2]', '{"type":{"$regex":"a"}}', '{"bad key":1}']) {
      const answer = await api.get(`users?query=${encodeURIComponent(bad)}`);
      expect(answer.status, bad).toBe(400);
      expect(answer.body.error.field, bad).toMatch(/^query/);
    }
  });

  it('keeps only the requested fields, always with _id', async () => {
    const answer = await api.get(`users${qs({ fields: 'username,email' })}`);
    for (const u of answer.body.result) expect(Object.keys(u).sort()).toEqual(['_id', 'email', 'username']);
  });

  it('sorts ascending and descending on several keys', async () => {
    const desc = (await api.get(`evaluations${qs({ sort: '-score,+created_at', per_page: 100 })}`)).body
      .result as Array<{ score: number; created_at: string }>;
    for (let i = 1; i < desc.length; i++) {
      expect(desc[i - 1]!.score).toBeGreaterThanOrEqual(desc[i]!.score);
      if (desc[i - 1]!.score === desc[i]!.score)
        expect(desc[i - 1]!.created_at <= desc[i]!.created_at).toBe(true);
    }
    const asc = (await api.get('users?sort=+username&per_page=100')).body.result as Array<{
      username: string;
    }>;
    expect(asc.map((u) => u.username)).toEqual(asc.map((u) => u.username).sort());
  });

  it('embeds related objects with include=all', async () => {
    const teams = (await api.get('teams?include=all')).body.result;
    expect(teams[0].users_info.length).toBe(teams[0].users.length);
    expect(teams[0].team_leader_info[0]).toMatchObject({
      _id: teams[0].team_leader_id[0],
      email: expect.any(String),
    });
    const evaluation = (await api.get('evaluations?include=all&per_page=1')).body.result[0];
    expect(evaluation.agent_info._id).toBe(evaluation.agent_id);
    expect(evaluation.scorecard_info._id).toBe(evaluation.scorecard_id);
    expect((await api.get('teams')).body.result[0].users_info).toBeUndefined();
    expect((await api.get('teams?include=everything')).status).toBe(400);
  });
});

describe('teams and users', () => {
  const password = 'Sup3rSecret!';

  it('creates users with result._id, refuses duplicates and weak passwords, and updates', async () => {
    const created = await api.post('users', {
      name: 'Ada',
      last_name: 'Lovelace',
      username: 'ada',
      email: 'ada@example.com',
      password,
      integrations_livevox: 'agent-77',
    });
    expect(created.body).toEqual({ success: true, result: { _id: expect.stringMatching(/^[0-9a-f]{24}$/) } });
    const id = created.body.result._id;
    const listed = (await api.get(`users${qs({ query: { _id: id } })}`)).body.result[0];
    expect(listed).toMatchObject({
      name: 'Ada',
      last_name: 'Lovelace',
      username: 'ada',
      status: 'active',
      integrations_livevox: 'agent-77',
    });
    expect(listed.password).toBeUndefined();
    expect(JSON.stringify(emu.store.user(id))).not.toContain(password);

    expect(
      (
        await api.post('users', {
          name: 'A',
          last_name: 'B',
          username: 'ADA',
          email: 'x@example.com',
          password,
        })
      ).status,
    ).toBe(409);
    const dupEmail = await api.post('users', {
      name: 'A',
      last_name: 'B',
      username: 'other',
      email: 'ada@example.com',
      password,
    });
    expect(dupEmail.body.error.field).toBe('email');
    for (const weak of ['short1A', 'alllowercase1', 'ALLUPPERCASE1', 'NoDigitsHere']) {
      const answer = await api.post('users', {
        name: 'A',
        last_name: 'B',
        username: 'weak',
        email: 'weak@example.com',
        password: weak,
      });
      expect(answer.status).toBe(422);
      expect(answer.body.error.field).toBe('password');
      expect(JSON.stringify(answer.body)).not.toContain(weak);
    }

    expect((await api.put(`users/${id}`, { last_name: 'King', integrations_gladly: 'g-1' })).body).toEqual({
      success: true,
    });
    expect(
      (
        await api.post(`users/${id}`, {
          status: 'inactive',
          deactivation_type: 'resigned',
          deactivation_reason: 'left',
        })
      ).body,
    ).toEqual({ success: true });
    expect(emu.store.user(id)).toMatchObject({
      last_name: 'King',
      integrations_gladly: 'g-1',
      status: 'inactive',
      deactivation_type: 'resigned',
    });
    await api.post(`users/${id}`, { status: 'active' });
    expect(emu.store.user(id)).toMatchObject({
      status: 'active',
      deactivation_type: '',
      deactivation_reason: '',
    });
    expect((await api.put(`users/${id}`, { username: 'new' })).body.error.field).toBe('username');
    expect((await api.put('users/0123456789abcdef01234567', { name: 'x' })).status).toBe(404);
  });

  it('creates, updates, changes members of and deletes teams', async () => {
    const [leader, a, b] = emu.store.users().filter((u) => u.type !== 'admin');
    const created = await api.post('teams', {
      name: 'Night shift',
      description: 'late',
      team_leader_id: [leader!._id],
      users: [a!._id],
    });
    expect(created.body).toEqual({ success: true, result: { _id: expect.stringMatching(/^[0-9a-f]{24}$/) } });
    const id = created.body.result._id;
    expect((await api.post('teams', { name: 'night shift' })).status).toBe(409);
    const badMember = await api.post('teams', { name: 'Bad', users: ['nope'] });
    expect(badMember.status).toBe(422);
    expect(badMember.body.error.field).toBe('users[0]');

    expect((await api.post(`teams/${id}/users`, { id: b!._id })).body).toEqual({ success: true });
    expect(emu.store.team(id)).toMatchObject({ users: [a!._id, b!._id], total_users: 2 });
    expect((await api.del(`teams/${id}/users/${a!._id}`)).body).toEqual({ success: true });
    expect(emu.store.team(id)?.users).toEqual([b!._id]);
    expect((await api.del(`teams/${id}/users/${a!._id}`)).status).toBe(404);

    expect((await api.put(`teams/${id}`, { users: [a!._id], name: 'Late shift' })).body).toEqual({
      success: true,
    });
    expect((await api.post(`teams/${id}`, { description: 'very late' })).body).toEqual({ success: true });
    expect(emu.store.team(id)).toMatchObject({
      name: 'Late shift',
      description: 'very late',
      users: [a!._id],
      total_users: 1,
    });

    expect((await api.del(`teams/${id}`)).body).toEqual({ success: true });
    expect((await api.del(`teams/${id}`)).status).toBe(404);
  });
});

describe('campaigns', () => {
  it('serves one campaign, its variables and its users', async () => {
    const campaign = emu.store.collection('campaigns')[0]!;
    expect((await api.get(`campaigns/${campaign._id}`)).body).toMatchObject({
      success: true,
      result: { _id: campaign._id, name: campaign.name },
    });
    const vars = (await api.get(`campaigns/${campaign._id}/actions?o=vars-by-type`)).body.result;
    expect(vars.length).toBeGreaterThan(1);
    for (const v of vars) expect(['number', 'percentage', 'currency']).toContain(v.type);
    const users = (await api.get(`campaigns/${campaign._id}/actions?o=users`)).body.result;
    expect(users.map((u: { _id: string }) => u._id)).toEqual(campaign.users);
    expect((await api.get(`campaigns/${campaign._id}/actions?o=other`)).body.error.field).toBe('o');
    expect((await api.get('campaigns/0123456789abcdef01234567')).status).toBe(404);
  });

  it('takes metric rows and reports row errors with 200', async () => {
    const campaign = emu.store.collection('campaigns')[0]!;
    const member = emu.store.user((campaign.users as string[])[0]!)!;
    const [code] = (campaign.vars as Array<{ code: string }>).map((v) => v.code);
    const single = await api.post(`campaigns/${campaign._id}/metrics`, {
      user: member.username,
      date: '2024-06-01',
      [code!]: 5,
    });
    expect(single.body).toEqual({ success: true, result: { total: 1, total_errors: 0, errors: [] } });
    const rows = await api.post(`campaigns/${campaign._id}/metrics`, [
      { user: member.email, date: '2024-06-02', [code!]: 7 },
      { user: 'ghost', date: '2024-06-02', [code!]: 1 },
      { user: member.username, date: '2024-13-01', [code!]: 1 },
      { user: member.username, date: '2024-06-03', unknown_var: 1 },
    ]);
    expect(rows.status).toBe(200);
    expect(rows.body.result).toMatchObject({ total: 4, total_errors: 3 });
    expect(rows.body.result.errors).toEqual([
      "row 2: user: unknown user 'ghost'",
      'row 3: date: must be a date YYYY-MM-DD',
      'row 4: unknown_var: is not a variable of this campaign',
    ]);
    expect(emu.store.campaignMetrics(campaign._id).map((r) => r.date)).toEqual(['2024-06-01', '2024-06-02']);
  });
});
