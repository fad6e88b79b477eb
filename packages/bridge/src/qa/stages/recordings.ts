import { NotFoundError, ValidationError } from '@voxbridge/core';
import type { LiveVox } from '@voxbridge/livevox';
import type { Playvox } from '@voxbridge/playvox';
import type { BridgeConfig } from '../../config/schema.js';

/** A call's recording as the record keeps it (and the recording comment attaches it). */
export interface AttachedRecording {
  /** LiveVox's recording id. */
  id: string;
  /** `uploaded` to Playvox files, or `linked` to LiveVox's URL. */
  how: 'uploaded' | 'linked';
  /** Where the evaluator plays it: the Playvox-hosted URL, or LiveVox's. */
  url: string;
  name: string;
  contentType: string;
  /** Bytes, when known. */
  size?: number;
  /** Seconds the agent was connected (the report's `transferDuration`). */
  talkSeconds?: number;
  /** Why a recording was linked rather than uploaded (too large, refused by Playvox). */
  note?: string;
}

/** What a look for a call's recording found. */
export type RecordingLook =
  | { found: AttachedRecording }
  /** LiveVox has no recording for the call (yet): look again later, or give up after `recordings.waitMs`. */
  | { notYet: true };

/**
 * Finds a voice call's recording in LiveVox's Call Recording report and attaches it: in `upload` mode
 * it streams the audio from LiveVox into Playvox's files endpoint (one upload at a time, so at most one
 * file's bytes are in memory); a recording larger than `recordings.maxUploadBytes`, one Playvox refuses
 * (413, or 422 for a file its scan drops), and `link` mode give LiveVox's URL instead. The upload is
 * retry-safe: a repeat leaves at most an orphan file, because only the delivered comment references it.
 */
export class RecordingAttacher {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly livevox: Pick<LiveVox, 'reporting'>,
    private readonly playvox: Pick<Playvox, 'files'> | undefined,
    private readonly config: BridgeConfig['recordings'],
    private readonly liveVoxBaseUrl: string,
  ) {}

  /** LiveVox's URL of a recording (what `link` mode attaches). */
  linkOf(recordingId: string): string {
    return `${this.liveVoxBaseUrl.replace(/\/$/, '')}/compliance/recording/${encodeURIComponent(recordingId)}`;
  }

  /** Looks for the call's recording and attaches it (upload or link). */
  async attach(record: Record<string, unknown>): Promise<RecordingLook> {
    const sessionId = String(record.sessionId ?? '');
    const start = record.start ?? record.timestamp;
    if (sessionId === '' || start === undefined) return { notYet: true };
    const rows = await this.livevox.reporting.recordingsOf({ sessionId, start: start as string });
    const row =
      rows.find((r) => String(r.transactionId ?? '') === String(record.transactionId ?? '')) ?? rows[0];
    if (!row) return { notYet: true };
    const base: AttachedRecording = {
      id: row.recordingId,
      how: 'linked',
      url: this.linkOf(row.recordingId),
      name: `${row.recordingId}.wav`,
      contentType: row.contentType ?? 'audio/wav',
      ...(typeof row.bytes === 'number' ? { size: row.bytes } : {}),
      ...(typeof row.transferDuration === 'number' ? { talkSeconds: row.transferDuration } : {}),
    };
    if (this.config.mode === 'link' || !this.playvox) return { found: base };
    if (base.size !== undefined && base.size > this.config.maxUploadBytes)
      return { found: { ...base, note: `${base.size} bytes: over ${this.config.maxUploadBytes}, linked` } };
    // One upload at a time: the client holds the whole multipart body of the file it sends.
    const upload = this.queue.then(() => this.upload(base));
    this.queue = upload.catch(() => undefined);
    return upload;
  }

  private async upload(base: AttachedRecording): Promise<RecordingLook> {
    let download: Awaited<ReturnType<LiveVox['reporting']['downloadRecording']>>;
    try {
      download = await this.livevox.reporting.downloadRecording(base.id);
    } catch (error) {
      if (error instanceof NotFoundError) return { notYet: true }; // listed, but not served yet
      throw error;
    }
    const size = download.contentLength ?? base.size;
    if (size === undefined || size > this.config.maxUploadBytes) {
      download.body.destroy();
      const why = size === undefined ? 'size unknown' : `${size} bytes: over ${this.config.maxUploadBytes}`;
      return { found: { ...base, note: `${why}, linked` } };
    }
    try {
      const file = await this.playvox!.files.upload(
        download.body,
        { name: base.name, contentType: download.contentType, size },
        { retrySafe: true },
      );
      return {
        found: { ...base, how: 'uploaded', url: file.url, contentType: file.contentType, size: file.size },
      };
    } catch (error) {
      download.body.destroy();
      const status = (error as { status?: number }).status;
      // Playvox refused this file for good (too large, or dropped by its scan): the evaluator gets the link.
      if (status === 413 || status === 422 || error instanceof ValidationError)
        return {
          found: { ...base, note: `Playvox refused the upload (${(error as Error).message}), linked` },
        };
      throw error;
    }
  }
}
