import type { Router } from '@voxbridge/emulator-kit';
import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  listWebhooks,
  updateWebhook,
  type WebhookFields,
} from '@voxbridge/gladly/wire';
import { serveGladly } from './contract.js';
import { gladlyError, notFound } from './errors.js';
import { API_PREFIX, type ApiDeps } from './routes.js';
import { type DeliveryTarget, insecureUrl, type StoredWebhook, viewOf } from './webhooks.js';

/** Webhook CRUD with Gladly's rules: PING on enable or URL change, no deleting an enabled webhook. */
export function addWebhookRoutes(router: Router, deps: ApiDeps): void {
  const { store, dispatcher, clock } = deps;

  const find = (id: string): StoredWebhook => {
    const webhook = store.get(id);
    if (!webhook) throw notFound('webhook');
    return webhook;
  };

  const requirePing = async (target: DeliveryTarget) => {
    const problem = await dispatcher.ping(target);
    if (problem) throw gladlyError(400, { attr: 'url', code: 'invalid', detail: problem });
  };

  /** The body the contract accepted, with the emulator's https rule applied and events made unique. */
  const fieldsOf = (body: unknown): WebhookFields => {
    const fields = { ...(body as WebhookFields) };
    const insecure = fields.url && insecureUrl(fields.url, deps.config().webhooks.requireHttps);
    if (insecure) throw gladlyError(400, insecure);
    if (fields.events) fields.events = [...new Set(fields.events)];
    return fields;
  };

  serveGladly(router, createWebhook, async (ctx) => {
    const config = deps.config().webhooks;
    const fields = fieldsOf(ctx.body);
    const url = fields.url!;
    if (store.size >= config.maxWebhooks)
      throw gladlyError(400, {
        code: 'invalid',
        detail: `an organization can have at most ${config.maxWebhooks} webhooks`,
      });
    if (store.findByUrl(url))
      throw gladlyError(400, {
        attr: 'url',
        code: 'taken',
        detail: 'url is already used by another webhook',
      });
    if (fields.enabled)
      await requirePing({
        url,
        credentials: fields.credentials ?? undefined,
        headers: fields.headers ?? undefined,
      });
    const webhook = store.create({ ...fields, url, events: fields.events! }, clock.now());
    return { status: 201, headers: { location: `${API_PREFIX}/webhooks/${webhook.id}` } };
  });
  serveGladly(router, listWebhooks, () => ({ status: 200, body: store.list().map(viewOf) }));
  serveGladly(router, getWebhook, (ctx) => ({ status: 200, body: viewOf(find(ctx.params.webhookId!)) }));
  serveGladly(router, updateWebhook, async (ctx) => {
    const current = find(ctx.params.webhookId!);
    const fields = fieldsOf(ctx.body);
    if (fields.url !== undefined && store.findByUrl(fields.url, current.id))
      throw gladlyError(400, {
        attr: 'url',
        code: 'taken',
        detail: 'url is already used by another webhook',
      });
    const next = store.preview(current, fields, clock.now());
    if (next.enabled && (!current.enabled || next.url !== current.url)) await requirePing(next);
    // The webhook may have been deleted while the PING was in flight.
    if (!store.get(current.id)) throw notFound('webhook');
    if (!next.enabled) dispatcher.cancelRetries(current.id);
    store.save(next);
    return { status: 204 };
  });
  serveGladly(router, deleteWebhook, (ctx) => {
    const webhook = find(ctx.params.webhookId!);
    if (webhook.enabled)
      throw gladlyError(400, {
        attr: 'enabled',
        code: 'invalid_state',
        detail: 'webhook must be disabled before it can be deleted',
      });
    dispatcher.cancelRetries(webhook.id);
    store.delete(webhook.id);
    return { status: 204 };
  });
}
