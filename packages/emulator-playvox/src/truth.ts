/**
 * `GET /_emulator/truth`: the ground truth end-to-end tests compare with, as a contract operation so the
 * emulator's document describes it like every other route.
 */
import type { WireOperation } from '@voxbridge/core';
import { qa } from '@voxbridge/playvox/wire';
import { z } from 'zod';

/** What `GET /_emulator/truth` answers. */
export const playvoxTruth = z.object({
  integrations: z.array(z.object({ _id: z.string(), name: z.string(), interactions: z.number().int() })),
  interactions: z.object({
    total: z.number().int(),
    distinctInteractionIds: z.number().int(),
    duplicates: z.array(z.string()).describe('interaction_ids held more than once'),
    updated: z.number().int().describe('interactions changed by at least one update (PUT)'),
    updates: z.number().int().describe('updates (PUT) that changed an interaction'),
    unchangedUpdates: z
      .number()
      .int()
      .describe('updates (PUT) that changed nothing: a repeat of values already held'),
  }),
  details: z
    .array(
      z.object({
        _id: z.string(),
        interaction_id: z.string(),
        assignee_id: z.string(),
        metadata: z.record(z.string(), z.unknown()),
        updates: z.number().int(),
        unchangedUpdates: z.number().int(),
      }),
    )
    .optional()
    .describe('with ?details=true: every interaction, its current metadata and the updates it received'),
  comments: z.number().int(),
  attachments: z.number().int().describe('attachments over every comment'),
  files: z
    .object({ stored: z.number().int(), bytes: z.number().int() })
    .describe('files uploaded through POST files (an orphan is one no attachment references)'),
  jobs: z.record(qa.jobStatus, z.number().int()),
});

/** What `GET /_emulator/truth` answers: the ground truth end-to-end tests compare with. */
export type PlayvoxTruth = z.infer<typeof playvoxTruth>;

/** The truth route as an operation (admin, loopback only, no auth). */
export const TRUTH_OPERATION: WireOperation = {
  operationId: 'emulatorTruth',
  method: 'GET',
  path: '/_emulator/truth',
  summary: 'Ground truth for end-to-end tests (admin, loopback only, no auth)',
  tags: ['emulator admin'],
  public: true,
  responses: { 200: { description: 'counts of what the emulator holds', schema: playvoxTruth } },
};
