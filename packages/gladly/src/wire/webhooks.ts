import { z } from 'zod';
import { openEnum, TimestampSchema, WEBHOOK_EVENT_TYPES, WebhookEventTypeSchema } from './vocabulary.js';

/** Basic credentials Gladly sends with every delivery (write-only). */
export const WebhookCredentialsSchema = z.object(
  {
    username: z.string().min(1, 'credentials must have a username and a password'),
    password: z.string(),
    realm: z.string({ error: 'realm must be a string' }).optional(),
  },
  { error: 'credentials must have a username and a password' },
);

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Static headers sent with every delivery (write-only): token names to single-line values. */
export const WebhookHeadersSchema = z.record(
  z.string().regex(HEADER_NAME, 'is not a valid header name'),
  z
    .string({ error: 'header values must be single-line strings' })
    .regex(/^[^\r\n]*$/, 'header values must be single-line strings'),
  { error: 'headers must be an object of header names to values' },
);

/** A webhook URL: absolute, http(s). Gladly requires HTTPS; the emulator allows http to loopback. */
export const WebhookUrlSchema = z
  .string({ error: (issue) => (issue.input == null ? 'url cannot be blank' : 'url must be a string') })
  .min(1, { error: 'url cannot be blank', abort: true })
  .refine((value) => URL.canParse(value), {
    error: (issue) => `url ${issue.input} is not a valid URL`,
    abort: true,
  })
  .refine((value) => /^https?:$/.test(new URL(value).protocol), 'url must use https')
  .describe('HTTPS URL, unique in the organisation');

const name = z
  .string({ error: 'name must be a string' })
  .max(200, 'name must be at most 200 characters')
  .optional();
const events = z
  .array(WebhookEventTypeSchema, { error: 'events must be a non-empty list of event types' })
  .min(1, 'events must be a non-empty list of event types');
const enabled = z.boolean({ error: 'enabled must be true or false' }).optional();
const BODY = { error: 'request body must be a JSON object' };

/** Fields of a new webhook (`POST /webhooks`). An enabled one must answer Gladly's PING with 200. */
export const WebhookCreateSchema = z.object(
  {
    name,
    url: WebhookUrlSchema,
    events,
    enabled: enabled.describe('default false'),
    credentials: WebhookCredentialsSchema.optional(),
    headers: WebhookHeadersSchema.optional(),
  },
  BODY,
);

/** Fields to change (`PATCH /webhooks/{id}`). `null` removes credentials or headers (emulator behaviour). */
export const WebhookUpdateSchema = z.object(
  {
    name,
    url: WebhookUrlSchema.optional(),
    events: events.optional(),
    enabled,
    credentials: WebhookCredentialsSchema.nullable().optional(),
    headers: WebhookHeadersSchema.nullable().optional(),
  },
  BODY,
);

/** A webhook as Gladly shows it; credentials and header values are never returned. */
export const WebhookSchema = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  events: z.array(openEnum(WEBHOOK_EVENT_TYPES)),
  enabled: z.boolean(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  hasCredentials: z.boolean(),
  headerKeys: z.array(z.string()),
  disabledAtDueToRetryLimit: TimestampSchema.optional().describe(
    'set when Gladly disabled the webhook after its last delivery retry failed',
  ),
});

/** Basic credentials Gladly sends with every delivery (write-only). */
export type WebhookCredentials = z.infer<typeof WebhookCredentialsSchema>;
/** A webhook as Gladly shows it; credentials and header values are never returned. */
export type Webhook = z.infer<typeof WebhookSchema>;
/** The fields of a webhook update once validated (`null` removes credentials or headers). */
export type WebhookFields = z.output<typeof WebhookUpdateSchema>;
