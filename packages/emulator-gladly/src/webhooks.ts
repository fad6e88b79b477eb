import type { GladlyErrorDetail, Webhook, WebhookCredentials, WebhookFields } from '@voxbridge/gladly/wire';
import { iso } from './model.js';
import type { IdFactory } from './organization.js';

/** One entry of Gladly's error body, as the emulator writes it (always with a detail). */
export type FieldError = GladlyErrorDetail & { detail: string };

export type { WebhookCredentials, WebhookFields } from '@voxbridge/gladly/wire';

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
export type WebhookView = Webhook;

const LOOPBACK_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * The emulator's `requireHttps` rule on a URL the contract accepted (an absolute http(s) URL): plain
 * http is allowed to loopback receivers only. Returns Gladly's error entry, or undefined.
 */
export function insecureUrl(url: string, requireHttps: boolean): FieldError | undefined {
  const parsed = new URL(url);
  if (parsed.protocol === 'http:' && requireHttps && !LOOPBACK_HOST.test(parsed.hostname))
    return { attr: 'url', code: 'invalid', detail: 'url must use https' };
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
  create(fields: WebhookFields & Pick<StoredWebhook, 'url' | 'events'>, now: number): StoredWebhook {
    const webhook: StoredWebhook = {
      id: this.ids.next(),
      name: fields.name ?? '',
      url: fields.url,
      events: fields.events,
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
