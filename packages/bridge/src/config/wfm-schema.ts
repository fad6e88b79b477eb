import { z } from 'zod';
import {
  DEFAULT_GLADLY_AWAY_REASONS,
  DEFAULT_GLADLY_POLL_ENTITIES,
  DEFAULT_GLADLY_WEBHOOK_EVENTS,
  DEFAULT_LIVEVOX_NOT_READY_REASONS,
  DEFAULT_TASK_DEFINITIONS,
  type TaskDefinitionConfig,
} from './wfm-defaults.js';

const ALIAS = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const ms = (min: number, fallback: number) =>
  z.number().int().min(min, `must be at least ${min} ms`).default(fallback);

const identifiers = z
  .object({ gladly: z.string().min(1).optional(), livevox: z.string().min(1).optional() })
  .strict()
  .refine((value) => value.gladly !== undefined || value.livevox !== undefined, {
    message: 'give a regular expression for gladly and/or livevox',
  });

const taskDefinition = z
  .object({
    name: z.string().min(1, 'is required').max(200),
    taskIdentifier: z.string().min(1).max(100).optional(),
    categoryName: z.string().min(1).nullable().optional(),
    workloadChannel: z.string().min(1).nullable().optional(),
    colour: z.string().min(1).max(32).optional(),
    isPaid: z.boolean().optional(),
    isPlanned: z.boolean().optional(),
    isLeave: z.boolean().optional(),
    isBreak: z.boolean().optional(),
    isProductive: z.boolean().optional(),
    identifiers,
  })
  .strict();

const workstream = z
  .object({
    name: z.string().min(1, 'is required').max(200),
    channel: z.string().min(1).max(64).nullable().optional(),
    identifiers,
  })
  .strict();

const queueRef = z.object({ id: z.union([z.string().min(1), z.number()]), name: z.string().min(1) }).strict();

/** The `gladly` section: the organisation, its API user, the webhook receiver and the poll cadences. */
export const gladlyConfigSchema = z
  .object({
    baseUrl: z.url({ error: 'must be a URL such as https://acme.gladly.com' }).optional(),
    org: z
      .string()
      .regex(/^[a-z0-9-]+$/i, 'must be the organisation of <org>.gladly.com')
      .optional(),
    sandbox: z.boolean().default(false),
    email: z.string().min(1, 'is required (the API user’s agent email)'),
    apiToken: z.string().min(1, 'is required'),
    /** Away reason names the regex lint samples. */
    awayReasons: z.array(z.string().min(1)).default([...DEFAULT_GLADLY_AWAY_REASONS]),
    webhook: z
      .object({
        /** The public URL Gladly posts to (routed to `path` on the bridge's HTTP server); absent: poll only. */
        url: z.url({ error: 'must be the https URL Gladly can reach the bridge at' }).optional(),
        path: z
          .string()
          .regex(/^\/[\w./-]*$/, 'must be a path such as /webhooks/gladly')
          .default('/webhooks/gladly'),
        name: z.string().min(1).max(200).default('voxbridge → Playvox WFM'),
        username: z.string().min(1).default('voxbridge'),
        password: z.string().min(12, 'must be at least 12 characters').optional(),
        events: z
          .array(z.string().regex(/^[A-Z_]+\/[A-Z_]+$/, 'must be an event type such as CONVERSATION/CLOSED'))
          .min(1)
          .default([...DEFAULT_GLADLY_WEBHOOK_EVENTS]),
        /** How often the bridge checks that the webhook is still enabled. */
        checkIntervalMs: ms(10, 300_000),
      })
      .strict()
      .prefault({})
      .refine((w) => w.url === undefined || w.password !== undefined, {
        message: 'a webhook url needs a password',
        path: ['password'],
      }),
    poll: z
      .object({
        intervalMs: ms(10, 60_000),
        /** How far before the last event seen each poll starts again. */
        overlapMs: ms(0, 120_000),
        /** Events younger than this are left to the next poll (the webhook usually brings them first). */
        settleMs: ms(0, 30_000),
        /** Where the very first poll starts; default: midnight UTC (within the API's 24 hours). */
        initialLookbackMinutes: z.number().int().min(1).max(1439).optional(),
        entities: z
          .array(z.string().regex(/^[A-Z_]+$/))
          .min(1)
          .default([...DEFAULT_GLADLY_POLL_ENTITIES]),
      })
      .strict()
      .prefault({}),
    workSessions: z
      .object({
        enabled: z.boolean().default(true),
        intervalMs: ms(10, 600_000),
        overlapMs: ms(0, 1_800_000),
      })
      .strict()
      .prefault({}),
    users: z
      .object({ syncIntervalMs: ms(10, 3_600_000) })
      .strict()
      .prefault({}),
  })
  .strict()
  .refine((g) => g.baseUrl !== undefined || g.org !== undefined, {
    message: 'set either baseUrl or org',
    path: ['baseUrl'],
  });

/** The `wfm` section: the Playvox WFM tenant, its task definitions and workstreams, and delivery. */
export const wfmConfigSchema = z
  .object({
    baseUrl: z.url({ error: 'must be a URL such as http://127.0.0.1:4011' }).optional(),
    subdomain: z
      .string()
      .regex(/^[a-z0-9-]+$/, 'must be the subdomain of <subdomain>.cloud.agyletime.io')
      .optional(),
    usersBaseUrl: z.url().optional(),
    accessKeyId: z.string().min(1, 'is required'),
    secret: z.string().min(1, 'is required'),
    requestsPerMinute: z.number().int().min(0).default(0),
    integrations: z
      .object({
        gladly: z.string().regex(ALIAS, 'must be 1-64 characters of a-z, 0-9, _ and -').default('gladly'),
        livevox: z.string().regex(ALIAS, 'must be 1-64 characters of a-z, 0-9, _ and -').default('livevox'),
      })
      .strict()
      .prefault({}),
    taskDefinitions: z
      .array(taskDefinition)
      .min(1, 'needs at least one task definition')
      .default(DEFAULT_TASK_DEFINITIONS.map((task) => structuredClone(task)) as TaskDefinitionConfig[]),
    workstreams: z
      .object({
        /** `all` enabled inboxes from the Gladly API, `none`, or a list of inbox ids. */
        gladlyInboxes: z.union([z.enum(['all', 'none']), z.array(z.string().min(1))]).default('all'),
        /** `all` services from LiveVox's service statistics, `none`, or a list of `{ id, name }`. */
        livevoxServices: z.union([z.enum(['all', 'none']), z.array(queueRef)]).default('all'),
        extra: z.array(workstream).default([]),
      })
      .strict()
      .prefault({}),
    lint: z
      .object({
        sampleStatuses: z
          .object({ gladly: z.array(z.string()).default([]), livevox: z.array(z.string()).default([]) })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
    delivery: z
      .object({
        batchSize: z.number().int().min(1).max(500).default(500),
        idleMs: ms(10, 1000),
        /** A stored event is sent once it is this old, so that webhook deliveries a moment apart are put in time order. */
        settleMs: ms(0, 1000),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .refine((w) => w.baseUrl !== undefined || w.subdomain !== undefined, {
    message: 'set either baseUrl or subdomain',
    path: ['baseUrl'],
  })
  .refine(
    (w) => new Set(w.taskDefinitions.map((t) => t.name.toLowerCase())).size === w.taskDefinitions.length,
    {
      message: 'task definition names must be unique (case-insensitive)',
      path: ['taskDefinitions'],
    },
  );

/** `livevox.agentFeed`: the LiveVox Agent Event Feed into Playvox WFM. */
export const agentFeedConfigSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** LiveVox agent id → Playvox WFM user email (otherwise the WFM user holding the id in the livevox integration). */
    users: z
      .record(z.string(), z.email({ error: 'must be an email address' }))
      .default({})
      .superRefine((users, ctx) => {
        for (const key of Object.keys(users)) {
          if (!/^\d+$/.test(key))
            ctx.addIssue({ code: 'custom', message: 'keys must be LiveVox agent ids', path: [key] });
        }
      }),
    /** Not-ready reason codes the regex lint samples. */
    notReadyReasons: z.array(z.string().min(1)).default([...DEFAULT_LIVEVOX_NOT_READY_REASONS]),
    /** Turn each call an agent took (IN_CALL … WRAP_UP) into a WFM contact in the service's workstream. */
    contacts: z.boolean().default(true),
  })
  .strict();

/** The validated `gladly` section. */
export type GladlyConfig = z.infer<typeof gladlyConfigSchema>;
/** The validated `wfm` section. */
export type WfmConfig = z.infer<typeof wfmConfigSchema>;
/** The validated `livevox.agentFeed` section. */
export type AgentFeedConfig = z.infer<typeof agentFeedConfigSchema>;
