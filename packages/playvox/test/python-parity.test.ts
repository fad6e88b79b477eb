import { beforeAll, describe, expect, it } from 'vitest';
import { makeIntegration, type RawAnswer, rawRequest, sharedClient, unique } from './helpers.js';

const { emu, pv } = sharedClient();
let userIds: string[];
beforeAll(async () => {
  userIds = (await pv.users.list({ perPage: 5 })).items.map((u) => u._id);
});

const VOLATILE = new Set([
  '_id',
  'created_at',
  'updated_at',
  'name',
  'username',
  'email',
  'interaction_id',
  'integration_id',
]);
/** A record without the fields that differ between two creates by design (ids, times, unique names). */
function comparable(record: Record<string, unknown> | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record ?? {}).filter(([key]) => !VOLATILE.has(key)));
}

const ok = (answer: RawAnswer) => {
  expect(answer.status).toBe(200);
  expect(answer.body.success).toBe(true);
  return answer.body;
};

async function team(id: string) {
  return (await pv.teams.list({ query: { _id: id } })).items[0];
}
async function user(id: string) {
  return (await pv.users.list({ query: { _id: id } })).items[0];
}

describe('teams (team.new, team.update, team.remove_user, team.delete)', () => {
  it('create, update, remove a member and delete give the same teams', async () => {
    const [leader, a, b] = userIds;
    const python = ok(
      await rawRequest(emu, 'POST', 'teams', {
        name: unique('PyTeam'),
        description: 'd',
        team_leader_id: [leader],
        users: [a, b],
      }),
    ).result._id;
    const ours = await pv.teams.create({
      name: unique('TsTeam'),
      description: 'd',
      teamLeaderIds: [leader!],
      userIds: [a!, b!],
    });
    expect(comparable(await team(ours))).toEqual(comparable(await team(python)));

    ok(await rawRequest(emu, 'POST', `teams/${python}`, { description: 'changed', users: [b] }));
    await pv.teams.update(ours, { description: 'changed', userIds: [b!] });
    expect(comparable(await team(ours))).toEqual(comparable(await team(python)));

    ok(await rawRequest(emu, 'DELETE', `teams/${python}/users/${b}`));
    await pv.teams.removeUser(ours, b!);
    expect(comparable(await team(ours))).toEqual(comparable(await team(python)));

    ok(await rawRequest(emu, 'DELETE', `teams/${python}`));
    await pv.teams.delete(ours);
    expect([await team(ours), await team(python)]).toEqual([undefined, undefined]);
  });
});

describe('users (user.new, user.update, user.deactivate, user.activate)', () => {
  it('give the same users', async () => {
    const py = unique('py');
    const ts = unique('ts');
    const password = 'Passw0rdLong';
    const python = ok(
      await rawRequest(emu, 'POST', 'users', {
        name: 'Ann',
        last_name: 'Lee',
        username: py,
        email: `${py}@example.com`,
        password,
      }),
    ).result._id;
    const ours = await pv.users.create({
      firstName: 'Ann',
      lastName: 'Lee',
      username: ts,
      email: `${ts}@example.com`,
      password,
    });
    expect(comparable(await user(ours))).toEqual(comparable(await user(python)));
    expect((await user(ours))?.name).toBe('Ann');

    ok(await rawRequest(emu, 'POST', `users/${python}`, { last_name: 'Li' }));
    await pv.users.update(ours, { lastName: 'Li' });
    expect(comparable(await user(ours))).toEqual(comparable(await user(python)));

    ok(
      await rawRequest(emu, 'POST', `users/${python}`, {
        status: 'inactive',
        deactivation_type: 'involuntary',
        deactivation_reason: 'contract ended',
      }),
    );
    await pv.users.deactivate(ours, { type: 'involuntary', reason: 'contract ended' });
    expect(comparable(await user(ours))).toEqual(comparable(await user(python)));
    expect((await user(ours))?.status).toBe('inactive');

    ok(
      await rawRequest(emu, 'POST', `users/${python}`, {
        status: 'active',
        deactivation_type: '',
        deactivation_reason: '',
      }),
    );
    await pv.users.activate(ours);
    expect(comparable(await user(ours))).toEqual(comparable(await user(python)));
  });
});

describe('integrations and metadata (integration.new, add_metadata, update_metadata, delete_metadata, integration.delete)', () => {
  it('give the same integrations and fields', async () => {
    const python = ok(
      await rawRequest(emu, 'POST', 'integrations', {
        name: unique('PyInt'),
        description: 'desc',
        settings: { data_storage_minutes: 720 },
      }),
    )._id;
    const ours = await pv.integrations.create({
      name: unique('TsInt'),
      description: 'desc',
      dataStorageMinutes: 720,
    });
    const integration = async (id: string) => comparable(await pv.integrations.retrieve(id));
    expect(await integration(ours)).toEqual(await integration(python));

    const field = {
      field_id: 'solved_at',
      type: 'datetime',
      allowed: [],
      required: true,
      available_in: ['filters', 'display'],
    };
    const answer = ok(await rawRequest(emu, 'POST', `integrations/${python}/metadata`, field));
    const pythonField = (answer.metadata as Array<{ _id: string; field_id: string }>).find(
      (m) => m.field_id === 'solved_at',
    )!._id;
    const ourField = await pv.integrations.addMetadata(ours, {
      fieldId: 'solved_at',
      type: 'datetime',
      allowed: [],
      required: true,
      availableIn: ['filters', 'display'],
    });
    const fields = async (id: string) =>
      ((await pv.integrations.retrieve(id)).metadata ?? []).map(({ _id, ...rest }) => rest);
    expect(await fields(ours)).toEqual(await fields(python));

    const tier = {
      field_id: 'tier',
      type: 'list',
      allowed: ['a', 'b'],
      required: false,
      available_in: ['filters'],
    };
    const pythonTier = (
      ok(await rawRequest(emu, 'POST', `integrations/${python}/metadata`, tier)).metadata as Array<{
        _id: string;
        field_id: string;
      }>
    ).find((m) => m.field_id === 'tier')!._id;
    const ourTier = await pv.integrations.addMetadata(ours, {
      fieldId: 'tier',
      type: 'list',
      allowed: ['a', 'b'],
      availableIn: ['filters'],
    });
    ok(
      await rawRequest(emu, 'PUT', `integrations/${python}/metadata/${pythonTier}`, {
        allowed: ['a', 'b', 'c'],
      }),
    );
    await pv.integrations.updateMetadata(ours, ourTier, { allowed: ['a', 'b', 'c'] });
    expect(await fields(ours)).toEqual(await fields(python));

    ok(await rawRequest(emu, 'DELETE', `integrations/${python}/metadata/${pythonField}`));
    await pv.integrations.deleteMetadata(ours, ourField);
    expect(await fields(ours)).toEqual(await fields(python));

    ok(await rawRequest(emu, 'DELETE', `integrations/${python}`));
    await pv.integrations.delete(ours);
    const remaining: string[] = [];
    for await (const i of pv.integrations.list()) remaining.push(i._id);
    expect(remaining).not.toContain(ours);
    expect(remaining).not.toContain(python);
  });
});

describe('interactions and comments (interaction.add, update, add_comment, update_comment, get_comments)', () => {
  it('give the same interactions and comments', async () => {
    const integrationId = await makeIntegration(pv);
    const stored = async (id: string) =>
      comparable((await pv.interactions.list(integrationId, { query: { _id: id } })).items[0]);
    const python = ok(
      await rawRequest(emu, 'POST', `integrations/${integrationId}/interactions`, {
        interaction_id: 'py-1',
        assignee_id: 'agent@example.com',
        closed_at: '2026-11-22T10:00:00.000Z',
        channel: 'email',
      }),
    )._id;
    const ours = await pv.interactions.create(integrationId, {
      interactionId: 'ts-1',
      assigneeId: 'agent@example.com',
      metadata: { closed_at: new Date('2026-11-22T10:00:00Z'), channel: 'email' },
    });
    expect(await stored(ours)).toEqual(await stored(python));

    ok(
      await rawRequest(emu, 'PUT', `integrations/${integrationId}/interactions/${python}`, {
        channel: 'voice',
        handle_seconds: 90,
      }),
    );
    await pv.interactions.update(integrationId, ours, { channel: 'voice', handle_seconds: 90 });
    expect(await stored(ours)).toEqual(await stored(python));

    const comment = {
      body: 'Refund issued',
      type: 'agent_comment',
      author_id: 'agent@example.com',
      added_at: '2026-11-22T11:00:00+00:00',
    };
    const pythonComment = ok(await rawRequest(emu, 'POST', `interactions/${python}/comments`, comment)).result
      ._id;
    const ourComment = await pv.comments.create(ours, {
      body: 'Refund issued',
      type: 'agent_comment',
      authorId: 'agent@example.com',
      addedAt: '2026-11-22T11:00:00+00:00',
    });
    const comments = async (id: string) =>
      (await pv.comments.list(id)).items.map(
        ({ _id, created_at, updated_at, interaction_id, ...rest }) => rest,
      );
    expect(await comments(ours)).toEqual(await comments(python));
    const rawList = ok(await rawRequest(emu, 'GET', `interactions/${python}/comments`));
    expect(rawList.result.map((c: { _id: string }) => c._id)).toEqual([pythonComment]);

    ok(
      await rawRequest(emu, 'PUT', `interactions/${python}/comments/${pythonComment}`, {
        body: 'Refund issued (partial)',
        added_at: '2026-11-22T12:00:00+00:00',
      }),
    );
    await pv.comments.update(ours, ourComment, {
      body: 'Refund issued (partial)',
      addedAt: '2026-11-22T12:00:00+00:00',
    });
    expect(await comments(ours)).toEqual(await comments(python));
  });

  it('bulk_add and bulk_status give the same job and interactions', async () => {
    const integrationId = await makeIntegration(pv);
    const wire = (prefix: string) =>
      [0, 1, 2].map((i) => ({
        interaction_id: `${prefix}-${i}`,
        assignee_id: 'a@example.com',
        closed_at: '2026-11-22T10:00:00.000Z',
        channel: 'chat',
      }));
    const pythonJob = ok(
      await rawRequest(emu, 'POST', `integrations/${integrationId}/bulk/interactions`, wire('py')),
    ).result._id;
    const [ourJob] = await pv.interactions.bulkCreate(
      integrationId,
      [0, 1, 2].map((i) => ({
        interactionId: `ts-${i}`,
        assigneeId: 'a@example.com',
        metadata: { closed_at: '2026-11-22T10:00:00.000Z', channel: 'chat' },
      })),
    );
    await pv.interactions.waitForJobs([pythonJob, ourJob!], { initialDelayMs: 10, timeoutMs: 30_000 });
    const job = async (id: string) => {
      const { _id, created_at, updated_at, completed_at, results, ...rest } = await pv.interactions.job(id);
      return { ...rest, results: results.map(({ _id: created, interaction_id, ...r }) => r) };
    };
    expect(await job(ourJob!)).toEqual(await job(pythonJob));
    const stored = (await pv.interactions.list(integrationId, { sort: ['interaction_id'] })).items.map((i) =>
      comparable(i),
    );
    expect(stored.slice(0, 3)).toEqual(stored.slice(3));
  });
});

describe('lists and campaigns (X.get(**kwargs), campaign.vars, campaign.users)', () => {
  it('the same query parameters give the same records', async () => {
    const raw = ok(
      await rawRequest(emu, 'GET', 'users?page=2&per_page=5&sort=-username&fields=username,email'),
    );
    const page = await pv.users.list({
      page: 2,
      perPage: 5,
      sort: ['-username'],
      fields: ['username', 'email'],
    });
    expect(page.items).toEqual(raw.result);
    expect(page.hasNextPage).toBe(raw.next_page);
  });

  it('campaign vars and users match', async () => {
    const campaign = ok(await rawRequest(emu, 'GET', 'campaigns')).result[0]._id;
    expect(await pv.campaigns.vars(campaign)).toEqual(
      ok(await rawRequest(emu, 'GET', `campaigns/${campaign}/actions?o=vars-by-type`)).result,
    );
    expect(await pv.campaigns.users(campaign)).toEqual(
      ok(await rawRequest(emu, 'GET', `campaigns/${campaign}/actions?o=users`)).result,
    );
  });
});
