import { type ClientRequest, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { type Clock, ClockScheduler, type ScheduledTask } from '@voxbridge/emulator-kit';
import type { GladlyEmulatorConfig } from './config.js';
import { type GladlyEvent, iso } from './model.js';
import type { IdFactory } from './organization.js';
import type { TruthRecorder } from './truth.js';
import type { DeliveryTarget, WebhookStore } from './webhooks.js';

/** The outcome of one POST to a receiver. */
export interface PostOutcome {
  /** The status the receiver answered with, when it answered. */
  status?: number;
  /** Why no answer came (timeout, connection refused, …). */
  error?: string;
}

/**
 * Delivers events to webhooks as Gladly documents it: a JSON POST with the webhook's Basic credentials
 * and custom headers; a non-2xx answer or no answer within the timeout is a failure; failures are
 * retried after 30 s, 5 min, 30 min and 1 h of emulator-clock time; after the last retry fails the
 * webhook is disabled (`disabledAtDueToRetryLimit`).
 */
export class WebhookDispatcher {
  private readonly retryScheduler: ClockScheduler;
  private readonly retries = new Map<string, Set<ScheduledTask>>();
  private readonly requests = new Set<ClientRequest>();
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];
  private posting = 0;
  private readonly slotWaiters: Array<() => void> = [];

  constructor(
    private readonly store: WebhookStore,
    private readonly clock: Clock,
    private readonly truth: TruthRecorder,
    private readonly config: () => GladlyEmulatorConfig['webhooks'],
    private readonly ids: IdFactory,
    /** A poison body to POST beside this dispatch's event, when the poison switch plants one. */
    private readonly poison: () => string | undefined = () => undefined,
  ) {
    this.retryScheduler = new ClockScheduler(clock);
  }

  /**
   * Sends a PING to a webhook about to be saved enabled; resolves to undefined when it answered 200,
   * else to the reason the save must fail.
   */
  async ping(webhook: DeliveryTarget): Promise<string | undefined> {
    const payload = { id: this.ids.next(), type: 'PING', timestamp: iso(this.clock.now()) };
    const outcome = await this.track(() => this.post(webhook, payload));
    if (outcome.status === 200) return undefined;
    const answer = outcome.status !== undefined ? `answered ${outcome.status}` : `failed (${outcome.error})`;
    return `PING to ${webhook.url} ${answer}; the url must answer a PING with 200`;
  }

  /** Delivers an event to every enabled webhook subscribed to its type. */
  dispatch(event: GladlyEvent): void {
    const subscribers = this.store.subscribers(event.type);
    for (const webhook of subscribers) void this.attempt(webhook.id, event, 1);
    const raw = subscribers.length > 0 ? this.poison() : undefined;
    // A planted poison body is sent once beside the real event (never retried, not in the truth).
    if (raw !== undefined)
      for (const webhook of subscribers) void this.track(() => this.post(webhook, undefined, raw));
  }

  /** Forgets pending retries of a webhook (it was disabled, deleted or cleared). */
  cancelRetries(webhookId: string): void {
    for (const task of this.retries.get(webhookId) ?? []) task.cancel();
    this.retries.delete(webhookId);
  }

  /** Retries waiting on the clock, over all webhooks. */
  get pendingRetries(): number {
    let count = 0;
    for (const tasks of this.retries.values()) count += tasks.size;
    return count;
  }

  /** Resolves when no delivery or PING is in flight (scheduled retries do not count until they start). */
  idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Re-arms the retry timer (after the clock's speed changed). */
  rearm(): void {
    this.retryScheduler.rearm();
  }

  /** Drops every pending retry. */
  clear(): void {
    this.retryScheduler.clear();
    this.retries.clear();
  }

  /** Drops retries and aborts requests in flight. */
  close(): void {
    this.retryScheduler.close();
    this.retries.clear();
    for (const request of this.requests) request.destroy(new Error('emulator closed'));
  }

  /** One delivery attempt; tracked as a whole, so that `idle()` also covers recording its outcome. */
  private attempt(webhookId: string, event: GladlyEvent, attempt: number): Promise<void> {
    return this.track(() => this.deliver(webhookId, event, attempt));
  }

  private async deliver(webhookId: string, event: GladlyEvent, attempt: number): Promise<void> {
    await this.takeSlot();
    let outcome: PostOutcome;
    let at: number;
    try {
      // Read after waiting for a slot: the webhook may have been disabled, deleted or changed meanwhile.
      const webhook = this.store.get(webhookId);
      if (!webhook?.enabled) return;
      at = this.clock.now();
      outcome = await this.post(webhook, event);
    } finally {
      this.releaseSlot();
    }
    const ok = outcome.status !== undefined && outcome.status >= 200 && outcome.status < 300;
    this.truth.recordDelivery({
      webhookId,
      eventId: event.id,
      eventType: event.type,
      attempt,
      at: iso(at),
      ok,
      ...(outcome.status !== undefined ? { status: outcome.status } : {}),
      ...(ok ? {} : { error: outcome.error ?? `answered ${outcome.status}` }),
    });
    if (ok) return;
    const current = this.store.get(webhookId);
    if (!current?.enabled) return;
    const delays = this.config().retryDelaysMs;
    const delay = delays[attempt - 1];
    if (delay === undefined) {
      current.enabled = false;
      current.disabledAtDueToRetryLimit = this.clock.now();
      current.updatedAt = current.disabledAtDueToRetryLimit;
      this.cancelRetries(webhookId);
      this.truth.recordDisabled(webhookId);
      return;
    }
    const tasks = this.retries.get(webhookId) ?? new Set<ScheduledTask>();
    this.retries.set(webhookId, tasks);
    const task = this.retryScheduler.at(this.clock.now() + delay, () => {
      tasks.delete(task);
      void this.attempt(webhookId, event, attempt + 1);
    });
    tasks.add(task);
  }

  /** Waits until fewer than `maxConcurrentDeliveries` deliveries are being posted. */
  private async takeSlot(): Promise<void> {
    while (this.posting >= this.config().maxConcurrentDeliveries) {
      await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
    }
    this.posting += 1;
  }

  private releaseSlot(): void {
    this.posting -= 1;
    this.slotWaiters.shift()?.();
  }

  private async track<T>(work: () => Promise<T>): Promise<T> {
    this.inFlight += 1;
    try {
      return await work();
    } finally {
      this.inFlight -= 1;
      if (this.inFlight === 0) {
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        for (const resolve of waiters) resolve();
      }
    }
  }

  private post(webhook: DeliveryTarget, payload: unknown, raw?: string): Promise<PostOutcome> {
    const body = Buffer.from(raw ?? JSON.stringify(payload));
    const headers: Record<string, string> = {
      ...webhook.headers,
      'content-type': 'application/json',
      'content-length': String(body.length),
      'user-agent': 'Gladly-Webhooks (voxbridge emulator)',
    };
    if (webhook.credentials) {
      headers.authorization = `Basic ${Buffer.from(`${webhook.credentials.username}:${webhook.credentials.password}`).toString('base64')}`;
    }
    const url = new URL(webhook.url);
    const timeoutMs = this.config().timeoutMs;
    return new Promise<PostOutcome>((resolve) => {
      let settled = false;
      const finish = (outcome: PostOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.requests.delete(req);
        resolve(outcome);
      };
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(url, { method: 'POST', headers, agent: false }, (res) => {
        res.resume();
        finish({ status: res.statusCode ?? 0 });
      });
      const timer = setTimeout(() => {
        finish({ error: `no answer within ${timeoutMs} ms` });
        req.destroy();
      }, timeoutMs);
      req.on('error', (error: NodeJS.ErrnoException) => finish({ error: error.code ?? error.message }));
      this.requests.add(req);
      req.end(body);
    });
  }
}
