import { z } from 'zod';
import { agentFeedConfigSchema, gladlyConfigSchema, wfmConfigSchema } from './wfm-schema.js';

/** Playvox metadata types (the custom-integrations guide). */
export const METADATA_TYPES = ['string', 'integer', 'float', 'list', 'boolean', 'datetime'] as const;

const metadataField = z
  .object({
    fieldId: z.string().regex(/^[a-z_]{3,30}$/, 'must be 3-30 characters of a-z and _'),
    type: z.enum(METADATA_TYPES, { error: `must be one of ${METADATA_TYPES.join(', ')}` }),
    allowed: z.array(z.string()).default([]),
    required: z.boolean().default(false),
    availableIn: z
      .array(z.enum(['filters', 'display'], { error: 'must be filters or display' }))
      .default(['filters', 'display']),
  })
  .strict()
  .refine((f) => !(f.type === 'datetime' && (f.fieldId === 'created_at' || f.fieldId === 'updated_at')), {
    message: 'created_at and updated_at are reserved and cannot name a datetime field',
    path: ['fieldId'],
  });

const livevox = z
  .object({
    baseUrl: z.url({ error: 'must be a URL such as https://api.livevox.com' }).optional(),
    region: z.enum(['na3', 'na4', 'na5', 'na6'], { error: 'must be one of na3, na4, na5, na6' }).optional(),
    accessToken: z.string().min(1, 'is required'),
    clientName: z.string().min(1, 'is required'),
    userName: z.string().min(1, 'is required'),
    password: z.string().min(1, 'is required'),
    agent: z.boolean().default(false),
    feed: z
      .object({
        transport: z.enum(['longpoll', 'sse'], { error: 'must be longpoll or sse' }).default('longpoll'),
        count: z
          .number()
          .int()
          .min(500, 'must be at least 500')
          .max(1000, 'must be at most 1000')
          .default(1000),
        filter: z
          .object({
            interactionType: z
              .array(z.enum(['VOICE', 'SMS', 'EMAIL'], { error: 'must be VOICE, SMS or EMAIL' }))
              .optional(),
            service: z.array(z.union([z.string(), z.number()])).optional(),
            callCenter: z.array(z.union([z.string(), z.number()])).optional(),
          })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
    agentFeed: agentFeedConfigSchema.optional(),
    enrich: z
      .object({
        contextData: z.boolean().default(true),
        postCall: z.boolean().default(false),
        concurrency: z.number().int().min(1).max(256).default(16),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .refine((l) => l.baseUrl !== undefined || l.region !== undefined, {
    message: 'set either baseUrl or region',
    path: ['baseUrl'],
  });

const playvox = z
  .object({
    baseUrl: z.url({ error: 'must be a URL such as http://127.0.0.1:4010' }).optional(),
    subdomain: z
      .string()
      .regex(/^[a-z0-9-]+$/, 'must be the subdomain of <subdomain>.playvox.com')
      .optional(),
    uid: z.string().min(1, 'is required'),
    key: z.string().min(1, 'is required'),
    requestsPerMinute: z.number().int().min(0, 'must be 0 (no limit) or more').default(0),
    integration: z
      .object({
        name: z.string().min(1, 'is required'),
        description: z
          .string()
          .min(1, 'must not be empty')
          .default('Interactions from LiveVox, sent by voxbridge'),
        dataStorageMinutes: z
          .number()
          .int()
          .min(1, 'must be at least 1')
          .max(129600, 'must be at most 129600 (90 days)')
          .default(129600),
      })
      .strict(),
    metadata: z.array(metadataField).min(1, 'needs at least one field'),
  })
  .strict()
  .refine((p) => p.baseUrl !== undefined || p.subdomain !== undefined, {
    message: 'set either baseUrl or subdomain',
    path: ['baseUrl'],
  })
  .refine((p) => p.metadata.some((f) => f.type === 'datetime'), {
    message: 'an integration needs at least one datetime field',
    path: ['metadata'],
  })
  .refine((p) => new Set(p.metadata.map((f) => f.fieldId)).size === p.metadata.length, {
    message: 'fieldId values must be unique',
    path: ['metadata'],
  });

const fieldMapping = z
  .object({
    field: z.string().min(1, 'is required'),
    from: z.string().min(1, 'is required'),
    default: z.union([z.string(), z.number(), z.boolean()]).optional(),
  })
  .strict();

const commentRule = z
  .object({
    type: z
      .enum(['customer_comment', 'agent_comment', 'internal_note'], {
        error: 'must be customer_comment, agent_comment or internal_note',
      })
      .default('internal_note'),
    author: z.string().min(1, 'is required'),
    template: z.string().min(1, 'is required'),
    /** Only when this record path has a value. */
    when: z.string().optional(),
    /** Record path(s) of the time the comment reports (`added_at`); `a|b` takes the first with a value. */
    at: z
      .string()
      .default('dispositionAt|end|timestamp')
      .describe(
        "Record path(s) of the time the comment reports, sent as added_at; 'a|b' takes the first with a value",
      ),
  })
  .strict();

/** `mapping.assignee.lookup`: how a LiveVox agent login becomes a Playvox user (mode `lookup`). */
const assigneeLookup = z
  .object({
    /** The Playvox user field matched: `email`, or `username`. */
    by: z
      .enum(['email', 'username'], { error: 'must be email or username' })
      .default('email')
      .describe('The Playvox user field an agent is matched on'),
    /** Agent login → Playvox email or username, for logins that do not match by the rule. */
    directory: z
      .record(z.string(), z.string())
      .default({})
      .describe(
        'LiveVox agent login → Playvox email or username; a login not listed is matched as itself (by email: against the local part)',
      ),
    /** How often the cached Playvox users are read again. */
    refreshMs: z
      .number()
      .int()
      .min(1000)
      .default(600_000)
      .describe('How often the cached Playvox users are read again (ms)'),
    /** After a miss, the users are read again at most this often. */
    missRefreshMs: z
      .number()
      .int()
      .min(100)
      .default(60_000)
      .describe('After a miss, the users are read again at most this often (ms)'),
    /** How long an interaction whose agent has no Playvox user waits before it is dead-lettered. */
    waitMs: z
      .number()
      .int()
      .min(0)
      .default(600_000)
      .describe(
        "How long an interaction whose agent has no Playvox user waits before it is dead-lettered ('agent <login> has no Playvox user')",
      ),
  })
  .strict()
  .prefault({});

const recordings = z
  .object({
    /** `upload` the audio to Playvox files, `link` to LiveVox's URL, or `off`. */
    mode: z
      .enum(['upload', 'link', 'off'], { error: 'must be upload, link or off' })
      .default('upload')
      .describe(
        "upload: stream each call's recording into Playvox files and attach it; link: attach LiveVox's URL; off",
      ),
    /** How long a call waits for a recording LiveVox does not have yet, then goes without one. */
    waitMs: z
      .number()
      .int()
      .min(0)
      .default(900_000)
      .describe(
        'How long a call waits for a recording LiveVox does not have yet; then it goes without one (ms)',
      ),
    /** First wait between looks for a recording not there yet; doubles up to retryMaxMs. */
    retryBaseMs: z
      .number()
      .int()
      .min(10)
      .default(5_000)
      .describe('First wait between looks for a recording not there yet; doubles up to retryMaxMs (ms)'),
    retryMaxMs: z
      .number()
      .int()
      .min(10)
      .default(120_000)
      .describe('Longest wait between looks for a recording (ms)'),
    /** Larger recordings are linked, not uploaded (at most Playvox's 10 MiB). */
    maxUploadBytes: z
      .number()
      .int()
      .min(1)
      .max(10_485_760, 'must be at most 10485760 (10 MiB)')
      .default(10_485_760)
      .describe('Larger recordings are linked rather than uploaded (at most 10 MiB, Playvox files)'),
    /** Author of the recording comment (default: the interaction's assignee). */
    author: z
      .string()
      .min(1)
      .optional()
      .describe("Author of the recording comment (default: the interaction's assignee)"),
  })
  .strict()
  .prefault({});

const mapping = z
  .object({
    interactionTypes: z.array(z.enum(['VOICE', 'SMS', 'EMAIL'])).default(['VOICE', 'SMS', 'EMAIL']),
    fields: z.array(fieldMapping).default([]),
    assignee: z
      .object({
        mode: z
          .enum(['table', 'login', 'template', 'lookup'], {
            error: 'must be table, login, template or lookup',
          })
          .default('login')
          .describe(
            'How the Playvox assignee is chosen; lookup reads Playvox users (mapping.assignee.lookup)',
          ),
        table: z.record(z.string(), z.string()).default({}),
        template: z.string().default('{agentLoginId}'),
        lookup: assigneeLookup,
        fallback: z.string().optional(),
      })
      .strict()
      .prefault({}),
    comments: z.array(commentRule).default([]),
    voiceGraceMs: z.number().int().min(0).default(600_000),
  })
  .strict();

const delivery = z
  .object({
    batchSize: z.number().int().min(1).max(100, 'must be at most 100 (the bulk limit)').default(100),
    concurrency: z.number().int().min(1).max(64).default(4),
    maxAttempts: z.number().int().min(1).max(50).default(5),
    jobTimeoutMs: z.number().int().min(1000).default(300_000),
    reconcileSettleMs: z.number().int().min(0).default(60_000),
    retryBaseDelayMs: z.number().int().min(0).default(1000),
  })
  .strict()
  .prefault({});

/**
 * The sections one connection has of its own (a LiveVox account or Gladly organisation into a Playvox
 * account): at the top level of a single-connection file, or in each entry of `connections:`.
 */
export const connectionSections = {
  livevox,
  playvox,
  mapping: mapping.prefault({}),
  recordings,
  privacy: z
    .object({
      /** Mask phone numbers and email addresses (last four characters shown); `false` opts out. */
      maskContacts: z
        .boolean()
        .default(true)
        .describe('Mask phone numbers and email addresses (last four characters shown); false opts out'),
    })
    .strict()
    .prefault({}),
  gladly: gladlyConfigSchema.optional(),
  wfm: wfmConfigSchema.optional(),
};

/** The sections every connection shares: one store, one server, one delivery policy, one log. */
export const sharedSections = {
  delivery,
  store: z
    .object({
      path: z.string().min(1).default('./.voxbridge/state.db'),
      synchronous: z
        .enum(['batch', 'full', 'normal'], { error: 'must be batch, full or normal' })
        .default('batch'),
      /** How long delivered interactions and processed events are kept (`7d`, `12h`, `90m`); dead letters stay until dropped. */
      retention: z
        .string()
        .regex(/^\d+\s*(ms|s|m|h|d)$/, 'must be a duration such as 7d, 12h or 30m')
        .default('7d'),
      /** PostgreSQL (`postgres://user:password@host:port/db`) for several workers; VOXBRIDGE_STORE_URL wins. */
      url: z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
        .optional(),
    })
    .strict()
    .prefault({}),
  coordination: z
    .object({
      /** How long a stream's owner may go without renewing before another worker takes it over. */
      leaseSeconds: z.number().min(1).max(600).default(15),
      /** How often an owner renews its leases (well under leaseSeconds). */
      renewSeconds: z.number().min(0.1).max(300).default(5),
    })
    .strict()
    .refine((c) => c.renewSeconds < c.leaseSeconds, {
      message: 'renewSeconds must be smaller than leaseSeconds',
      path: ['renewSeconds'],
    })
    .prefault({}),
  server: z
    .object({
      host: z.string().default('127.0.0.1'),
      port: z.number().int().min(0).max(65535).default(9464),
      dashboardToken: z.string().optional(),
    })
    .strict()
    .prefault({}),
  shutdown: z
    .object({
      /** How long the first SIGTERM/SIGINT waits for the work in flight; what is unsettled stays in the store. */
      timeoutMs: z.number().int().min(0).max(600_000).default(30_000),
    })
    .strict()
    .prefault({}),
  /** Extra certificate authorities every client trusts (a TLS-inspecting proxy, an internal CA). */
  tls: z
    .object({
      /** A PEM file of CA certificates, added to Node's roots; relative to the configuration file's folder. */
      caFile: z.string().min(1).optional().describe('PEM file of extra CA certificates every client trusts'),
    })
    .strict()
    .optional(),
  log: z
    .object({
      level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    })
    .strict()
    .prefault({}),
};

/** The whole `voxbridge.yaml` of one connection (no `connections:` list). */
export const bridgeConfigSchema = z.object({ ...connectionSections, ...sharedSections }).strict();

/** The validated configuration, defaults filled in. */
export type BridgeConfig = z.infer<typeof bridgeConfigSchema>;
/** One metadata field of the configuration. */
export type MetadataFieldConfig = BridgeConfig['playvox']['metadata'][number];
