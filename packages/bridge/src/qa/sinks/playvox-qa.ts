import { BulkSubmitError, type Playvox } from '@voxbridge/playvox';
import type { DeliveryPayload } from '../../store/types.js';
import type { BulkJobOutcome, QaSink } from '../ports.js';
import type { MappedComment } from '../stages/map.js';

/** A payload comment's attachments (the recording), in the client's form. */
function attachmentsOf(comment: DeliveryPayload['comments'][number]) {
  const files = (comment as MappedComment).attachments;
  return files?.length
    ? {
        attachments: files.map((f) => ({
          url: f.url,
          name: f.name,
          contentType: f.content_type,
          size: f.size,
        })),
      }
    : {};
}

/** The QA sink on the Playvox client: one bulk request per batch, job reads, and lookups by interaction_id. */
export class PlayvoxQaSink implements QaSink {
  constructor(
    private readonly playvox: Playvox,
    private readonly integrationId: string,
  ) {}

  async submitBulk(items: DeliveryPayload[]): Promise<string> {
    try {
      const [jobId] = await this.playvox.interactions.bulkCreate(
        this.integrationId,
        items.map((item) => ({
          interactionId: item.interaction_id,
          assigneeId: item.assignee_id,
          metadata: item.metadata as never,
          comments: item.comments.map((c) => ({
            body: c.body,
            type: c.type as never,
            authorId: c.author_id,
            addedAt: c.added_at,
            ...attachmentsOf(c),
          })),
        })),
        { concurrency: 1 },
      );
      if (!jobId) throw new Error('Playvox accepted the bulk request but returned no job id');
      return jobId;
    } catch (error) {
      // One request per call: the chunk's own error says whether it surely failed or may have landed.
      if (error instanceof BulkSubmitError && error.cause) throw error.cause;
      throw error;
    }
  }

  async job(jobId: string): Promise<BulkJobOutcome> {
    const job = await this.playvox.interactions.job(jobId);
    return {
      status: job.status as BulkJobOutcome['status'],
      created: job.results.map((r) => ({ index: r.index, playvoxId: r._id })),
      failed: job.errors.map((e) => ({
        index: e.index,
        reason: e.field ? `${e.field}: ${e.message}` : e.message,
      })),
    };
  }

  retryInMs(now: number): number {
    const circuit = this.playvox.http.circuit?.snapshot();
    if (!circuit || circuit.state === 'closed') return 0;
    // Half-open: a probe is out and its answer decides; look again shortly.
    if (circuit.state === 'half-open') return 250;
    return Math.max(0, (circuit.retryAt ?? now) - now);
  }

  async updateInteraction(playvoxId: string, metadata: Record<string, unknown>): Promise<void> {
    await this.playvox.interactions.update(this.integrationId, playvoxId, metadata as never);
  }

  async findInteractions(interactionIds: string[]): Promise<Map<string, string[]>> {
    const found = new Map<string, string[]>();
    for (let first = 0; first < interactionIds.length; first += 100) {
      const chunk = interactionIds.slice(first, first + 100);
      const list = this.playvox.interactions.list(this.integrationId, {
        query: { interaction_id: { $in: chunk } },
        perPage: 100,
        fields: ['interaction_id'],
      });
      for await (const interaction of list) {
        const key = String(interaction.interaction_id);
        found.set(key, [...(found.get(key) ?? []), interaction._id]);
      }
    }
    return found;
  }
}
