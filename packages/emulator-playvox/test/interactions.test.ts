import { describe, expect, it } from 'vitest';
import { callInteraction as call, createReadyIntegration, qs, sharedEmulator } from './helpers.js';

const shared = sharedEmulator();
const { api } = shared;

describe('interactions', () => {
  it('accepts interactions only once the integration has a datetime field', async () => {
    const id = (await api.post('integrations', { name: 'no dates', settings: { data_storage_minutes: 10 } }))
      .body._id;
    await api.post(`integrations/${id}/metadata`, { field_id: 'channel', type: 'string' });
    const refused = await api.post(`integrations/${id}/interactions`, {
      interaction_id: 'x',
      assignee_id: 'a',
      channel: 'voice',
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.field).toBe('metadata');
    expect(refused.body.error.message).toContain('datetime');
    await api.post(`integrations/${id}/metadata`, { field_id: 'started_at', type: 'datetime' });
    expect(
      (
        await api.post(`integrations/${id}/interactions`, {
          interaction_id: 'x',
          assignee_id: 'a',
          channel: 'voice',
          started_at: '2024-01-01T00:00:00+01:00',
        })
      ).status,
    ).toBe(200);
  });

  it('creates with a top-level _id, lists, updates and deletes by that _id', async () => {
    const id = await createReadyIntegration(api, 'crud', [
      { field_id: 'channel', type: 'list', allowed: ['voice', 'chat'] },
    ]);
    const created = await api.post(`integrations/${id}/interactions`, call('ext-1', { channel: 'voice' }));
    expect(created.body).toEqual({ success: true, _id: expect.stringMatching(/^[0-9a-f]{24}$/) });
    const playvoxId = created.body._id;
    const list = await api.get(`integrations/${id}/interactions`);
    expect(list.body).toMatchObject({ success: true, total: 1, next_page: false });
    expect(list.body.result[0]).toMatchObject({
      _id: playvoxId,
      interaction_id: 'ext-1',
      integration_id: id,
      assignee_id: 'ana.garcia1',
      metadata: { call_date: '2024-05-01T10:00:00Z', channel: 'voice' },
    });

    expect(
      (await api.put(`integrations/${id}/interactions/${playvoxId}`, { channel: ['voice', 'chat'] })).body,
    ).toEqual({ success: true });
    expect(shared.emu.store.interaction(playvoxId)?.metadata.channel).toEqual(['voice', 'chat']);
    expect((await api.put(`integrations/${id}/interactions/ext-1`, { channel: 'chat' })).status).toBe(404);
    expect((await api.del(`integrations/${id}/interactions/${playvoxId}`)).body).toEqual({ success: true });
    expect((await api.get(`integrations/${id}/interactions`)).body.total).toBe(0);
    expect((await api.del(`integrations/${id}/interactions/${playvoxId}`)).status).toBe(404);
  });

  it('checks values against type, allowed and required, naming each field', async () => {
    const id = await createReadyIntegration(api, 'values', [
      { field_id: 'channel', type: 'list', allowed: ['voice', 'chat'] },
      { field_id: 'queue', type: 'string', allowed: ['sales', 'support'] },
      { field_id: 'note', type: 'string' },
      { field_id: 'talk_seconds', type: 'integer' },
      { field_id: 'csat', type: 'float' },
      { field_id: 'resolved', type: 'boolean', required: true },
    ]);
    const ok = await api.post(
      `integrations/${id}/interactions`,
      call('v1', {
        channel: 'chat',
        queue: 'sales',
        note: 'free text',
        talk_seconds: 12,
        csat: 4.5,
        resolved: true,
      }),
    );
    expect(ok.status).toBe(200);
    const cases: Array<[object, string]> = [
      [{ channel: 'email', resolved: true }, 'channel'],
      [{ queue: 'billing', resolved: true }, 'queue'],
      [{ note: 5, resolved: true }, 'note'],
      [{ talk_seconds: 1.5, resolved: true }, 'talk_seconds'],
      [{ csat: '4.5', resolved: true }, 'csat'],
      [{ resolved: 'yes' }, 'resolved'],
      [{}, 'resolved'],
      [{ resolved: true, call_date: '2024-05-01 10:00:00' }, 'call_date'],
      [{ resolved: true, call_date: '2024-05-01T10:00:00' }, 'call_date'],
      [{ resolved: true, call_date: '2024-02-30T10:00:00Z' }, 'call_date'],
      [{ resolved: true, surprise: 1 }, 'surprise'],
      [{ resolved: true, interaction_id: 'x'.repeat(69) }, 'interaction_id'],
      [{ resolved: true, assignee_id: '' }, 'assignee_id'],
    ];
    for (const [extra, field] of cases) {
      const answer = await api.post(`integrations/${id}/interactions`, call('v2', extra));
      expect(answer.status, JSON.stringify(extra)).toBe(422);
      expect(answer.body.error.field, JSON.stringify(extra)).toBe(field);
      expect(answer.body.error.message).toMatch(new RegExp(`^${field}: `));
    }
    const missing = await api.post(`integrations/${id}/interactions`, { resolved: true });
    expect(missing.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'assignee_id',
      'call_date',
      'interaction_id',
    ]);
  });

  it('does not deduplicate interaction_id', async () => {
    const id = await createReadyIntegration(api, 'dups');
    const a = await api.post(`integrations/${id}/interactions`, call('same'));
    const b = await api.post(`integrations/${id}/interactions`, call('same'));
    expect(a.body._id).not.toBe(b.body._id);
    const found = await api.get(
      `integrations/${id}/interactions${qs({ query: { interaction_id: 'same' } })}`,
    );
    expect(found.body.total).toBe(2);
    expect(found.body.result.map((r: { _id: string }) => r._id)).toEqual([a.body._id, b.body._id]);
    expect(shared.emu.store.interactionsByInteractionId('same')).toHaveLength(2);
  });

  it('lists every integration on GET interactions, filtered through the interaction_id index', async () => {
    const one = await createReadyIntegration(api, 'one');
    const two = await createReadyIntegration(api, 'two');
    for (let i = 0; i < 5; i++) await api.post(`integrations/${one}/interactions`, call(`c${i}`));
    await api.post(`integrations/${two}/interactions`, call('c1'));
    const all = await api.get('interactions');
    expect(all.body.total).toBe(6);
    const pinned = await api.get(
      `interactions${qs({ query: { interaction_id: { $in: ['c1', 'c3', 'nope'] } } })}`,
    );
    expect(
      pinned.body.result.map((r: { interaction_id: string; integration_id: string }) => [
        r.interaction_id,
        r.integration_id,
      ]),
    ).toEqual([
      ['c1', one],
      ['c3', one],
      ['c1', two],
    ]);
    const scoped = await api.get(
      `integrations/${two}/interactions${qs({ query: { interaction_id: 'c1' } })}`,
    );
    expect(scoped.body.total).toBe(1);
    const byMetadata = await api.get(
      `interactions${qs({ query: { 'metadata.call_date': { $gte: '2024-05-01T00:00:00Z' }, integration_id: two } })}`,
    );
    expect(byMetadata.body.total).toBe(1);
  });

  it('deleting an integration removes its interactions and their comments', async () => {
    const id = await createReadyIntegration(api, 'cascade');
    const interaction = (await api.post(`integrations/${id}/interactions`, call('k1'))).body._id;
    await api.post(`interactions/${interaction}/comments`, {
      body: 'note',
      type: 'internal_note',
      author_id: 'qa',
    });
    await api.del(`integrations/${id}`);
    expect(shared.emu.store.truth()).toMatchObject({
      interactions: { total: 0 },
      comments: 0,
      integrations: [],
    });
    expect((await api.get(`interactions/${interaction}/comments`)).status).toBe(404);
  });
});

describe('comments', () => {
  it('creates with result._id on the interaction _id, lists, updates and deletes', async () => {
    const id = await createReadyIntegration(api, 'comments');
    const interaction = (await api.post(`integrations/${id}/interactions`, call('m1'))).body._id;
    const created = await api.post(`interactions/${interaction}/comments`, {
      body: 'Hello',
      type: 'customer_comment',
      author_id: 'customer@example.com',
      added_at: '2024-05-01T10:01:00Z',
    });
    expect(created.body).toEqual({ success: true, result: { _id: expect.stringMatching(/^[0-9a-f]{24}$/) } });
    const commentId = created.body.result._id;
    const defaulted = await api.post(`interactions/${interaction}/comments`, {
      body: 'Hi',
      type: 'agent_comment',
      author_id: 'ana.garcia1',
    });
    expect(defaulted.status).toBe(200);

    const list = await api.get(`interactions/${interaction}/comments`);
    expect(list.body).toMatchObject({ success: true, total: 2 });
    expect(list.body.result[0]).toMatchObject({
      _id: commentId,
      interaction_id: interaction,
      body: 'Hello',
      type: 'customer_comment',
      added_at: '2024-05-01T10:01:00Z',
    });
    expect(list.body.result[1].added_at).toMatch(/^\d{4}-\d{2}-\d{2}T.*Z$/);

    expect(
      (await api.put(`interactions/${interaction}/comments/${commentId}`, { body: 'Hello again' })).body,
    ).toEqual({ success: true });
    expect(shared.emu.store.comment(commentId)?.body).toBe('Hello again');
    const retype = await api.put(`interactions/${interaction}/comments/${commentId}`, {
      type: 'internal_note',
    });
    expect(retype.status).toBe(422);
    expect(retype.body.error.field).toBe('type');
    expect((await api.del(`interactions/${interaction}/comments/${commentId}`)).body).toEqual({
      success: true,
    });
    expect((await api.get(`interactions/${interaction}/comments`)).body.total).toBe(1);

    const withInclude = await api.get(`integrations/${id}/interactions?include=all`);
    expect(withInclude.body.result[0].comments).toHaveLength(1);
  });

  it('checks type, author, body and added_at, and the interaction path', async () => {
    const id = await createReadyIntegration(api, 'comment rules');
    const interaction = (await api.post(`integrations/${id}/interactions`, call('m2'))).body._id;
    const cases: Array<[object, string]> = [
      [{ body: 'x', type: 'email', author_id: 'a' }, 'type'],
      [{ body: 'x', type: 'internal_note' }, 'author_id'],
      [{ body: '', type: 'internal_note', author_id: 'a' }, 'body'],
      [{ body: 'x', type: 'internal_note', author_id: 'a', added_at: '2024-05-01T10:01:00UTC' }, 'added_at'],
    ];
    for (const [body, field] of cases) {
      const answer = await api.post(`interactions/${interaction}/comments`, body);
      expect(answer.status).toBe(422);
      expect(answer.body.error.field).toBe(field);
    }
    const external = await api.post('interactions/m2/comments', {
      body: 'x',
      type: 'internal_note',
      author_id: 'a',
    });
    expect(external.status).toBe(404);
    expect(external.body.error.field).toBe('interaction_id');
  });

  it('can require authors and assignees to be Playvox users', async () => {
    await api.put('/_emulator/config', { rules: { assigneeMustExist: true, authorMustExist: true } });
    const id = await createReadyIntegration(api, 'strict');
    const unknown = await api.post(
      `integrations/${id}/interactions`,
      call('s1', { assignee_id: 'nobody@example.com' }),
    );
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.field).toBe('assignee_id');
    const agent = shared.emu.store.users().find((u) => u.type === 'agent')!;
    const known = await api.post(`integrations/${id}/interactions`, call('s1', { assignee_id: agent.email }));
    expect(known.status).toBe(200);
    const comment = await api.post(`interactions/${known.body._id}/comments`, {
      body: 'x',
      type: 'internal_note',
      author_id: 'nobody',
    });
    expect(comment.body.error.field).toBe('author_id');
  });
});
