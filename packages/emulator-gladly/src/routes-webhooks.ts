import type { Router } from '@voxbridge/emulator-kit';
import { gladlyError, notFound } from './errors.js';
import { API_PREFIX, type ApiDeps } from './routes.js';
import { type DeliveryTarget, parseWebhookFields, type StoredWebhook, viewOf } from './webhooks.js';

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

  router
    .post(`${API_PREFIX}/webhooks`, async (ctx) => {
      const config = deps.config().webhooks;
      const fields = parseWebhookFields(ctx.body, false, config.requireHttps);
      if (Array.isArray(fields)) throw gladlyError(400, fields);
      if (store.size >= config.maxWebhooks)
        throw gladlyError(400, {
          code: 'invalid',
          detail: `an organization can have at most ${config.maxWebhooks} webhooks`,
        });
      if (store.findByUrl(fields.url!))
        throw gladlyError(400, {
          attr: 'url',
          code: 'taken',
          detail: 'url is already used by another webhook',
        });
      if (fields.enabled)
        await requirePing({
          url: fields.url!,
          credentials: fields.credentials ?? undefined,
          headers: fields.headers ?? undefined,
        });
      const webhook = store.create(fields, clock.now());
      return { status: 201, headers: { location: `${API_PREFIX}/webhooks/${webhook.id}` } };
    })
    .get(`${API_PREFIX}/webhooks`, () => ({ status: 200, body: store.list().map(viewOf) }))
    .get(`${API_PREFIX}/webhooks/:webhookId`, (ctx) => ({
      status: 200,
      body: viewOf(find(ctx.params.webhookId!)),
    }))
    .patch(`${API_PREFIX}/webhooks/:webhookId`, async (ctx) => {
      const current = find(ctx.params.webhookId!);
      const fields = parseWebhookFields(ctx.body, true, deps.config().webhooks.requireHttps);
      if (Array.isArray(fields)) throw gladlyError(400, fields);
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
    })
    .delete(`${API_PREFIX}/webhooks/:webhookId`, (ctx) => {
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
