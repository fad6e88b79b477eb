import { describe, expect, it } from 'vitest';
import { callInteraction as call, createReadyIntegration, sharedEmulator } from './helpers.js';

const shared = sharedEmulator();
const { api } = shared;

describe('integrations', () => {
  it('creates, reads, lists, updates and deletes with the documented envelopes', async () => {
    const created = await api.post('integrations', {
      name: 'LiveVox calls',
      description: 'calls',
      settings: { data_storage_minutes: 43200 },
    });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({ success: true, _id: expect.stringMatching(/^[0-9a-f]{24}$/) });
    const id = created.body._id;

    const one = await api.get(`integrations/${id}`);
    expect(one.body).toMatchObject({
      success: true,
      result: { _id: id, name: 'LiveVox calls', settings: { data_storage_minutes: 43200 }, metadata: [] },
    });
    expect(one.body.result.created_at).toMatch(/Z$/);

    const list = await api.get('integrations');
    expect(list.body).toMatchObject({ success: true, page: 1, per_page: 12, next_page: false, total: 1 });
    expect(list.body.result[0]._id).toBe(id);

    expect(
      (await api.put(`integrations/${id}`, { description: 'changed', data_storage_minutes: 60 })).body,
    ).toEqual({ success: true });
    expect((await api.put(`integrations/${id}`, { settings: { data_storage_minutes: 90 } })).status).toBe(
      200,
    );
    expect((await api.get(`integrations/${id}`)).body.result).toMatchObject({
      description: 'changed',
      settings: { data_storage_minutes: 90 },
    });

    expect((await api.del(`integrations/${id}`)).body).toEqual({ success: true });
    const gone = await api.get(`integrations/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({
      success: false,
      error: { code: 'not_found', field: 'integration_id' },
    });
  });

  it('refuses a duplicate name with 409 and bad values with 422 naming the field', async () => {
    await api.post('integrations', { name: 'dup', settings: { data_storage_minutes: 10 } });
    const clash = await api.post('integrations', { name: 'DUP', settings: { data_storage_minutes: 10 } });
    expect(clash.status).toBe(409);
    expect(clash.body.error).toMatchObject({ code: 'conflict', field: 'name' });

    const tooLong = await api.post('integrations', { name: 'x', settings: { data_storage_minutes: 129601 } });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.error).toMatchObject({
      field: 'settings.data_storage_minutes',
      message: 'settings.data_storage_minutes: must be an integer from 1 to 129600',
    });

    const many = await api.post('integrations', {
      settings: { data_storage_minutes: 'a lot' },
      colour: 'red',
    });
    expect(many.status).toBe(422);
    expect(many.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'colour',
      'name',
      'settings.data_storage_minutes',
    ]);
  });

  it('answers 400 naming the body for malformed JSON and non-object bodies', async () => {
    const malformed = await api.call('POST', 'integrations', undefined, { rawBody: '{"name":' });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ success: false, error: { field: 'body' } });
    const array = await api.post('integrations', [1]);
    expect(array.status).toBe(400);
    expect(array.body.error.message).toBe('body: must be a JSON object');
  });
});

describe('metadata', () => {
  it('adds fields and answers with every field of the integration', async () => {
    const id = (await api.post('integrations', { name: 'meta', settings: { data_storage_minutes: 10 } })).body
      ._id;
    const first = await api.post(`integrations/${id}/metadata`, {
      field_id: 'call_date',
      type: 'datetime',
      allowed: [],
      required: true,
      available_in: ['filters'],
      integration_id: id,
    });
    expect(first.body).toMatchObject({
      success: true,
      _id: id,
      metadata: [{ field_id: 'call_date', type: 'datetime', required: true, available_in: ['filters'] }],
    });
    const second = await api.post(`integrations/${id}/metadata`, {
      field_id: 'channel',
      type: 'list',
      allowed: ['voice', 'chat'],
    });
    expect(second.body.metadata.map((f: { field_id: string }) => f.field_id)).toEqual([
      'call_date',
      'channel',
    ]);
    expect(second.body.metadata[1]).toEqual({
      _id: expect.stringMatching(/^[0-9a-f]{24}$/),
      field_id: 'channel',
      type: 'list',
      allowed: ['voice', 'chat'],
      required: false,
      available_in: [],
    });

    const metadataId = second.body.metadata[1]._id;
    expect(
      (await api.put(`integrations/${id}/metadata/${metadataId}`, { allowed: ['voice', 'chat', 'email'] }))
        .body,
    ).toEqual({ success: true });
    expect((await api.get(`integrations/${id}`)).body.result.metadata[1].allowed).toEqual([
      'voice',
      'chat',
      'email',
    ]);
    expect((await api.del(`integrations/${id}/metadata/${metadataId}`)).body).toEqual({ success: true });
    expect((await api.get(`integrations/${id}`)).body.result.metadata).toHaveLength(1);
    expect((await api.del(`integrations/${id}/metadata/${metadataId}`)).status).toBe(404);
  });

  it('checks field_id, reserved names, type, allowed, available_in and uniqueness', async () => {
    const id = (await api.post('integrations', { name: 'rules', settings: { data_storage_minutes: 10 } }))
      .body._id;
    const cases: Array<[object, number, string]> = [
      [{ field_id: 'ab', type: 'string' }, 422, 'field_id'],
      [{ field_id: 'Call_Date', type: 'string' }, 422, 'field_id'],
      [{ field_id: 'created_at', type: 'datetime' }, 422, 'field_id'],
      [{ field_id: 'updated_at', type: 'string' }, 422, 'field_id'],
      [{ field_id: 'score', type: 'decimal' }, 422, 'type'],
      [{ field_id: 'channel', type: 'list', allowed: [] }, 422, 'allowed'],
      [{ field_id: 'channel', type: 'list', allowed: 'voice' }, 422, 'allowed'],
      [{ field_id: 'score', type: 'float', available_in: ['search'] }, 422, 'available_in'],
      [{ field_id: 'score', type: 'float', required: 'yes' }, 422, 'required'],
      [{ field_id: 'score', type: 'float', colour: 'red' }, 422, 'colour'],
    ];
    for (const [body, status, field] of cases) {
      const answer = await api.post(`integrations/${id}/metadata`, body);
      expect(answer.status, JSON.stringify(body)).toBe(status);
      expect(answer.body.error.field, JSON.stringify(body)).toBe(field);
      expect(answer.body.error.message.startsWith(`${field}: `)).toBe(true);
    }
    expect((await api.post(`integrations/${id}/metadata`, { field_id: 'score', type: 'float' })).status).toBe(
      200,
    );
    const dup = await api.post(`integrations/${id}/metadata`, { field_id: 'score', type: 'integer' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.field).toBe('field_id');
  });

  it('refuses to retype a field once the integration has interactions', async () => {
    const id = await createReadyIntegration(api, 'retype', [{ field_id: 'score', type: 'integer' }]);
    await api.post(`integrations/${id}/interactions`, call('r1', { score: 3 }));
    const field = (await api.get(`integrations/${id}`)).body.result.metadata[1];
    const answer = await api.put(`integrations/${id}/metadata/${field._id}`, { type: 'string' });
    expect(answer.status).toBe(422);
    expect(answer.body.error.field).toBe('type');
  });
});
