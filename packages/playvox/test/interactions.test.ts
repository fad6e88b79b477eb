import { AuthenticationError, ConflictError, NotFoundError, UnprocessableEntityError } from '@voxbridge/core';
import { describe, expect, it } from 'vitest';
import { CREDENTIALS, clientFor, makeIntegration, sharedClient, unique } from './helpers.js';

const { emu, pv, seen } = sharedClient();

describe('integrations and metadata', () => {
  it('creates, retrieves, updates and deletes an integration', async () => {
    const name = unique('Crm');
    const id = await pv.integrations.create({ name, description: 'crm', dataStorageMinutes: 600 });
    expect(await pv.integrations.retrieve(id)).toMatchObject({
      _id: id,
      name,
      description: 'crm',
      settings: { data_storage_minutes: 600 },
    });
    await pv.integrations.update(id, { description: 'our crm', dataStorageMinutes: 129_600 });
    expect(await pv.integrations.retrieve(id)).toMatchObject({
      description: 'our crm',
      settings: { data_storage_minutes: 129_600 },
    });
    const listed: string[] = [];
    for await (const integration of pv.integrations.list({ perPage: 2 })) listed.push(integration._id);
    expect(listed).toContain(id);
    await pv.integrations.delete(id);
    await expect(pv.integrations.retrieve(id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("adds, updates and deletes metadata fields, returning the new field's _id", async () => {
    const id = await pv.integrations.create({
      name: unique('Meta'),
      description: 'm',
      dataStorageMinutes: 60,
    });
    const closed = await pv.integrations.addMetadata(id, {
      fieldId: 'closed_at',
      type: 'datetime',
      required: true,
      availableIn: ['filters'],
    });
    const tier = await pv.integrations.addMetadata(id, {
      fieldId: 'tier',
      type: 'list',
      allowed: ['gold', 'silver'],
    });
    expect(closed).not.toBe(tier);
    let fields = (await pv.integrations.retrieve(id)).metadata ?? [];
    expect(fields.find((f) => f._id === tier)).toMatchObject({
      field_id: 'tier',
      type: 'list',
      allowed: ['gold', 'silver'],
      required: false,
    });
    expect(fields.find((f) => f._id === closed)).toMatchObject({
      field_id: 'closed_at',
      type: 'datetime',
      required: true,
      available_in: ['filters'],
    });
    await pv.integrations.updateMetadata(id, tier, {
      allowed: ['gold', 'silver', 'bronze'],
      availableIn: ['filters', 'display'],
    });
    fields = (await pv.integrations.retrieve(id)).metadata ?? [];
    expect(fields.find((f) => f._id === tier)).toMatchObject({
      allowed: ['gold', 'silver', 'bronze'],
      available_in: ['filters', 'display'],
    });
    await pv.integrations.deleteMetadata(id, tier);
    expect(((await pv.integrations.retrieve(id)).metadata ?? []).map((f) => f.field_id)).toEqual([
      'closed_at',
    ]);
    await expect(
      pv.integrations.addMetadata(id, { fieldId: 'closed_at', type: 'datetime' }),
    ).rejects.toBeInstanceOf(ConflictError);
  });
});

describe('interactions and comments', () => {
  it('creates (metadata flat, dates with a zone), lists, updates and really deletes an interaction', async () => {
    const integrationId = await makeIntegration(pv);
    const metadata = { closed_at: new Date('2026-11-22T10:00:00Z'), channel: 'email', handle_seconds: 300 };
    const input = { interactionId: 'ticket-1', assigneeId: 'agent@example.com', metadata };
    const snapshot = structuredClone(input);
    const id = await pv.interactions.create(integrationId, input);
    expect(input).toEqual(snapshot);
    const [stored] = (await pv.interactions.list(integrationId)).items;
    expect(stored).toMatchObject({
      _id: id,
      interaction_id: 'ticket-1',
      integration_id: integrationId,
      assignee_id: 'agent@example.com',
    });
    expect(Date.parse(String(stored!.metadata.closed_at))).toBe(Date.parse('2026-11-22T10:00:00Z'));
    expect(stored!.metadata).toMatchObject({ channel: 'email', handle_seconds: 300 });
    const offsetId = await pv.interactions.create(integrationId, {
      interactionId: 'ticket-2',
      assigneeId: 'a@example.com',
      metadata: { closed_at: '2026-11-22T12:00:00+02:00' },
    });
    const offsetStored = (await pv.interactions.list(integrationId, { query: { _id: offsetId } })).items[0]!;
    expect(Date.parse(String(offsetStored.metadata.closed_at))).toBe(Date.parse('2026-11-22T10:00:00Z'));
    await pv.interactions.update(integrationId, id, { channel: 'chat', handle_seconds: 42 });
    expect(
      (await pv.interactions.list(integrationId, { query: { _id: id } })).items[0]!.metadata,
    ).toMatchObject({ channel: 'chat', handle_seconds: 42 });
    const across = await pv.interactions.listAll({ query: { integration_id: integrationId } });
    expect(across.items.map((i) => i._id).sort()).toEqual([id, offsetId].sort());
    seen.responses.length = 0;
    await pv.interactions.delete(integrationId, id);
    expect(seen.responses).toEqual([
      { method: 'DELETE', path: `/api/v1/integrations/${integrationId}/interactions/${id}`, status: 200 },
    ]);
    expect((await pv.interactions.list(integrationId)).items.map((i) => i._id)).toEqual([offsetId]);
  });

  it('lets the server refuse values it checks (422 naming the field)', async () => {
    const integrationId = await makeIntegration(pv);
    const error = await pv.interactions
      .create(integrationId, {
        interactionId: 'x',
        assigneeId: 'a',
        metadata: { closed_at: new Date(), channel: 'fax' },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect((error as Error).message).toContain('channel');
    const bare = await pv.integrations.create({
      name: unique('Bare'),
      description: 'no datetime',
      dataStorageMinutes: 60,
    });
    await expect(
      pv.interactions.create(bare, { interactionId: 'x', assigneeId: 'a', metadata: {} }),
    ).rejects.toBeInstanceOf(UnprocessableEntityError);
  });

  it('takes numeric allowed values, lists of them, and null to clear an optional field', async () => {
    const integrationId = await makeIntegration(pv);
    await pv.integrations.addMetadata(integrationId, {
      fieldId: 'priority',
      type: 'list',
      allowed: [1, 2, 3],
    });
    const id = await pv.interactions.create(integrationId, {
      interactionId: 'n-1',
      assigneeId: 'a',
      metadata: { closed_at: new Date(), priority: [1, 3], handle_seconds: 10 },
    });
    await pv.interactions.update(integrationId, id, { handle_seconds: null, priority: 2 });
    const stored = (await pv.interactions.list(integrationId, { query: { _id: id } })).items[0]!;
    expect(stored.metadata).toMatchObject({ priority: 2, handle_seconds: null });
    await expect(pv.interactions.update(integrationId, id, { closed_at: null })).rejects.toBeInstanceOf(
      UnprocessableEntityError,
    );
  });

  it('does not deduplicate interaction_id: two creates make two interactions', async () => {
    const integrationId = await makeIntegration(pv);
    const item = { interactionId: 'same', assigneeId: 'a', metadata: { closed_at: new Date() } };
    const first = await pv.interactions.create(integrationId, item);
    const second = await pv.interactions.create(integrationId, item);
    expect(first).not.toBe(second);
    expect(
      (await pv.interactions.list(integrationId, { query: { interaction_id: 'same' } })).items,
    ).toHaveLength(2);
  });

  it('creates, lists, updates and deletes comments', async () => {
    const integrationId = await makeIntegration(pv);
    const interaction = await pv.interactions.create(integrationId, {
      interactionId: 'c-1',
      assigneeId: 'a',
      metadata: { closed_at: new Date() },
    });
    const first = await pv.comments.create(interaction, {
      body: 'Hello',
      type: 'customer_comment',
      authorId: 'cust@example.com',
      addedAt: '2026-11-22T09:00:00-05:00',
    });
    const second = await pv.comments.create(interaction, {
      body: 'Hi!',
      type: 'agent_comment',
      authorId: 'agent@example.com',
    });
    let comments = (await pv.comments.list(interaction)).items;
    expect(comments.map((c) => c._id).sort()).toEqual([first, second].sort());
    const hello = comments.find((c) => c._id === first)!;
    expect(hello).toMatchObject({
      interaction_id: interaction,
      body: 'Hello',
      type: 'customer_comment',
      author_id: 'cust@example.com',
    });
    expect(Date.parse(hello.added_at)).toBe(Date.parse('2026-11-22T14:00:00Z'));
    expect(Number.isNaN(Date.parse(comments.find((c) => c._id === second)!.added_at))).toBe(false);
    await pv.comments.update(interaction, first, {
      body: 'Hello there',
      addedAt: new Date('2026-11-22T15:00:00Z'),
    });
    comments = (await pv.comments.list(interaction)).items;
    expect(comments.find((c) => c._id === first)).toMatchObject({ body: 'Hello there' });
    expect(Date.parse(comments.find((c) => c._id === first)!.added_at)).toBe(
      Date.parse('2026-11-22T15:00:00Z'),
    );
    await pv.comments.delete(interaction, second);
    expect((await pv.comments.list(interaction)).items.map((c) => c._id)).toEqual([first]);
  });
});

describe('auth', () => {
  it('sends Basic auth on every request, DELETE included, and fails clearly with a wrong key', async () => {
    const integrationId = await pv.integrations.create({
      name: unique('Auth'),
      description: 'a',
      dataStorageMinutes: 60,
    });
    const { pv: wrong } = clientFor(emu, { key: 'not-the-key' });
    const error = (await wrong.integrations
      .delete(integrationId)
      .catch((e: unknown) => e)) as AuthenticationError;
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.status).toBe(401);
    expect(error.message).not.toContain('not-the-key');
    expect(await pv.integrations.retrieve(integrationId)).toMatchObject({ _id: integrationId });
    await pv.integrations.delete(integrationId);
    await expect(pv.integrations.retrieve(integrationId)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('reports request and response events with the path and status, never the key', async () => {
    const { pv: observed } = clientFor(emu);
    const events: string[] = [];
    observed.http.on('request', (e) => events.push(JSON.stringify(e)));
    observed.http.on('response', (e) => events.push(JSON.stringify(e)));
    await observed.roles.list({ perPage: 1 });
    expect(events).toHaveLength(2);
    expect(JSON.parse(events[1]!)).toMatchObject({
      method: 'GET',
      path: '/api/v1/roles?page=1&per_page=1',
      status: 200,
      attempt: 1,
    });
    expect(events.join()).not.toContain(CREDENTIALS.key);
  });
});
