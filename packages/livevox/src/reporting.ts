import type { Readable } from 'node:stream';
import { ValidationError } from '@voxbridge/core';
import type { z } from 'zod';
import { parseLiveVoxTime, toLiveVoxTime } from './time.js';
import { type Send, segment } from './transport.js';
import type { FilterId } from './types/common.js';
import type { callDetailRowSchema, callRecordingRowSchema } from './wire/reporting.js';

/** One row of the Call Recording report, with `connectedAt`/`endedAt` read from its times. */
export type CallRecording = z.output<typeof callRecordingRowSchema> & { connectedAt?: Date; endedAt?: Date };

/** One past interaction from the Call Event Recovery report, with parsed times and `hasRecording`. */
export type CallDetail = z.output<typeof callDetailRowSchema> & {
  startedAt?: Date;
  endedAt?: Date;
  answeredAt?: Date;
  dispositionedAt?: Date;
  hasRecording: boolean;
};

/** A period of a Reporting request. */
export interface ReportPeriod {
  /** Start (inclusive): a `Date`, epoch ms or an ISO string. */
  from: Date | number | string;
  /** End (exclusive). */
  to: Date | number | string;
  /** Only these services (at most 150, as LiveVox allows). */
  service?: FilterId[];
  /** Rows per request, 1 to 1000 (default 1000, LiveVox's cap). */
  pageSize?: number;
  signal?: AbortSignal;
}

/** A recording being downloaded: read `body` to the end (or destroy it) to free the connection. */
export interface RecordingDownload {
  /** The audio bytes, streamed: nothing is buffered beyond the socket's chunks. */
  body: Readable;
  /** 200 for the whole file, 206 for a range. */
  status: number;
  /** `audio/wav` and the like, as the server says. */
  contentType: string;
  /** Bytes in `body` (undefined when the server sent no Content-Length). */
  contentLength: number | undefined;
  /** For a 206: the bytes sent and the file's size. */
  range?: { first: number; last: number; total: number };
}

/** Where a download starts and ends (byte offsets, `end` inclusive), for resuming. */
export interface RecordingRange {
  start: number;
  end?: number;
  signal?: AbortSignal;
}

function periodBody(period: ReportPeriod): Record<string, unknown> {
  const from = toLiveVoxTime(period.from);
  const to = toLiveVoxTime(period.to);
  if (from === undefined)
    throw new ValidationError('from', `must be a time, got ${JSON.stringify(period.from)}`);
  if (to === undefined) throw new ValidationError('to', `must be a time, got ${JSON.stringify(period.to)}`);
  if (to < from) throw new ValidationError('to', 'must not be before from');
  const body: Record<string, unknown> = {
    startDate: new Date(from).toISOString(),
    endDate: new Date(to).toISOString(),
    sortBy: 'CALL_START_TIME',
  };
  if (period.service?.length) {
    if (period.service.length > 150) throw new ValidationError('service', 'at most 150 services per request');
    body.filter = { service: period.service.map((id) => (typeof id === 'object' ? id : { id })) };
  }
  return body;
}

function pageSize(period: ReportPeriod): number {
  const size = period.pageSize ?? 1000;
  if (!Number.isInteger(size) || size < 1 || size > 1000)
    throw new ValidationError('pageSize', `must be an integer from 1 to 1000, got ${size}`);
  return size;
}

/** The Reporting API methods for recordings and history (`lv.reporting`). */
export class ReportingApi {
  /** @param send the client's authenticated request function. */
  constructor(private readonly send: Send) {}

  /** Pages through a Reporting list method, following `next` by offset. */
  private async *rows(
    path: string,
    field: string,
    period: ReportPeriod,
  ): AsyncGenerator<Record<string, unknown>> {
    const body = periodBody(period);
    const count = pageSize(period);
    for (let offset = 0; ; ) {
      const res = await this.send<Record<string, unknown>>({
        method: 'POST',
        path,
        query: { offset, count },
        body,
        retrySafe: true,
        signal: period.signal,
      });
      const rows = Array.isArray(res.body?.[field]) ? (res.body[field] as Record<string, unknown>[]) : [];
      for (const row of rows) yield row;
      if (rows.length === 0 || typeof res.body?.next !== 'string' || res.body.next === '') return;
      offset += rows.length;
    }
  }

  /** The recorded calls that started in a period (`POST /reporting/standard/callRecording`), page by page. */
  async *callRecordings(period: ReportPeriod): AsyncGenerator<CallRecording> {
    for await (const row of this.rows('/reporting/standard/callRecording', 'callRecording', period)) {
      row.connectedAt = parseLiveVoxTime(row.transferConnect);
      row.endedAt = parseLiveVoxTime(row.transferEnd);
      yield row as CallRecording;
    }
  }

  /**
   * The recordings of one call: the Call Recording report for a minute either side of the call's start,
   * kept to rows of its session id. Empty while the recording is not available yet.
   */
  async recordingsOf(call: {
    sessionId: string;
    start: Date | number | string;
    serviceId?: FilterId;
    signal?: AbortSignal;
  }): Promise<CallRecording[]> {
    if (typeof call.sessionId !== 'string' || call.sessionId === '')
      throw new ValidationError('sessionId', 'must be a non-empty string (the call session id)');
    const start = toLiveVoxTime(call.start);
    if (start === undefined)
      throw new ValidationError('start', `must be a time, got ${JSON.stringify(call.start)}`);
    const found: CallRecording[] = [];
    const period = {
      from: start - 60_000,
      to: start + 60_000,
      service: call.serviceId === undefined ? undefined : [call.serviceId],
      signal: call.signal,
    };
    for await (const row of this.callRecordings(period)) if (row.session === call.sessionId) found.push(row);
    return found;
  }

  /**
   * Downloads one recording as a stream (`GET /compliance/recording/{id}`). With `range` it asks for
   * `bytes=start-end` (resume after a broken download) and answers 206. A recording that is not there
   * (yet) raises `NotFoundError`; a range past the end raises an `ApiError` with status 416.
   */
  async downloadRecording(recordingId: string, range?: RecordingRange): Promise<RecordingDownload> {
    if (typeof recordingId !== 'string' || recordingId === '')
      throw new ValidationError('recordingId', 'must be a non-empty string');
    const headers: Record<string, string> = { accept: 'audio/*, application/json' };
    if (range) {
      if (!Number.isInteger(range.start) || range.start < 0)
        throw new ValidationError('range.start', `must be a non-negative integer, got ${range.start}`);
      if (range.end !== undefined && (!Number.isInteger(range.end) || range.end < range.start))
        throw new ValidationError('range.end', `must be an integer >= range.start, got ${range.end}`);
      headers.range = `bytes=${range.start}-${range.end ?? ''}`;
    }
    const res = await this.send<Readable>({
      method: 'GET',
      path: `/compliance/recording/${segment(recordingId)}`,
      headers,
      responseType: 'stream',
      retrySafe: true,
      signal: range?.signal,
    });
    const length = res.headers['content-length'];
    const download: RecordingDownload = {
      body: res.body,
      status: res.status,
      contentType: res.headers['content-type'] ?? 'application/octet-stream',
      contentLength: length === undefined ? undefined : Number(length),
    };
    const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(res.headers['content-range'] ?? '');
    if (match) download.range = { first: Number(match[1]), last: Number(match[2]), total: Number(match[3]) };
    return download;
  }

  /**
   * The finished interactions that started in a past period, from the Call Event Recovery report
   * (`POST /reporting/standard/callEventRecovery`): what closes a gap longer than the feeds' 24 hours.
   * Each row carries the feed's ids, agent, times, result, term code, durations and recording presence.
   */
  async *callHistory(period: ReportPeriod): AsyncGenerator<CallDetail> {
    for await (const row of this.rows('/reporting/standard/callEventRecovery', 'callEventRecovery', period)) {
      row.startedAt = parseLiveVoxTime(row.start);
      row.endedAt = parseLiveVoxTime(row.end);
      row.answeredAt = parseLiveVoxTime(row.answer);
      row.dispositionedAt = parseLiveVoxTime(row.disposition);
      row.hasRecording = typeof row.recordingId === 'string' && row.recordingId !== '';
      yield row as CallDetail;
    }
  }
}
