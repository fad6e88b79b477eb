import type { Readable } from 'node:stream';
import { ValidationError } from '@voxbridge/core';
import type { GladlyEvent } from './events.js';
import { readLines } from './events-api.js';
import { classifyEvent, POISON_RAW_LIMIT, type PoisonItem } from './poison.js';
import type { CallOptions } from './resources.js';
import { type GladlyTransport, idSegment } from './transport.js';
import { AGENT_STATUS_EXPORT_FILE, type EXPORT_JOB_STATUSES, type ExportJob } from './wire/index.js';

/** A query of `GET /export/jobs`. */
export interface ExportJobsQuery {
  /** Only jobs in this state (`COMPLETED` for jobs whose files can be read). */
  status?: (typeof EXPORT_JOB_STATUSES)[number];
  /** Only jobs whose period ends after this time. */
  startAt?: Date | string | number;
  /** Only jobs whose period starts before this time. */
  endAt?: Date | string | number;
}

/** Options of an export file read. */
export interface ExportFileOptions extends CallOptions {
  /** Longest silence between chunks before the download is given up (0: no limit). Default: the client's events setting. */
  idleTimeoutMs?: number;
  /** Called (and awaited) for each malformed line, which is then skipped: one bad line never stops the file. */
  onPoison?: (poison: PoisonItem) => void | Promise<void>;
}

/** A period of agent-status history to read from export jobs. */
export interface AgentStatusHistoryQuery {
  /** Start of the period (inclusive), compared with each event's `timestamp`. */
  startAt: Date | string | number;
  /** End of the period (exclusive). */
  endAt: Date | string | number;
}

function iso(value: Date | string | number, field: string): string {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms))
    throw new ValidationError(field, 'must be a date (Date, epoch ms or ISO 8601 string)');
  return new Date(ms).toISOString();
}

/**
 * Gladly's Export API: export jobs and their JSON-lines files. It reaches back 14 days where the Events
 * API reaches 24 hours, so agent-status history older than a day comes from here (see the package
 * README for the `agent_status_events.jsonl` assumption).
 */
export class ExportsResource {
  constructor(private readonly transport: GladlyTransport) {}

  /** `GET /export/jobs`: jobs in a state and overlapping a period, oldest period first. */
  async list(query: ExportJobsQuery = {}, options: CallOptions = {}): Promise<ExportJob[]> {
    const startAt = query.startAt === undefined ? undefined : iso(query.startAt, 'startAt');
    const endAt = query.endAt === undefined ? undefined : iso(query.endAt, 'endAt');
    if (startAt !== undefined && endAt !== undefined && endAt <= startAt)
      throw new ValidationError('endAt', 'must be after startAt');
    const jobs = await this.transport.json<ExportJob[]>({
      method: 'GET',
      path: 'export/jobs',
      query: { status: query.status, startAt, endAt },
      signal: options.signal,
    });
    return [...jobs].sort((a, b) => Date.parse(a.parameters.startAt) - Date.parse(b.parameters.startAt));
  }

  /** `GET /export/jobs/{jobId}`; a GladlyApiError with status 404 when unknown. */
  async get(jobId: string, options: CallOptions = {}): Promise<ExportJob> {
    return this.transport.json<ExportJob>({
      method: 'GET',
      path: `export/jobs/${idSegment(jobId, 'jobId')}`,
      signal: options.signal,
    });
  }

  /** Downloads a job's file as a byte stream (the caller reads or destroys it). */
  async download(jobId: string, fileName: string, options: CallOptions = {}): Promise<Readable> {
    const response = await this.transport.send<Readable>({
      method: 'GET',
      path: `export/jobs/${idSegment(jobId, 'jobId')}/files/${idSegment(fileName, 'fileName')}`,
      headers: { accept: 'application/x-jsonlines, application/json' },
      responseType: 'stream',
      signal: options.signal,
    });
    return response.body;
  }

  /**
   * Streams a job's file line by line as parsed JSON objects of type `T` (the caller names the record
   * type; lines that are not JSON objects go to `onPoison`). Breaking out of the loop closes the download.
   */
  async *records<T extends object = Record<string, unknown>>(
    jobId: string,
    fileName: string,
    options: ExportFileOptions = {},
  ): AsyncGenerator<T> {
    let line = 0;
    for await (const text of this.lines(jobId, fileName, options)) {
      line += 1;
      if (text.trim() === '') continue;
      let value: unknown;
      let reason: string | undefined;
      try {
        value = JSON.parse(text);
        if (typeof value !== 'object' || value === null || Array.isArray(value)) reason = 'not an object';
      } catch (error) {
        reason = `not JSON (${(error as Error).message})`;
      }
      if (reason === undefined) yield value as T;
      else await options.onPoison?.({ raw: text.slice(0, POISON_RAW_LIMIT), reason, line });
    }
  }

  /** Streams the agent-status events of an `AGENT_STATUS` job's file, oldest first; malformed lines go to `onPoison`. */
  async *agentStatusEvents(jobId: string, options: ExportFileOptions = {}): AsyncGenerator<GladlyEvent> {
    let line = 0;
    for await (const text of this.lines(jobId, AGENT_STATUS_EXPORT_FILE, options)) {
      line += 1;
      if (text.trim() === '') continue;
      const item = classifyEvent(text, line);
      if (item.kind === 'event') yield item.event;
      else await options.onPoison?.(item.poison);
    }
  }

  /**
   * The agent-status events of a period beyond the Events API's 24 hours: reads every completed
   * `AGENT_STATUS` job overlapping `[startAt, endAt)`, in period order, and yields its events within the
   * period (each once: a job's events lie in its own period). A period no job covers yet yields nothing
   * for that part; compare {@link coveredUntil} with `endAt` to see how far the jobs reach.
   */
  async *agentStatusHistory(
    query: AgentStatusHistoryQuery,
    options: ExportFileOptions = {},
  ): AsyncGenerator<GladlyEvent> {
    const startAt = Date.parse(iso(query.startAt, 'startAt'));
    const endAt = Date.parse(iso(query.endAt, 'endAt'));
    if (endAt <= startAt) throw new ValidationError('endAt', 'must be after startAt');
    const jobs = await this.list({ status: 'COMPLETED', startAt, endAt }, options);
    const seen = new Set<string>();
    for (const job of jobs) {
      if (job.parameters.type !== 'AGENT_STATUS' || !(job.files ?? []).includes(AGENT_STATUS_EXPORT_FILE))
        continue;
      for await (const event of this.agentStatusEvents(job.id, options)) {
        const at = Date.parse(event.timestamp);
        if (at < startAt || at >= endAt || seen.has(event.id)) continue;
        seen.add(event.id);
        yield event;
      }
    }
  }

  /** The end of the last completed `AGENT_STATUS` job's period, or undefined when there is none. */
  async coveredUntil(options: CallOptions = {}): Promise<Date | undefined> {
    const jobs = (await this.list({ status: 'COMPLETED' }, options)).filter(
      (job) => job.parameters.type === 'AGENT_STATUS',
    );
    const last = jobs.at(-1);
    return last ? new Date(last.parameters.endAt) : undefined;
  }

  private async *lines(jobId: string, fileName: string, options: ExportFileOptions): AsyncGenerator<string> {
    const body = await this.download(jobId, fileName, options);
    yield* readLines(
      body,
      options.idleTimeoutMs ?? this.transport.settings.eventsIdleTimeoutMs,
      options.signal,
    );
  }
}
