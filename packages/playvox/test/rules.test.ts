import type { Playvox } from '@voxbridge/playvox';
import { describe, expect, it } from 'vitest';
import { offlineClient, rejection } from './helpers.js';

describe('every documented rule is checked before a request is sent', () => {
  const cases: Array<[string, (pv: Playvox) => Promise<unknown>, string, RegExp]> = [
    [
      'metadata type',
      (pv) => pv.integrations.addMetadata('i1', { fieldId: 'status', type: 'text' as never }),
      'type',
      /one of string, integer/,
    ],
    [
      'available_in',
      (pv) =>
        pv.integrations.addMetadata('i1', {
          fieldId: 'status',
          type: 'string',
          availableIn: ['sidebar' as never],
        }),
      'availableIn',
      /filters, display/,
    ],
    [
      'reserved datetime',
      (pv) => pv.integrations.addMetadata('i1', { fieldId: 'created_at', type: 'datetime' }),
      'fieldId',
      /reserved/,
    ],
    [
      'reserved datetime (update)',
      (pv) => pv.integrations.updateMetadata('i1', 'm1', { fieldId: 'updated_at', type: 'datetime' }),
      'fieldId',
      /reserved/,
    ],
    [
      'list without values',
      (pv) => pv.integrations.addMetadata('i1', { fieldId: 'channel', type: 'list' }),
      'allowed',
      /accepted values/,
    ],
    [
      'storage too long',
      (pv) => pv.integrations.create({ name: 'n', description: 'd', dataStorageMinutes: 129_601 }),
      'dataStorageMinutes',
      /1 to 129600/,
    ],
    [
      'storage fractional',
      (pv) => pv.integrations.create({ name: 'n', description: 'd', dataStorageMinutes: 1.5 }),
      'dataStorageMinutes',
      /integer/,
    ],
    [
      'storage on update',
      (pv) => pv.integrations.update('i1', { dataStorageMinutes: 0 }),
      'dataStorageMinutes',
      /1 to 129600/,
    ],
    [
      'interaction id too long',
      (pv) => pv.interactions.create('i1', { interactionId: 'x'.repeat(69), assigneeId: 'a', metadata: {} }),
      'interactionId',
      /1 to 68/,
    ],
    [
      'interaction id empty',
      (pv) => pv.interactions.create('i1', { interactionId: '', assigneeId: 'a', metadata: {} }),
      'interactionId',
      /1 to 68/,
    ],
    [
      'metadata key',
      (pv) =>
        pv.interactions.create('i1', { interactionId: 'x', assigneeId: 'a', metadata: { 'Bad-Key': 1 } }),
      'metadata.Bad-Key',
      /a-z and _/,
    ],
    [
      'metadata reserved key',
      (pv) =>
        pv.interactions.create('i1', { interactionId: 'x', assigneeId: 'a', metadata: { assignee_id: 'b' } }),
      'metadata.assignee_id',
      /reserved/,
    ],
    [
      'metadata NaN',
      (pv) => pv.interactions.update('i1', 'x1', { score: Number.NaN }),
      'metadata.score',
      /finite/,
    ],
    ['empty update', (pv) => pv.interactions.update('i1', 'x1', {}), 'metadata', /at least one/],
    [
      'comment type',
      (pv) => pv.comments.create('x1', { body: 'hi', type: 'note' as never, authorId: 'a' }),
      'type',
      /customer_comment, agent_comment, internal_note/,
    ],
    [
      'comment time',
      (pv) => pv.comments.update('x1', 'c1', { body: 'hi', addedAt: '2026-11-22T10:00:00' }),
      'addedAt',
      /zone offset/,
    ],
    [
      'password',
      (pv) =>
        pv.users.create({
          firstName: 'A',
          lastName: 'B',
          username: 'ab',
          email: 'a@b.c',
          password: 'short1A',
        }),
      'password',
      /at least 10 characters/,
    ],
    [
      'integration name',
      (pv) => pv.users.update('u1', { integrations: { 'Zen Desk': 'z1' } }),
      'integrations.Zen Desk',
      /lower-case/,
    ],
    [
      'deactivation reason',
      (pv) => pv.users.deactivate('u1', { type: 'left', reason: '' }),
      'reason',
      /non-empty/,
    ],
    [
      'team leaders',
      (pv) => pv.teams.create({ name: 'T', teamLeaderIds: [] }),
      'teamLeaderIds',
      /at least one/,
    ],
    ['empty team patch', (pv) => pv.teams.update('t1', {}), 'patch', /at least one field/],
    ['path id', (pv) => pv.teams.delete('..'), 'id', /id string/],
    [
      'metrics day',
      (pv) =>
        pv.campaigns.sendMetrics('c1', [
          { user: 'a', date: '2026-11-22', calls: 1 },
          { user: 'b', date: '22/11/2026', calls: 2 },
        ]),
      'rows[1].date',
      /YYYY-MM-DD/,
    ],
    [
      'metrics value',
      (pv) => pv.campaigns.sendMetrics('c1', { user: 'a', date: '2026-11-22', calls: 'many' }),
      'rows[0].calls',
      /finite number/,
    ],
    [
      'bulk item',
      (pv) =>
        pv.interactions.bulkCreate('i1', [
          { interactionId: 'a', assigneeId: 'x', metadata: {} },
          { interactionId: 'b', assigneeId: 'x', metadata: {} },
          { interactionId: 'c', assigneeId: 'x', metadata: {} },
          { interactionId: 'd'.repeat(70), assigneeId: 'x', metadata: {} },
        ]),
      'items[3].interactionId',
      /1 to 68/,
    ],
    [
      'bulk comment',
      (pv) =>
        pv.interactions.bulkCreate('i1', [
          {
            interactionId: 'a',
            assigneeId: 'x',
            metadata: {},
            comments: [{ body: 'b', type: 'agent_comment', authorId: '' }],
          },
        ]),
      'items[0].comments[0].authorId',
      /non-empty/,
    ],
    [
      'bulk concurrency',
      (pv) => pv.interactions.bulkCreate('i1', [], { concurrency: 0 }),
      'concurrency',
      /1 to 64/,
    ],
    ['per_page', async (pv) => pv.teams.list({ perPage: 101 }), 'perPage', /1 to 100/],
    ['page', async (pv) => pv.users.list({ page: 0 }), 'page', /at least 1/],
    [
      'metrics row without values',
      (pv) => pv.campaigns.sendMetrics('c1', { user: 'a', date: '2026-11-22' }),
      'rows[0].values',
      /at least one campaign variable/,
    ],
    [
      'allowed value',
      (pv) => pv.integrations.addMetadata('i1', { fieldId: 'tier', type: 'list', allowed: ['gold', ''] }),
      'allowed[1]',
      /non-empty string or a finite number/,
    ],
    [
      'list value',
      (pv) => pv.interactions.update('i1', 'x1', { tier: ['gold', true as never] }),
      'metadata.tier[1]',
      /string or number/,
    ],
  ];

  for (const [name, call, field, rule] of cases) {
    it(name, async () => {
      const { pv, requests } = offlineClient();
      const error = await rejection(Promise.resolve().then(() => call(pv)));
      expect(error.field).toBe(field);
      expect(error.rule).toMatch(rule);
      expect(error.message).toBe(`${field}: ${error.rule}`);
      expect(requests()).toBe(0);
    });
  }

  it('never echoes a password in a validation message', async () => {
    const { pv } = offlineClient();
    const error = await rejection(
      pv.users.create({
        firstName: 'A',
        lastName: 'B',
        username: 'ab',
        email: 'a@b.c',
        password: 'nodigitsHereAtAll',
      }),
    );
    expect(error.message).not.toContain('nodigitsHereAtAll');
  });

  it("does not mutate the caller's objects", async () => {
    const { pv } = offlineClient();
    const metadata = { closed_at: new Date('2026-11-22T10:00:00Z'), channel: ['email'] };
    const item = { interactionId: 'x'.repeat(80), assigneeId: 'a', metadata };
    await rejection(pv.interactions.create('i1', item));
    expect(item).toEqual({
      interactionId: 'x'.repeat(80),
      assigneeId: 'a',
      metadata: { closed_at: new Date('2026-11-22T10:00:00Z'), channel: ['email'] },
    });
  });
});
