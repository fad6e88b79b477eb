import type { PlayvoxEmulator } from '@voxbridge/emulator-playvox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type client, createReadyIntegration, start, waitForJob } from './helpers.js';

let emu: PlayvoxEmulator;
let api: ReturnType<typeof client>;
let integrationId: string;

beforeAll(async () => {
  ({ emu, api } = await start());
});
afterAll(() => emu.close());
beforeEach(async () => {
  await api.post('/_emulator/reset');
  integrationId = await createReadyIntegration(api, 'bulk', [
    { field_id: 'channel', type: 'list', allowed: ['voice', 'chat'] },
  ]);
});

const item = (id: string, extra: object = {}) => ({
  interaction_id: id,
  assignee_id: 'agent@example.com',
  call_date: '2024-06-01T08:00:00Z',
  channel: 'voice',
  ...extra,
});
const bulk = (items: unknown, id = integrationId) => api.post(`integrations/${id}/bulk/interactions`, items);

describe('bulk limits', () => {
  it('takes 1 to 100 objects as a bare array, 400 otherwise', async () => {
    const hundred = Array.from({ length: 100 }, (_, i) => item(`h${i}`));
    expect((await bulk(hundred)).status).toBe(200);
    const tooMany = await bulk([...hundred, item('h100')]);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error).toMatchObject({ field: 'body', code: 'bad_request' });
    expect(tooMany.body.error.message).toContain('101');
    expect((await bulk([])).status).toBe(400);
    const wrapped = await bulk({ interactions: [item('w1')] });
    expect(wrapped.status).toBe(400);
    expect(wrapped.body.error.message).toBe('body: must be a JSON array of interaction objects');
  });

  it('answers 404 for an unknown integration and 422 without a datetime field', async () => {
    expect((await bulk([item('x')], '0123456789abcdef01234567')).status).toBe(404);
    const bare = (await api.post('integrations', { name: 'bare', settings: { data_storage_minutes: 10 } }))
      .body._id;
    const refused = await bulk([item('x')], bare);
    expect(refused.status).toBe(422);
    expect(refused.body.error.field).toBe('metadata');
  });

  it('honours a configured item limit', async () => {
    await api.put('/_emulator/config', { bulk: { maxItems: 2 } });
    expect((await bulk([item('a'), item('b'), item('c')])).status).toBe(400);
  });
});

describe('job lifecycle', () => {
  it('moves queued → processing → completed, creating items in order only when it processes', async () => {
    await api.put('/_emulator/config', { jobs: { delayMs: 600_000 } });
    const created = await bulk([item('o1'), item('o2'), item('o3')]);
    expect(created.body).toEqual({
      success: true,
      result: { _id: expect.stringMatching(/^[0-9a-f]{24}$/), status: 'queued', total: 3, total_failed: 0 },
    });
    const jobId = created.body.result._id;

    const queued = await api.get(`jobs/${jobId}`);
    expect(queued.body).toMatchObject({
      success: true,
      result: {
        _id: jobId,
        type: 'bulk_interactions',
        integration_id: integrationId,
        status: 'queued',
        total: 3,
        total_processed: 0,
        completed_at: null,
      },
    });
    expect(emu.jobs.step()).toBe(1);
    expect((await api.get(`jobs/${jobId}`)).body.result.status).toBe('processing');
    expect((await api.get(`integrations/${integrationId}/interactions`)).body.total).toBe(0);

    emu.jobs.step();
    const done = (await api.get(`jobs/${jobId}`)).body.result;
    expect(done).toMatchObject({
      status: 'completed',
      total: 3,
      total_processed: 3,
      total_succeeded: 3,
      total_failed: 0,
      errors: [],
    });
    expect(done.completed_at).toMatch(/Z$/);
    const listed = (await api.get(`integrations/${integrationId}/interactions`)).body.result;
    expect(listed.map((r: { interaction_id: string }) => r.interaction_id)).toEqual(['o1', 'o2', 'o3']);
    expect(done.results).toEqual(
      listed.map((r: { _id: string; interaction_id: string }, index: number) => ({
        index,
        interaction_id: r.interaction_id,
        _id: r._id,
      })),
    );
  });

  it('finishes on its own with the configured delay', async () => {
    const created = await bulk([item('t1'), item('t2')]);
    const done = await waitForJob(api, created.body.result._id);
    expect(done.body.result.status).toBe('completed');
    expect(done.seen.at(-1)).toBe('completed');
    const order = ['queued', 'processing', 'completed'];
    expect(done.seen.map((s) => order.indexOf(s))).toEqual(
      [...done.seen.map((s) => order.indexOf(s))].sort(),
    );
  });

  it('reports per-item errors with index, interaction_id and field, and creates the rest', async () => {
    const created = await bulk([
      item('ok-1'),
      item('bad-channel', { channel: 'fax' }),
      'not an object',
      item('bad-date', { call_date: 'yesterday', extra_key: 1 }),
      item('ok-2', {
        comments: [
          {
            body: 'hi',
            type: 'customer_comment',
            author_id: 'c@example.com',
            added_at: '2024-06-01T08:01:00Z',
          },
        ],
      }),
      item('bad-comment', { comments: [{ body: 'hi', type: 'shout', author_id: 'c' }] }),
    ]);
    const job = (await waitForJob(api, created.body.result._id)).body.result;
    expect(job).toMatchObject({
      status: 'completed',
      total: 6,
      total_processed: 6,
      total_succeeded: 2,
      total_failed: 4,
    });
    expect(job.errors).toEqual([
      {
        index: 1,
        interaction_id: 'bad-channel',
        field: 'channel',
        message: expect.stringMatching(/^channel: 'fax' is not one of the allowed values/),
      },
      { index: 2, interaction_id: null, field: 'item', message: 'item: must be a JSON object' },
      {
        index: 3,
        interaction_id: 'bad-date',
        field: 'call_date',
        message: expect.stringMatching(/^call_date: /),
      },
      {
        index: 3,
        interaction_id: 'bad-date',
        field: 'extra_key',
        message: expect.stringMatching(/^extra_key: unknown key/),
      },
      {
        index: 5,
        interaction_id: 'bad-comment',
        field: 'comments[0].type',
        message: expect.stringMatching(/^comments\[0\]\.type: must be one of/),
      },
    ]);
    expect(
      job.results.map((r: { index: number; interaction_id: string }) => [r.index, r.interaction_id]),
    ).toEqual([
      [0, 'ok-1'],
      [4, 'ok-2'],
    ]);
    const comments = await api.get(`interactions/${job.results[1]._id}/comments`);
    expect(comments.body.result).toMatchObject([
      {
        body: 'hi',
        type: 'customer_comment',
        added_at: '2024-06-01T08:01:00Z',
        interaction_id: job.results[1]._id,
      },
    ]);
    expect(emu.store.truth().interactions.total).toBe(2);
  });

  it('fails a job only when every item failed', async () => {
    const created = await bulk([item('f1', { channel: 'fax' }), item('f2', { call_date: 'no' })]);
    const job = (await waitForJob(api, created.body.result._id)).body.result;
    expect(job).toMatchObject({ status: 'failed', total_failed: 2, total_succeeded: 0, results: [] });
    expect((await api.get('/_emulator/truth')).body.jobs).toEqual({
      queued: 0,
      processing: 0,
      completed: 0,
      failed: 1,
    });
  });

  it('checks items against the metadata of the moment the job runs', async () => {
    await api.put('/_emulator/config', { jobs: { delayMs: 600_000 } });
    const created = await bulk([item('late', { priority: 2 })]);
    await api.post(`integrations/${integrationId}/metadata`, { field_id: 'priority', type: 'integer' });
    emu.jobs.step();
    emu.jobs.step();
    expect((await api.get(`jobs/${created.body.result._id}`)).body.result.status).toBe('completed');
  });

  it('keeps duplicates a client sends twice', async () => {
    const first = await bulk([item('dup-1'), item('dup-2')]);
    const second = await bulk([item('dup-1')]);
    await waitForJob(api, first.body.result._id);
    await waitForJob(api, second.body.result._id);
    expect((await api.get('/_emulator/truth')).body.interactions).toEqual({
      total: 3,
      distinctInteractionIds: 2,
      duplicates: ['dup-1'],
      updated: 0,
      updates: 0,
      unchangedUpdates: 0,
    });
  });

  it('answers 404 for an unknown job, and reset cancels pending jobs', async () => {
    expect((await api.get('jobs/0123456789abcdef01234567')).status).toBe(404);
    await api.put('/_emulator/config', { jobs: { delayMs: 600_000 } });
    await bulk([item('p1')]);
    expect(emu.jobs.pending).toBe(1);
    await api.post('/_emulator/reset');
    expect(emu.jobs.pending).toBe(0);
    expect(emu.store.jobs()).toHaveLength(0);
  });

  it('handles many bulk requests in a row', async () => {
    const jobs: string[] = [];
    for (let j = 0; j < 20; j++) {
      const created = await bulk(Array.from({ length: 100 }, (_, i) => item(`load-${j}-${i}`)));
      jobs.push(created.body.result._id);
    }
    for (const jobId of jobs) expect((await waitForJob(api, jobId)).body.result.total_succeeded).toBe(100);
    expect(emu.store.interactionCount(integrationId)).toBe(2000);
    const page = await api.get(`integrations/${integrationId}/interactions?per_page=100&page=20`);
    expect(page.body).toMatchObject({ total: 2000, next_page: false });
    expect(page.body.result.at(-1).interaction_id).toBe('load-19-99');
  });
});
