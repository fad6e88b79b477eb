import { isPlainObject } from '@voxbridge/emulator-kit';
import { iso, WEBHOOK_EVENT_TYPES } from './model.js';
import type { IdFactory } from './organization.js';

/** One entry of Gladly's error body. */
export interface FieldError {
  attr?: string;
  code: string;
  detail: string;
}

/** Basic credentials sent with every delivery. */
export interface WebhookCredentials {
  username: string;
  password: string;
  realm?: string;
}

/** A webhook as the emulator keeps it (write-only fields included). */
export interface StoredWebhook {
  id: string;
  name: string;
  url: string;
  events: string[];
  enabled: boolean;
  createdAt: number;
  updatedAt: number;
  credentials?: WebhookCredentials;
  headers?: Record<string, string>;
  disabledAtDueToRetryLimit?: number;
}

/** Where and how a delivery is sent. */
export type DeliveryTarget = Pick<StoredWebhook, 'url' | 'credentials' | 'headers'>;

/** A webhook as the API shows it: credentials and header values never leave the emulator. */
export interface WebhookView {
  id: string;
  name: string;
  url: string;
  events: string[];
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
  hasCredentials: boolean;
  headerKeys: string[];
  disabledAtDueToRetryLimit?: string;
}

/** The writable fields of a create or update request, validated. `null` removes credentials or headers. */
export interface WebhookFields {
  name?: string;
  url?: string;
  events?: string[];
  enabled?: boolean;
  credentials?: WebhookCredentials | null;
  headers?: Record<string, string> | null;
}

const KNOWN_EVENTS = new Set<string>(WEBHOOK_EVENT_TYPES);
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const LOOPBACK_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** Validates a create (`partial` false) or update body; returns the fields or every problem found. */
export function parseWebhookFields(
  body: unknown,
  partial: boolean,
  requireHttps: boolean,
): WebhookFields | FieldError[] {
  if (!isPlainObject(body)) return [{ code: 'invalid', detail: 'request body must be a JSON object' }];
  const errors: FieldError[] = [];
  const fields: WebhookFields = {};
  if (body.name !== undefined) {
    if (typeof body.name !== 'string')
      errors.push({ attr: 'name', code: 'invalid', detail: 'name must be a string' });
    else if (body.name.length > 200)
      errors.push({ attr: 'name', code: 'too_long', detail: 'name must be at most 200 characters' });
    else fields.name = body.name;
  }
  if (body.url !== undefined || !partial) {
    const problem = checkUrl(body.url, requireHttps);
    if (problem) errors.push({ attr: 'url', ...problem });
    else fields.url = body.url as string;
  }
  if (body.events !== undefined || !partial) {
    if (!Array.isArray(body.events) || body.events.length === 0) {
      errors.push({
        attr: 'events',
        code: body.events === undefined ? 'blank' : 'invalid',
        detail: 'events must be a non-empty list of event types',
      });
    } else {
      body.events.forEach((type, i) => {
        if (typeof type !== 'string' || !KNOWN_EVENTS.has(type))
          errors.push({
            attr: `events[${i}]`,
            code: 'invalid',
            detail: `${String(type)} is not a webhook event type`,
          });
      });
      if (errors.every((error) => !error.attr?.startsWith('events')))
        fields.events = [...new Set(body.events as string[])];
    }
  }
  if (body.enabled !== undefined) {
    if (typeof body.enabled !== 'boolean')
      errors.push({ attr: 'enabled', code: 'invalid', detail: 'enabled must be true or false' });
    else fields.enabled = body.enabled;
  }
  if (body.credentials !== undefined) {
    const credentials = body.credentials;
    if (credentials === null && partial) fields.credentials = null;
    else if (
      !isPlainObject(credentials) ||
      typeof credentials.username !== 'string' ||
      credentials.username === '' ||
      typeof credentials.password !== 'string'
    )
      errors.push({
        attr: 'credentials',
        code: 'invalid',
        detail: 'credentials must have a username and a password',
      });
    else if (credentials.realm !== undefined && typeof credentials.realm !== 'string')
      errors.push({ attr: 'credentials.realm', code: 'invalid', detail: 'realm must be a string' });
    else
      fields.credentials = {
        username: credentials.username,
        password: credentials.password,
        ...(typeof credentials.realm === 'string' ? { realm: credentials.realm } : {}),
      };
  }
  if (body.headers !== undefined) {
    const headers = body.headers;
    if (headers === null && partial) fields.headers = null;
    else if (!isPlainObject(headers))
      errors.push({
        attr: 'headers',
        code: 'invalid',
        detail: 'headers must be an object of header names to values',
      });
    else {
      for (const [name, value] of Object.entries(headers)) {
        if (!HEADER_NAME.test(name))
          errors.push({
            attr: `headers.${name}`,
            code: 'invalid',
            detail: `${name} is not a valid header name`,
          });
        else if (typeof value !== 'string' || /[\r\n]/.test(value))
          errors.push({
            attr: `headers.${name}`,
            code: 'invalid',
            detail: 'header values must be single-line strings',
          });
      }
      if (!errors.some((error) => error.attr?.startsWith('headers')))
        fields.headers = { ...(headers as Record<string, string>) };
    }
  }
  return errors.length > 0 ? errors : fields;
}

function checkUrl(value: unknown, requireHttps: boolean): { code: string; detail: string } | undefined {
  if (value === undefined || value === null || value === '')
    return { code: 'blank', detail: 'url cannot be blank' };
  if (typeof value !== 'string') return { code: 'invalid', detail: 'url must be a string' };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { code: 'invalid', detail: `url ${value} is not a valid URL` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { code: 'invalid', detail: 'url must use https' };
  if (url.protocol === 'http:' && requireHttps && !LOOPBACK_HOST.test(url.hostname))
    return { code: 'invalid', detail: 'url must use https' };
  return undefined;
}

/** The organisation's webhooks. */
export class WebhookStore {
  private readonly webhooks = new Map<string, StoredWebhook>();

  constructor(private readonly ids: IdFactory) {}

  /** Every webhook, oldest first. */
  list(): StoredWebhook[] {
    return [...this.webhooks.values()];
  }

  /** One webhook. */
  get(id: string): StoredWebhook | undefined {
    return this.webhooks.get(id);
  }

  /** How many webhooks there are. */
  get size(): number {
    return this.webhooks.size;
  }

  /** The webhook using `url`, other than `exceptId`. */
  findByUrl(url: string, exceptId?: string): StoredWebhook | undefined {
    return this.list().find((webhook) => webhook.url === url && webhook.id !== exceptId);
  }

  /** Enabled webhooks subscribed to an event type. */
  subscribers(type: string): StoredWebhook[] {
    return this.list().filter((webhook) => webhook.enabled && webhook.events.includes(type));
  }

  /** Adds a webhook built from validated fields. */
  create(fields: WebhookFields, now: number): StoredWebhook {
    const webhook: StoredWebhook = {
      id: this.ids.next(),
      name: fields.name ?? '',
      url: fields.url!,
      events: fields.events!,
      enabled: fields.enabled ?? false,
      createdAt: now,
      updatedAt: now,
      ...(fields.credentials ? { credentials: fields.credentials } : {}),
      ...(fields.headers ? { headers: fields.headers } : {}),
    };
    this.webhooks.set(webhook.id, webhook);
    return webhook;
  }

  /** The webhook as it would be after applying `fields` (not saved). */
  preview(webhook: StoredWebhook, fields: WebhookFields, now: number): StoredWebhook {
    const next: StoredWebhook = { ...webhook, updatedAt: now };
    if (fields.name !== undefined) next.name = fields.name;
    if (fields.url !== undefined) next.url = fields.url;
    if (fields.events !== undefined) next.events = fields.events;
    if (fields.enabled !== undefined) next.enabled = fields.enabled;
    if (fields.credentials !== undefined) {
      if (fields.credentials === null) delete next.credentials;
      else next.credentials = fields.credentials;
    }
    if (fields.headers !== undefined) {
      if (fields.headers === null) delete next.headers;
      else next.headers = fields.headers;
    }
    if (fields.enabled === true) delete next.disabledAtDueToRetryLimit;
    return next;
  }

  /** Saves a webhook (from {@link preview}). */
  save(webhook: StoredWebhook): void {
    this.webhooks.set(webhook.id, webhook);
  }

  /** Removes a webhook; false when there was none. */
  delete(id: string): boolean {
    return this.webhooks.delete(id);
  }

  /** Removes every webhook. */
  clear(): void {
    this.webhooks.clear();
  }
}

/** The API view of a stored webhook. */
export function viewOf(webhook: StoredWebhook): WebhookView {
  return {
    id: webhook.id,
    name: webhook.name,
    url: webhook.url,
    events: [...webhook.events],
    enabled: webhook.enabled,
    createdAt: iso(webhook.createdAt),
    updatedAt: iso(webhook.updatedAt),
    hasCredentials: webhook.credentials !== undefined,
    headerKeys: Object.keys(webhook.headers ?? {}),
    ...(webhook.disabledAtDueToRetryLimit !== undefined
      ? { disabledAtDueToRetryLimit: iso(webhook.disabledAtDueToRetryLimit) }
      : {}),
  };
}
