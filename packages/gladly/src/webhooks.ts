import { ValidationError, VoxbridgeError } from '@voxbridge/core';
import { z } from 'zod';
import { GladlyApiError, WebhookEnabledError } from './errors.js';
import { type CallOptions, GladlyCollection } from './resources.js';
import { type GladlyTransport, idSegment } from './transport.js';
import {
  gladlyErrorsOf,
  type WEBHOOK_EVENT_TYPES,
  type Webhook,
  WebhookCreateSchema,
  WebhookUpdateSchema,
} from './wire/index.js';

export { WEBHOOK_EVENT_TYPES } from './wire/index.js';

/** An event type a webhook may subscribe to (unknown newer types are accepted as strings). */
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number] | (string & {});

export type { Webhook, WebhookCredentials } from './wire/index.js';

/**
 * Fields of a new webhook. An enabled one must answer Gladly's PING with 200, or the create fails.
 * `events` is open here: the client lets newer event types through to Gladly, which judges them.
 */
export type WebhookCreate = Omit<z.input<typeof WebhookCreateSchema>, 'events'> & {
  events: WebhookEventType[];
};

/** Fields to change. Enabling, or changing the URL of an enabled webhook, sends a PING. */
export type WebhookUpdate = Omit<z.input<typeof WebhookUpdateSchema>, 'events'> & {
  events?: WebhookEventType[];
};

/** Options of {@link WebhooksResource.delete}. */
export interface WebhookDeleteOptions extends CallOptions {
  /** Disable the webhook first, so that an enabled one can be deleted. Default false. */
  disableFirst?: boolean;
}

// The client checks a webhook with the contract's rules before sending it, except that an event type
// only needs Gladly's TYPE/ACTION form: a type newer than the contract's list goes to Gladly to judge.
const clientEvents = z
  .array(z.string().regex(/^[A-Z_]+\/[A-Z_]+$/, 'must be an event type such as CONVERSATION/CLOSED'), {
    error: 'must list at least one event type',
  })
  .min(1, 'must list at least one event type');
const CLIENT_CREATE = WebhookCreateSchema.extend({ events: clientEvents });
const CLIENT_UPDATE = WebhookUpdateSchema.extend({ events: clientEvents.optional() });

function validateFields(fields: WebhookUpdate, creating: boolean): void {
  const [problem] = gladlyErrorsOf(creating ? CLIENT_CREATE : CLIENT_UPDATE, fields) ?? [];
  if (problem) throw new ValidationError(problem.attr ?? 'webhook', problem.detail);
}

/** Webhook CRUD (`/webhooks`, `/webhooks/{id}`); `list` gives every webhook of the organisation (at most 20). */
export class WebhooksResource extends GladlyCollection<Webhook> {
  constructor(transport: GladlyTransport) {
    super(transport, 'webhooks', 'webhookId');
  }

  /** Creates a webhook and returns it as saved (Gladly answers 201 with a Location; the webhook is then read). */
  async create(input: WebhookCreate, options: CallOptions = {}): Promise<Webhook> {
    validateFields(input, true);
    const response = await this.transport.send<Partial<Webhook> | undefined>({
      method: 'POST',
      path: 'webhooks',
      body: input,
      signal: options.signal,
    });
    const id =
      response.body?.id ?? response.headers.location?.split('?')[0]?.split('/').filter(Boolean).pop();
    if (!id)
      throw new VoxbridgeError('Gladly created the webhook but sent neither a Location header nor an id');
    return this.get(decodeURIComponent(id), options);
  }

  /** Changes a webhook (Gladly answers 204; read it with `get` to see the result). */
  async update(webhookId: string, fields: WebhookUpdate, options: CallOptions = {}): Promise<void> {
    validateFields(fields, false);
    await this.transport.send({
      method: 'PATCH',
      path: `webhooks/${idSegment(webhookId, 'webhookId')}`,
      body: fields,
      responseType: 'none',
      signal: options.signal,
    });
  }

  /**
   * Deletes a webhook. Gladly refuses to delete an enabled webhook: this throws a
   * {@link WebhookEnabledError} for one, unless `disableFirst` is set.
   */
  async delete(webhookId: string, options: WebhookDeleteOptions = {}): Promise<void> {
    const path = `webhooks/${idSegment(webhookId, 'webhookId')}`;
    if (options.disableFirst) await this.update(webhookId, { enabled: false }, options);
    try {
      await this.transport.send({ method: 'DELETE', path, responseType: 'none', signal: options.signal });
    } catch (error) {
      // The only 400 Gladly documents for DELETE is "webhook must be disabled to be deleted".
      if (error instanceof GladlyApiError && error.status === 400)
        throw new WebhookEnabledError(error.cause, webhookId);
      throw error;
    }
  }
}
