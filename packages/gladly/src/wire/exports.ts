import { operation } from '@voxbridge/core';
import { z } from 'zod';
import { GladlyEventSchema } from './events.js';
import { AgentSchema, GladlyErrorBodySchema } from './resources.js';
import { GLADLY_API_PREFIX, openEnum, TimestampSchema } from './vocabulary.js';

/**
 * Gladly's Export API: export jobs and their JSON-lines files (`GET /export/jobs`,
 * `GET /export/jobs/{jobId}/files/{fileName}`). Public clients (tap-gladly, Gladly's examples) read
 * completed jobs' `parameters.startAt/endAt` and `updatedAt` and stream files such as
 * `conversation_items.jsonl` and `agents.jsonl` line by line; jobs and files expire after 14 days.
 *
 * Assumption (public material names no agent-status file): a job of type `AGENT_STATUS` covers one
 * period and carries `agent_status_events.jsonl`, the AGENT_STATUS and AGENT_AVAILABILITY events of
 * that period, one per line, in the Events API's shape and order; `agents.jsonl` lists the agents.
 */

/** States of an export job. */
export const EXPORT_JOB_STATUSES = ['PENDING', 'IN_PROGRESS', 'COMPLETED', 'FAILED'] as const;
/** The state of an export job (Gladly may add values). */
export const ExportJobStatusSchema = openEnum(EXPORT_JOB_STATUSES);
/** The state of an export job. */
export type ExportJobStatus = z.infer<typeof ExportJobStatusSchema>;

/** The file of agent-status events in an `AGENT_STATUS` job (this package's documented assumption). */
export const AGENT_STATUS_EXPORT_FILE = 'agent_status_events.jsonl';
/** The file of agents in a job. */
export const AGENTS_EXPORT_FILE = 'agents.jsonl';
/** Entities whose events an agent-status export file holds. */
export const AGENT_STATUS_EXPORT_ENTITIES = ['AGENT_STATUS', 'AGENT_AVAILABILITY'] as const;
/** How long Gladly keeps export jobs and their files. */
export const EXPORT_RETENTION_MS = 14 * 24 * 3_600_000;

/** An export job as `GET /export/jobs` lists it. */
export const ExportJobSchema = z.object({
  id: z.string().min(1),
  status: ExportJobStatusSchema,
  parameters: z.object({
    type: z.string().describe('what the job exports (CONVERSATIONS, AGENT_STATUS, …)'),
    startAt: TimestampSchema.describe('start of the exported period (inclusive)'),
    endAt: TimestampSchema.describe('end of the exported period (exclusive)'),
  }),
  updatedAt: TimestampSchema,
  files: z.array(z.string()).optional().describe('file names of a completed job'),
});
/** An export job. */
export type ExportJob = z.infer<typeof ExportJobSchema>;

const time = (attr: string) =>
  z
    .string()
    .refine((value) => !Number.isNaN(Date.parse(value)), `${attr} must be an ISO 8601 time`)
    .optional();

/** The query of `GET /export/jobs`: a status and the period the jobs must overlap. */
export const ExportJobsQuerySchema = z
  .object({
    status: z
      .enum(EXPORT_JOB_STATUSES, { error: 'status must be one of PENDING, IN_PROGRESS, COMPLETED, FAILED' })
      .optional(),
    startAt: time('startAt').describe('jobs whose period ends after this time'),
    endAt: time('endAt').describe('jobs whose period starts before this time'),
  })
  .refine(
    (query) =>
      query.startAt === undefined ||
      query.endAt === undefined ||
      Date.parse(query.endAt) > Date.parse(query.startAt),
    { path: ['startAt'], error: 'endAt must occur after startAt' },
  );

const notFound = { description: 'unknown job or file (`not_exist`)', schema: GladlyErrorBodySchema };

/** `GET /export/jobs`: the organisation's export jobs, oldest period first. */
export const listExportJobs = operation({
  operationId: 'listExportJobs',
  method: 'GET',
  path: `${GLADLY_API_PREFIX}/export/jobs`,
  summary: 'List export jobs (filter by status and by the period they overlap)',
  tags: ['export'],
  query: ExportJobsQuerySchema,
  responses: {
    200: { description: 'the jobs', schema: z.array(ExportJobSchema) },
    400: { description: 'bad status or period', schema: GladlyErrorBodySchema },
  },
});

/** `GET /export/jobs/{jobId}`. */
export const getExportJob = operation({
  operationId: 'getExportJob',
  method: 'GET',
  path: `${GLADLY_API_PREFIX}/export/jobs/{jobId}`,
  summary: 'Get an export job',
  tags: ['export'],
  params: z.object({ jobId: z.string().min(1) }),
  responses: { 200: { description: 'the job', schema: ExportJobSchema }, 404: notFound },
});

/** One line of an export file: an agent-status event, or an agent. */
export const ExportRecordSchema = z.union([GladlyEventSchema, AgentSchema]);

/** `GET /export/jobs/{jobId}/files/{fileName}`: a JSON-lines file of a completed job. */
export const getExportFile = operation({
  operationId: 'getExportFile',
  method: 'GET',
  path: `${GLADLY_API_PREFIX}/export/jobs/{jobId}/files/{fileName}`,
  summary: 'Download a file of a completed export job (JSON lines)',
  tags: ['export'],
  params: z.object({ jobId: z.string().min(1), fileName: z.string().min(1) }),
  responses: {
    200: {
      description: `one record per line: ${AGENT_STATUS_EXPORT_FILE} holds events, ${AGENTS_EXPORT_FILE} agents`,
      contentType: 'application/x-jsonlines',
      schema: ExportRecordSchema,
    },
    404: notFound,
  },
});
