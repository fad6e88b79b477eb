import { z } from 'zod';

/** The columns of Gladly's work-session report CSV, in order. */
export const WORK_SESSION_COLUMNS = [
  'id',
  'contact_session_id',
  'contact_session_created_at',
  'customer_id',
  'conversation_id',
  'inbox_id',
  'channel',
  'direction',
  'agent_accepted_at',
  'contact_session_routed_at',
  'agent_id',
  'sla_fulfilled_at',
  'contact_session_ended_at',
  'status',
  'within_sla',
  'work_session_handle_time_sec',
  'work_session_after_contact_time_sec',
  'work_session_unknown_time_sec',
  'accepted_inbox_id',
] as const;

/** A report time at minute precision: `YYYY-MM-DDTHH:mmZ` (or with an offset). */
export const MINUTE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?:Z|[+-]\d{2}:\d{2})$/;

const minuteTime = (attr: 'startAtTime' | 'endAtTime') =>
  z
    .string({ error: (issue) => (issue.input == null ? `${attr} is required` : `${attr} must be a string`) })
    .min(1, { error: `${attr} is required`, abort: true })
    .refine((value) => MINUTE_TIME.test(value) && !Number.isNaN(Date.parse(value)), {
      error: `${attr} must be in ISO 8601 format YYYY-mm-ddThh:mmZ`,
    })
    .describe('ISO 8601 at minute precision, YYYY-MM-DDTHH:mmZ');

/** The body of `POST /reports/work-session-events`: a time range at minute precision. */
export const WorkSessionReportBodySchema = z
  .object(
    {
      startAtTime: minuteTime('startAtTime').describe('rows are anchored on contact end, else creation'),
      endAtTime: minuteTime('endAtTime').describe('includes its whole minute; Gladly advises now'),
    },
    { error: 'request body must be a JSON object with startAtTime and endAtTime' },
  )
  .refine((body) => Date.parse(body.endAtTime) > Date.parse(body.startAtTime), {
    path: ['startAtTime'],
    error: 'endAtTime must occur after startAtTime',
  });
