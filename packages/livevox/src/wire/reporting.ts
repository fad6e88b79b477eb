import { operation } from '@voxbridge/core';
import { z } from 'zod';
import {
  errorAnswers,
  liveVoxIdSchema as id,
  idListSchema,
  liveVoxErrorSchema,
  liveVoxTimeSchema as time,
} from './common.js';

/**
 * The Reporting API methods the bridge uses to close gaps and fetch recordings. Public material gives
 * only their outline (spec §3.3: `POST /reporting/standard/callRecording` and `GET
 * /compliance/recording/{recordingId}` as a public script calls them; the "Call Event Recovery Report"
 * by name only). Shapes beyond that are assumptions, written down in the package README.
 */

const reporting = ['Reporting'] as const;

/** Paging of Reporting list methods: `offset` from 0 and `count` (at most 1,000 rows a page). */
export const reportPageQuery = z.object({
  offset: z.string().regex(/^\d+$/, 'must be a non-negative integer').optional(),
  count: z.string().regex(/^\d+$/, 'must be an integer from 1 to 1000').optional(),
});

/** The body of a Reporting period request: `startDate`/`endDate` (ISO with offset, or epoch ms) and a service filter. */
export const reportPeriodRequestSchema = z.object({
  startDate: time.describe('Start of the period (inclusive), ISO-8601 with offset or epoch ms'),
  endDate: time.describe('End of the period (exclusive)'),
  sortBy: z.string().optional().describe('"CALL_START_TIME" (the only order the emulator knows)'),
  filter: z.object({ service: idListSchema.optional() }).nullable().optional(),
});

/** One row of the Call Recording report, with the fields a public client reads. */
export const callRecordingRowSchema = z.looseObject({
  recordingId: z.string().min(1),
  session: z.string().describe("The call's session id"),
  transactionId: id.optional(),
  account: z.string().nullable().optional(),
  service: z.string().nullable().optional().describe('Service name'),
  serviceId: id.optional(),
  callCenterId: id.optional(),
  campaign: z.string().nullable().optional(),
  name: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
  agent: z.string().nullable().optional().describe('Agent login id'),
  termCode: z.string().nullable().optional(),
  transferConnect: time.nullable().optional().describe('Agent connect time, epoch ms in a string'),
  transferEnd: time.nullable().optional(),
  transferDuration: z.number().nullable().optional().describe('Seconds connected to the agent'),
  contentType: z.string().optional(),
  bytes: z.number().optional(),
});

const nextSchema = z.string().optional().describe('URI of the next page; absent on the last page');

/** What every standard report shares: paging in the query, a period in the body, a page of rows back. */
function standardReport<Page extends z.ZodType>(page: Page) {
  return {
    method: 'POST',
    tags: reporting,
    query: reportPageQuery,
    body: reportPeriodRequestSchema,
    responses: { 200: { description: 'A page of rows', schema: page }, ...errorAnswers() },
  } as const;
}

/** `POST /reporting/standard/callRecording`: the recorded calls of a period. */
export const callRecordingReport = operation({
  operationId: 'callRecordingReport',
  path: '/reporting/standard/callRecording',
  summary: 'Call Recording report: the recorded calls that started in a period',
  ...standardReport(z.object({ callRecording: z.array(callRecordingRowSchema), next: nextSchema })),
  requestExamples: {
    period: {
      summary: 'as a public script calls it (PY6)',
      value: {
        startDate: '2023-12-23T00:00:00-05:00',
        endDate: '2023-12-24T00:00:00-05:00',
        sortBy: 'CALL_START_TIME',
        filter: { service: [{ id: '3181203' }] },
      },
    },
  },
});

/** `GET /compliance/recording/{recordingId}`: the audio file (Range supported). */
export const downloadRecording = operation({
  operationId: 'downloadRecording',
  method: 'GET',
  path: '/compliance/recording/{recordingId}',
  summary: 'Download one recording (audio bytes; Range: bytes=… answers 206)',
  tags: reporting,
  params: z.object({ recordingId: z.string().min(1) }),
  responses: {
    200: { description: 'The whole file', contentType: 'audio/wav' },
    206: { description: 'The requested range', contentType: 'audio/wav' },
    404: { description: 'No such recording, or not available yet', schema: liveVoxErrorSchema },
    416: { description: 'The range is outside the file', schema: liveVoxErrorSchema },
  },
});

/** One row of the Call Event Recovery report: an interaction in Call Detail Report form. */
export const callDetailRowSchema = z.looseObject({
  interactionType: z.string().describe('VOICE, SMS or Email, as the feed spells it'),
  sessionId: z.string().min(1),
  transactionId: id,
  account: z.string().nullable().optional(),
  clientId: id.optional(),
  serviceId: id.optional(),
  serviceName: z.string().nullable().optional(),
  callCenterId: id.optional(),
  campaignId: id.nullable().optional(),
  callDirection: z.string().nullable().optional(),
  agentId: id.nullable().optional(),
  agentLoginId: z.string().nullable().optional(),
  phoneNumber: z.string().nullable().optional(),
  start: time.describe('Interaction start'),
  end: time.nullable().optional(),
  answer: time.nullable().optional().describe('Agent connect time'),
  disposition: time.nullable().optional().describe('When the term code was set'),
  duration: z.number().nullable().optional().describe('Seconds, as the feed gives them'),
  talkDuration: z.number().nullable().optional(),
  holdDuration: z.number().nullable().optional(),
  wrapDuration: z.number().nullable().optional(),
  lvResult: z.string().nullable().optional(),
  lvResultId: id.nullable().optional(),
  termCode: z.string().nullable().optional(),
  termCodeId: id.nullable().optional(),
  recordingId: z.string().nullable().optional().describe('null: the call has no recording'),
});

/** `POST /reporting/standard/callEventRecovery`: a past period's interactions, for gaps beyond 24 hours. */
export const callEventRecoveryReport = operation({
  operationId: 'callEventRecoveryReport',
  path: '/reporting/standard/callEventRecovery',
  summary: 'Call Event Recovery report: the finished interactions that started in a period, in CDR form',
  ...standardReport(z.object({ callEventRecovery: z.array(callDetailRowSchema), next: nextSchema })),
  requestExamples: {
    day: {
      summary: 'one day of one service',
      value: {
        startDate: '2026-01-05T00:00:00Z',
        endDate: '2026-01-06T00:00:00Z',
        filter: { service: [{ id: 38049 }] },
      },
    },
  },
});
