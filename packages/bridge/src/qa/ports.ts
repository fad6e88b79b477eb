import type { DeliveryPayload } from '../store/types.js';
import type { Completion } from './stages/complete.js';

/** Status of a Playvox bulk job, as the deliverer needs it. */
export interface BulkJobOutcome {
  status: 'queued' | 'processing' | 'completed' | 'failed';
  /** Items created, by their index in the request. */
  created: Array<{ index: number; playvoxId: string }>;
  /** Items refused, by their index in the request. */
  failed: Array<{ index: number; reason: string }>;
}

/** Where QA interactions go (Playvox, through its client). */
export interface QaSink {
  /** Sends one bulk request of at most 100 items; resolves with the job id. Never retried blindly. */
  submitBulk(items: DeliveryPayload[]): Promise<string>;
  /** Reads a job. */
  job(jobId: string): Promise<BulkJobOutcome>;
  /**
   * Changes metadata values of a delivered interaction in place (`PUT …/interactions/{playvoxId}`);
   * values not named are kept. Repeating it with the same values changes nothing (a late update).
   */
  updateInteraction?(playvoxId: string, metadata: Record<string, unknown>): Promise<void>;
  /** Looks interactions up by `interaction_id`: the Playvox ids found for each. */
  findInteractions(interactionIds: string[]): Promise<Map<string, string[]>>;
  /**
   * Milliseconds until the destination may be tried again: 0 while its circuit is closed (or its probe
   * is due), the wait for the next probe while it is open. The deliver loop waits that long instead of
   * reconciling every open batch again each second during an outage.
   */
  retryInMs?(now: number): number;
}

/** Extra data about a call (the LiveVox Context Data and call data APIs). */
export interface Enricher {
  /** Key/value context data of a voice call (empty when there is none). */
  contextData(record: Record<string, unknown>): Promise<Record<string, string>>;
  /** Post-call data, when the API has it (undefined otherwise). */
  postCall?(record: Record<string, unknown>): Promise<Record<string, unknown> | undefined>;
  /**
   * Service name, recording and the agent's Playvox user (`stages/complete.ts`): the record to map, or
   * a time to look again, or a dead-letter reason.
   */
  complete?(record: Record<string, unknown>, now: number): Promise<Completion>;
}
