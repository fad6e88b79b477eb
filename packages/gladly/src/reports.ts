import { ValidationError, VoxbridgeError } from '@voxbridge/core';
import { parseCsv } from './csv.js';
import type { CallOptions } from './resources.js';
import type { GladlyTransport } from './transport.js';
import type { ContactChannel } from './types.js';
import { MINUTE_TIME } from './wire/index.js';

/** One row of the work-session report: a contact and, when an agent worked it, that agent's work session. */
export interface WorkSessionEventRow {
  id: string;
  contactSessionId: string;
  contactSessionCreatedAt: string;
  customerId: string;
  conversationId: string;
  inboxId: string;
  channel: ContactChannel;
  direction: string;
  agentAcceptedAt: string | null;
  contactSessionRoutedAt: string | null;
  /** Null when no agent handled the contact. */
  agentId: string | null;
  slaFulfilledAt: string | null;
  contactSessionEndedAt: string | null;
  status: string;
  withinSla: boolean | null;
  /** Only known once the contact has ended. */
  workSessionHandleTimeSec: number | null;
  workSessionAfterContactTimeSec: number | null;
  workSessionUnknownTimeSec: number | null;
  acceptedInboxId: string | null;
}

/** The time range of a work-session report. Dates are sent at minute precision (`YYYY-MM-DDTHH:mmZ`). */
export interface WorkSessionReportQuery {
  /** Start of the range; rows are anchored on the contact's end time (else its creation time). */
  startAtTime: Date | string | number;
  /** End of the range, including its whole minute. Gladly advises "now", so that contacts that ended late are included. */
  endAtTime: Date | string | number;
}

/** The report's CSV is not the work-session report this package knows. */
export class ReportFormatError extends VoxbridgeError {
  override name = 'ReportFormatError';
}

/** A report time as `YYYY-MM-DDTHH:mmZ`: minute-precision strings pass through, anything else is converted (seconds dropped). */
export function toReportTime(value: Date | string | number, field: string): string {
  if (typeof value === 'string' && MINUTE_TIME.test(value) && !Number.isNaN(Date.parse(value))) return value;
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms))
    throw new ValidationError(field, 'must be a date (Date, epoch ms or ISO 8601 string)');
  return `${new Date(ms).toISOString().slice(0, 16)}Z`;
}

const text = (row: Record<string, string>, column: string) => row[column] ?? '';
// Gladly documents absent values as NULL; in CSV they come as empty fields (or the word NULL).
const optional = (row: Record<string, string>, column: string) => {
  const value = row[column];
  return value === undefined || value === '' || value.toUpperCase() === 'NULL' ? null : value;
};
const numberOrNull = (row: Record<string, string>, column: string) => {
  const value = row[column];
  if (value === undefined || value === '') return null;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : null;
};
const booleanOrNull = (row: Record<string, string>, column: string) => {
  const value = row[column]?.toLowerCase();
  return value === 'true' || value === 't' || value === '1'
    ? true
    : value === 'false' || value === 'f' || value === '0'
      ? false
      : null;
};

/** Parses the work-session report CSV into typed rows (unknown extra columns are ignored). */
export function parseWorkSessionCsv(csv: string): WorkSessionEventRow[] {
  const [header, ...records] = parseCsv(csv);
  if (!header || header.length === 0 || (header.length === 1 && header[0] === '')) return [];
  if (!header.includes('contact_session_id'))
    throw new ReportFormatError(
      `the work-session report has no contact_session_id column (columns: ${header.join(', ')})`,
    );
  return records
    .filter((record) => !(record.length === 1 && record[0] === ''))
    .map((record) => {
      const row = Object.fromEntries(header.map((name, index) => [name, record[index] ?? '']));
      return {
        id: text(row, 'id'),
        contactSessionId: text(row, 'contact_session_id'),
        contactSessionCreatedAt: text(row, 'contact_session_created_at'),
        customerId: text(row, 'customer_id'),
        conversationId: text(row, 'conversation_id'),
        inboxId: text(row, 'inbox_id'),
        channel: text(row, 'channel'),
        direction: text(row, 'direction'),
        agentAcceptedAt: optional(row, 'agent_accepted_at'),
        contactSessionRoutedAt: optional(row, 'contact_session_routed_at'),
        agentId: optional(row, 'agent_id'),
        slaFulfilledAt: optional(row, 'sla_fulfilled_at'),
        contactSessionEndedAt: optional(row, 'contact_session_ended_at'),
        status: text(row, 'status'),
        withinSla: booleanOrNull(row, 'within_sla'),
        workSessionHandleTimeSec: numberOrNull(row, 'work_session_handle_time_sec'),
        workSessionAfterContactTimeSec: numberOrNull(row, 'work_session_after_contact_time_sec'),
        workSessionUnknownTimeSec: numberOrNull(row, 'work_session_unknown_time_sec'),
        acceptedInboxId: optional(row, 'accepted_inbox_id'),
      };
    });
}

/** `POST /reports/work-session-events` under Gladly's report limits (10 per minute, 2 at once). */
export class ReportsResource {
  constructor(private readonly transport: GladlyTransport) {}

  /** The work-session report as Gladly's CSV text. */
  async workSessionEventsCsv(query: WorkSessionReportQuery, options: CallOptions = {}): Promise<string> {
    const startAtTime = toReportTime(query.startAtTime, 'startAtTime');
    const endAtTime = toReportTime(query.endAtTime, 'endAtTime');
    if (Date.parse(endAtTime) <= Date.parse(startAtTime))
      throw new ValidationError('endAtTime', 'must be after startAtTime');
    // The report limiter holds a slot for the whole request (retries included): at most 2 run at once.
    return this.transport.reportLimiter.run(
      () =>
        this.transport.json<string>({
          method: 'POST',
          path: 'reports/work-session-events',
          body: { startAtTime, endAtTime },
          headers: { accept: 'text/csv, application/json' },
          responseType: 'text',
          // Generating a report changes nothing, so a 429 or 5xx may be retried.
          retrySafe: true,
          timeoutMs: this.transport.settings.reportTimeoutMs,
          signal: options.signal,
        }),
      options.signal,
    );
  }

  /** The work-session report parsed into typed rows. */
  async workSessionEvents(
    query: WorkSessionReportQuery,
    options: CallOptions = {},
  ): Promise<WorkSessionEventRow[]> {
    return parseWorkSessionCsv(await this.workSessionEventsCsv(query, options));
  }
}
