import type { LiveVox } from '@voxbridge/livevox';
import type { BridgeConfig } from '../../config/schema.js';
import type { PlayvoxUserDirectory } from './assignee.js';
import type { RecordingAttacher } from './recordings.js';

/** The record key where the bridge keeps its own waiting state (when a wait began, how many looks). */
export const WAIT_KEY = 'bridgeWait';

interface WaitState {
  recordingSince?: number;
  recordingLooks?: number;
  recordingGaveUp?: boolean;
  assigneeSince?: number;
}

/** What completing a record decided. */
export type Completion =
  /** Ready to map. */
  | { record: Record<string, unknown>; retryAt?: undefined; dead?: undefined }
  /** Waiting for a recording or a Playvox user: look again at `retryAt`. */
  | { record: Record<string, unknown>; retryAt: number; reason: string; dead?: undefined }
  /** Give up: dead-letter with this reason. */
  | { record: Record<string, unknown>; dead: string; retryAt?: undefined };

/**
 * LiveVox service names by id, cached: read again every 10 minutes, and at most once a minute when a
 * call names a service the cache does not know.
 */
export class ServiceNames {
  private names = new Map<string, string>();
  private readAt = Number.NEGATIVE_INFINITY;
  private reading: Promise<void> | undefined;

  constructor(
    private readonly livevox: Pick<LiveVox, 'realtime'>,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The service's name, or undefined when LiveVox does not name it. */
  async nameOf(serviceId: string): Promise<string | undefined> {
    const age = this.clock() - this.readAt;
    if (age >= 600_000 || (!this.names.has(serviceId) && age >= 60_000)) {
      this.readAt = this.clock(); // also after a failure: the name is optional, the call goes on
      this.reading = this.livevox.realtime.service
        .names()
        .then((names) => {
          this.names = names;
        })
        .catch(() => undefined);
    }
    await this.reading; // callers during a read wait for it rather than miss
    return this.names.get(serviceId);
  }
}

/** What {@link completeRecord} uses; each part is optional (off in the configuration). */
export interface CompleteParts {
  config: BridgeConfig;
  recordings?: RecordingAttacher;
  users?: PlayvoxUserDirectory;
  services?: ServiceNames;
}

/** True when the record needs {@link completeRecord} before it can be mapped. */
export function needsCompletion(config: BridgeConfig, type: string): boolean {
  return config.mapping.assignee.mode === 'lookup' || (type === 'VOICE' && config.recordings.mode !== 'off');
}

/**
 * Adds what the evaluator needs and LiveVox gives only on request: the service name, the recording
 * (voice calls an agent handled; looked for with backoff until `recordings.waitMs`, then the call goes
 * without one) and the agent's Playvox user (`lookup` mode; a miss waits `lookup.waitMs`, then the
 * interaction is dead-lettered with `agent <login> has no Playvox user`, and a `dlq retry` waits afresh).
 * Transient errors are thrown for the caller's retry policy.
 */
export async function completeRecord(
  parts: CompleteParts,
  input: Record<string, unknown>,
  now = Date.now(),
): Promise<Completion> {
  const { config } = parts;
  const record = { ...input };
  const wait: WaitState = { ...((record[WAIT_KEY] as WaitState | undefined) ?? {}) };
  record[WAIT_KEY] = wait;
  const login = record.agentLoginId === undefined ? undefined : String(record.agentLoginId);
  if (parts.services && record.serviceId !== undefined && record.serviceName === undefined) {
    const name = await parts.services.nameOf(String(record.serviceId));
    if (name !== undefined) record.serviceName = name;
  }
  const wantsRecording =
    parts.recordings &&
    record.interactionType === 'VOICE' &&
    login !== undefined &&
    record.recording === undefined &&
    !wait.recordingGaveUp;
  if (wantsRecording) {
    const look = await parts.recordings!.attach(record);
    if ('found' in look) {
      record.recording = look.found;
      record.recordingUrl = look.found.url;
      if (look.found.talkSeconds !== undefined) record.talkSeconds ??= look.found.talkSeconds;
    } else {
      wait.recordingSince ??= now;
      wait.recordingLooks = (wait.recordingLooks ?? 0) + 1;
      if (now - wait.recordingSince < config.recordings.waitMs) {
        const { retryBaseMs, retryMaxMs } = config.recordings;
        const delay = Math.min(retryMaxMs, retryBaseMs * 2 ** (wait.recordingLooks - 1));
        return {
          record,
          retryAt: now + delay,
          reason: `recording of ${String(record.sessionId)} not there yet`,
        };
      }
      wait.recordingGaveUp = true; // some calls have none: deliver without it
    }
  }
  if (config.mapping.assignee.mode === 'lookup' && parts.users && login !== undefined) {
    const user = await parts.users.resolve(login);
    if (user) {
      record.assignee = user.login;
      if (user.name) record.agentName = user.name;
      delete wait.assigneeSince;
    } else {
      wait.assigneeSince ??= now;
      const { waitMs, missRefreshMs } = config.mapping.assignee.lookup;
      if (now - wait.assigneeSince >= waitMs) {
        delete wait.assigneeSince; // a `dlq retry` starts a new wait
        return { record, dead: `agent ${login} has no Playvox user` };
      }
      const retryAt = Math.min(now + missRefreshMs, wait.assigneeSince + waitMs);
      return { record, retryAt, reason: `agent ${login} has no Playvox user yet` };
    }
  }
  return { record };
}
