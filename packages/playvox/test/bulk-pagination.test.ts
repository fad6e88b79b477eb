import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PaginationLoopError } from '@voxbridge/core';
import { type BulkInteractionItem, JobTimeoutError, Playvox } from '@voxbridge/playvox';
import { describe, expect, it } from 'vitest';
import { clientFor, makeIntegration, sharedClient, startEmulator } from './helpers.js';

const { pv, seen } = sharedClient();

function items(count: number, prefix: string): BulkInteractionItem[] {
  return Array.from({ length: count }, (_, i) => ({
    interactionId: `${prefix}-${i}`,
    assigneeId: 'agent@example.com',
    metadata: {
      closed_at: new Date(Date.UTC(2026, 10, 22, 10, 0, i % 60)),
      channel: 'chat',
      handle_seconds: i,
    },
  }));
}

describe('bulk create of 1,050 interactions, then pagination over them', () => {
  let integrationId: string;
  let createdIds: string[];

  it('sends at most 100 items per request and returns the job ids in item order', async () => {
    integrationId = await makeIntegration(pv);
    seen.responses.length = 0;
    const jobIds = await pv.interactions.bulkCreate(integrationId, items(1_050, 'bulk'), { concurrency: 4 });
    const posts = seen.responses.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(11);
    expect(jobIds).toHaveLength(11);
    expect(new Set(jobIds).size).toBe(11);
    const totals = await Promise.all(jobIds.map(async (id) => (await pv.interactions.job(id)).total));
    expect(totals).toEqual([...Array(10).fill(100), 50]);

    const outcome = await pv.interactions.waitForJobs(jobIds, {
      initialDelayMs: 10,
      maxDelayMs: 50,
      timeoutMs: 30_000,
    });
    expect(outcome.failures).toEqual([]);
    expect(outcome.jobs.map((job) => job.status)).toEqual(Array(11).fill('completed'));
    expect(outcome.createdIds).toHaveLength(1_050);
    expect(outcome.created.map((c) => c.interactionId)).toEqual(
      items(1_050, 'bulk').map((i) => i.interactionId),
    );
    expect(outcome.created.map((c) => c.itemIndex)).toEqual([...Array(1_050).keys()]);
    createdIds = outcome.createdIds;
  });

  it('iterates every item of every page with for await (11 pages of 100)', async () => {
    seen.responses.length = 0;
    const ids: string[] = [];
    for await (const interaction of pv.interactions.list(integrationId)) ids.push(interaction._id);
    expect(ids).toHaveLength(1_050);
    expect(new Set(ids)).toEqual(new Set(createdIds));
    const pages = seen.responses.map((r) => new URL(r.path, 'http://x').searchParams);
    expect(pages.map((q) => q.get('page'))).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
      '11',
    ]);
    expect(pages.every((q) => q.get('per_page') === '100')).toBe(true);
  });

  it('awaits to one page, and pages() yields pages of the requested size', async () => {
    const page = await pv.interactions.list(integrationId, { perPage: 40, page: 3 });
    expect(page).toMatchObject({ page: 3, perPage: 40, hasNextPage: true });
    expect(page.items).toHaveLength(40);
    let count = 0;
    let last = 0;
    for await (const p of pv.interactions
      .list(integrationId, { perPage: 100, sort: ['-handle_seconds'] })
      .pages()) {
      count++;
      last = p.items.length;
    }
    expect([count, last]).toEqual([11, 50]);
    const some = await pv.interactions
      .listAll({ query: { interaction_id: { $in: ['bulk-3', 'bulk-1049'] } } })
      .toArray({ limit: 10 });
    expect(some.map((i) => i.interaction_id).sort()).toEqual(['bulk-1049', 'bulk-3']);
  });
});

describe('per-item failures', () => {
  it('reports the refused items with their interaction ids and keeps the created ones', async () => {
    const integrationId = await makeIntegration(pv);
    const batch = items(150, 'mixed');
    batch[7] = { ...batch[7]!, metadata: { ...batch[7]!.metadata, channel: 'fax' } };
    batch[120] = { ...batch[120]!, metadata: { channel: 'chat' } };
    batch[121] = {
      ...batch[121]!,
      comments: [
        {
          body: 'Thanks',
          type: 'customer_comment',
          authorId: 'c@example.com',
          addedAt: new Date('2026-11-22T10:00:00Z'),
        },
      ],
    };
    const jobIds = await pv.interactions.bulkCreate(integrationId, batch);
    const outcome = await pv.interactions.waitForJobs(jobIds, {
      initialDelayMs: 10,
      maxDelayMs: 50,
      timeoutMs: 30_000,
    });
    expect(
      outcome.failures.map((f) => [
        f.itemIndex,
        f.interactionId,
        f.errors.map((e) => e.field).join(),
        f.jobId,
      ]),
    ).toEqual([
      [7, 'mixed-7', 'channel', jobIds[0]],
      [120, 'mixed-120', 'closed_at', jobIds[1]],
    ]);
    for (const failure of outcome.failures) expect(failure.message.length).toBeGreaterThan(0);
    expect(outcome.createdIds).toHaveLength(148);
    expect(outcome.jobs.map((j) => [j.status, j.total_failed])).toEqual([
      ['completed', 1],
      ['completed', 1],
    ]);
    const withComment = outcome.created.find((c) => c.itemIndex === 121)!;
    expect((await pv.comments.list(withComment.id)).items.map((c) => c.body)).toEqual(['Thanks']);
  });

  it('reports a job whose every item failed as failed, not as a throw', async () => {
    const integrationId = await makeIntegration(pv);
    const bad = items(3, 'bad').map((item) => ({ ...item, metadata: { channel: 'fax' } }));
    const outcome = await pv.interactions.waitForJobs(await pv.interactions.bulkCreate(integrationId, bad), {
      initialDelayMs: 10,
      timeoutMs: 30_000,
    });
    expect(outcome.jobs[0]!.status).toBe('failed');
    expect(outcome.failures.map((f) => f.interactionId)).toEqual(['bad-0', 'bad-1', 'bad-2']);
    // Each item broke two rules (no required closed_at, a channel outside the list): one failure, two reasons.
    for (const failure of outcome.failures) {
      expect(failure.errors.map((e) => e.field).sort()).toEqual(['channel', 'closed_at']);
      expect(failure.message).toMatch(/closed_at: .+; |channel: .+; /);
      expect(failure.message).not.toMatch(/(\w+): \1:/);
    }
    expect(outcome.createdIds).toEqual([]);
  });

  it('gives up waiting with a JobTimeoutError naming the pending jobs', async () => {
    const slow = await startEmulator({ jobs: { delayMs: 5_000 } });
    try {
      const { pv: client } = clientFor(slow);
      const integrationId = await makeIntegration(client);
      const jobIds = await client.interactions.bulkCreate(integrationId, items(5, 'slow'));
      const error = (await client.interactions
        .waitForJobs(jobIds, { timeoutMs: 150, initialDelayMs: 20 })
        .catch((e: unknown) => e)) as JobTimeoutError;
      expect(error).toBeInstanceOf(JobTimeoutError);
      expect(error.pending).toEqual(jobIds);
      expect(error.jobs[0]?.status).toBe('queued');
    } finally {
      await slow.close();
    }
  });
});

/** A server that breaks the paging contract, to show the client does not loop forever. */
async function misbehavingServer(
  answer: (page: number) => unknown,
): Promise<{ server: Server; url: string; hits: () => number }> {
  let hits = 0;
  const server = createServer((req, res) => {
    hits++;
    const page = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('page'));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer(page)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits: () => hits };
}

describe('pagination guards', () => {
  it('refuses to loop when the server repeats a page', async () => {
    const { server, url, hits } = await misbehavingServer(() => ({
      success: true,
      result: [{ _id: 'a' }, { _id: 'b' }],
      page: 1,
      per_page: 2,
      next_page: true,
    }));
    try {
      const client = new Playvox({ baseUrl: url, uid: 'u', key: 'k' });
      const seenIds: string[] = [];
      const error = await (async () => {
        for await (const user of client.users.list({ perPage: 2 })) seenIds.push(user._id);
      })().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PaginationLoopError);
      expect(seenIds).toEqual(['a', 'b']);
      expect(hits()).toBe(2);
    } finally {
      server.close();
    }
  });

  it('stops on an empty page even when next_page says there is more', async () => {
    const { server, url, hits } = await misbehavingServer((page) => ({
      success: true,
      result: page === 1 ? [{ _id: 'a' }] : [],
      page,
      per_page: 1,
      next_page: true,
    }));
    try {
      const client = new Playvox({ baseUrl: url, uid: 'u', key: 'k' });
      const ids: string[] = [];
      for await (const role of client.roles.list({ perPage: 1 })) ids.push(role._id);
      expect(ids).toEqual(['a']);
      expect(hits()).toBe(2);
    } finally {
      server.close();
    }
  });
});
