import type { Router } from '@voxbridge/emulator-kit';
import { WORK_SESSION_COLUMNS, workSessionReport } from '@voxbridge/gladly/wire';
import { serveGladly } from './contract.js';
import { gladlyError } from './errors.js';
import { type Contact, iso } from './model.js';
import type { ApiDeps } from './routes.js';

export { WORK_SESSION_COLUMNS } from '@voxbridge/gladly/wire';

/** Quotes a CSV field when it needs it (RFC 4180). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One report row (work session) of a contact, as of `now`. */
export function workSessionRow(contact: Contact, conversationClosed: boolean, now: number): string[] {
  const optionalTime = (value: number | undefined) => (value === undefined ? '' : iso(value));
  const ended = contact.endedAt !== undefined;
  const handled = contact.acceptedAt !== undefined;
  const withinSla = handled
    ? String((contact.acceptedAt! - contact.createdAt) / 1000 <= contact.slaSeconds)
    : contact.status === 'ACTIVE'
      ? ''
      : 'false';
  // After-contact time accumulates until the conversation closes.
  const afterContact =
    !ended || !handled
      ? ''
      : String(
          contact.afterContactSeconds ??
            (conversationClosed ? 0 : Math.round((now - contact.endedAt!) / 1000)),
        );
  return [
    contact.workSessionId,
    contact.id,
    iso(contact.createdAt),
    contact.customerId,
    contact.conversationId,
    contact.inboxId,
    contact.channel,
    contact.direction,
    optionalTime(contact.acceptedAt),
    optionalTime(contact.routedAt),
    contact.agentId ?? '',
    optionalTime(contact.acceptedAt),
    optionalTime(contact.endedAt),
    contact.status === 'ACTIVE' ? 'IN_PROGRESS' : contact.status,
    withinSla,
    ended && handled ? String(Math.round((contact.endedAt! - contact.acceptedAt!) / 1000)) : '',
    afterContact,
    ended && handled ? '0' : '',
    handled ? contact.inboxId : '',
  ];
}

/** `POST /api/v1/reports/work-session-events`: CSV, 10 POSTs per minute and 2 at once per organisation. */
export function addReportRoutes(router: Router, deps: ApiDeps): { reset(): void } {
  let windowStart = 0;
  let windowCount = 0;
  let running = 0;
  const truth = deps.simulator.truthRecorder;

  serveGladly(router, workSessionReport, async (ctx) => {
    // The contract checked the range (minute precision, end after start).
    const body = ctx.body as { startAtTime: string; endAtTime: string };
    const startAt = Date.parse(body.startAtTime);
    const endAt = Date.parse(body.endAtTime);
    const limits = deps.config().reports;
    const realNow = Date.now();
    if (realNow - windowStart >= limits.windowMs) {
      windowStart = realNow;
      windowCount = 0;
    }
    if (windowCount >= limits.requestsPerWindow) {
      truth.recordReport(false, running);
      const retryAfter = String(Math.max(1, Math.ceil((windowStart + limits.windowMs - realNow) / 1000)));
      throw gladlyError(
        429,
        {
          code: 'too_many_requests',
          detail: `at most ${limits.requestsPerWindow} report requests per ${limits.windowMs / 1000} s`,
        },
        { 'retry-after': retryAfter },
      );
    }
    if (running >= limits.maxConcurrent) {
      truth.recordReport(false, running);
      throw gladlyError(
        429,
        {
          code: 'too_many_requests',
          detail: `at most ${limits.maxConcurrent} reports may be generated at once`,
        },
        { 'retry-after': '1' },
      );
    }
    windowCount += 1;
    running += 1;
    truth.recordReport(true, running);
    try {
      if (limits.processingDelayMs > 0)
        await new Promise((resolve) => setTimeout(resolve, limits.processingDelayMs));
      deps.simulator.catchUp();
      const now = deps.clock.now();
      // Rows are anchored on the contact's end (else its creation); endAtTime includes its whole minute.
      const rows = deps.simulator
        .contacts()
        .filter((contact) => {
          const anchor = contact.endedAt ?? contact.createdAt;
          return anchor >= startAt && anchor < endAt + 60_000;
        })
        .map((contact) =>
          workSessionRow(
            contact,
            deps.simulator.conversation(contact.conversationId)?.status === 'CLOSED',
            now,
          ),
        );
      const csv =
        [WORK_SESSION_COLUMNS.join(','), ...rows.map((row) => row.map(csvField).join(','))].join('\r\n') +
        '\r\n';
      const stamp = (ms: number) => iso(ms).slice(0, 16).replace(/[-:]/g, '') + 'Z';
      return {
        status: 200,
        body: csv,
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename=WorkSessionEventsReport-${stamp(startAt)}-${stamp(endAt)}.csv`,
        },
      };
    } finally {
      running -= 1;
    }
  });
  return {
    reset: () => {
      windowStart = 0;
      windowCount = 0;
    },
  };
}
