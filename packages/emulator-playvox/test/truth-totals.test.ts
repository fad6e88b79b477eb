/**
 * `truth` reads running totals (updates, attachments, duplicated interaction_ids) instead of scanning:
 * after any sequence of creates, updates, deletes and comments, the totals must equal a full scan.
 */
import { defaultPlayvoxConfig, PlayvoxStore } from '@voxbridge/emulator-playvox';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

type Op =
  | { kind: 'add'; externalId: string; comments: number }
  | { kind: 'update'; pick: number; value: string; externalId?: string }
  | { kind: 'deleteInteraction'; pick: number }
  | { kind: 'deleteComment'; pick: number }
  | { kind: 'deleteIntegration' };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('add' as const),
      externalId: fc.constantFrom('a', 'b', 'c', 'd'),
      comments: fc.nat(2),
    }),
    weight: 5,
  },
  {
    arbitrary: fc.record(
      {
        kind: fc.constant('update' as const),
        pick: fc.nat(),
        value: fc.constantFrom('x', 'y'),
        externalId: fc.constantFrom('a', 'e'),
      },
      { requiredKeys: ['kind', 'pick', 'value'] },
    ),
    weight: 4,
  },
  { arbitrary: fc.record({ kind: fc.constant('deleteInteraction' as const), pick: fc.nat() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('deleteComment' as const), pick: fc.nat() }), weight: 2 },
  { arbitrary: fc.constant({ kind: 'deleteIntegration' as const }), weight: 1 },
);

/** The truth's interaction counts, worked out by scanning everything the store holds. */
function scanned(store: PlayvoxStore) {
  const holders = new Map<string, number>();
  let updated = 0;
  let updates = 0;
  let unchangedUpdates = 0;
  for (const interaction of store.interactions()) {
    holders.set(interaction.interaction_id, (holders.get(interaction.interaction_id) ?? 0) + 1);
    const counts = store.updatesOf(interaction._id);
    if (counts.changed > 0) updated += 1;
    updates += counts.changed;
    unchangedUpdates += counts.unchanged;
  }
  return {
    distinctInteractionIds: holders.size,
    duplicates: [...holders]
      .filter(([, n]) => n > 1)
      .map(([id]) => id)
      .sort(),
    updated,
    updates,
    unchangedUpdates,
    attachments: store.comments().reduce((sum, c) => sum + c.attachments.length, 0),
  };
}

describe('truth totals', () => {
  it('equal a full scan after any sequence of changes', () => {
    const config = defaultPlayvoxConfig();
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const store = new PlayvoxStore(1, config.seed, config.roster);
        let integration = store.addIntegration('i', 'd', 60);
        for (const o of ops) {
          const all = store.interactions();
          const target = all.length > 0 ? all[('pick' in o ? o.pick : 0) % all.length] : undefined;
          if (o.kind === 'add') {
            const record = store.addInteraction(integration, {
              interaction_id: o.externalId,
              assignee_id: 'agent',
              metadata: { note: 'x' },
            });
            for (let i = 0; i < o.comments; i++)
              store.addComment(record, {
                body: 'b',
                type: 'internal_note',
                author_id: 'agent',
                attachments: Array.from({ length: i + 1 }, () => ({
                  url: 'https://e.x/a',
                  name: 'a',
                  content_type: 'a/b',
                  size: 1,
                })),
              });
          } else if (o.kind === 'update' && target)
            store.updateInteraction(target, { metadata: { note: o.value }, interaction_id: o.externalId });
          else if (o.kind === 'deleteInteraction' && target) store.deleteInteraction(target);
          else if (o.kind === 'deleteComment') {
            const comments = store.comments();
            if (comments.length > 0) store.deleteComment(comments[o.pick % comments.length]!);
          } else if (o.kind === 'deleteIntegration') {
            store.deleteIntegration(integration._id);
            integration = store.addIntegration('i', 'd', 60);
          }
        }
        const truth = store.truth();
        const expected = scanned(store);
        expect({
          distinctInteractionIds: truth.interactions.distinctInteractionIds,
          duplicates: [...truth.interactions.duplicates].sort(),
          updated: truth.interactions.updated,
          updates: truth.interactions.updates,
          unchangedUpdates: truth.interactions.unchangedUpdates,
          attachments: truth.attachments,
        }).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
