import { ApiError, type AuthStrategy, type HttpClient } from '@voxbridge/core';

/** Refresh this long before the announced expiry, as tap-playvox does, to absorb clock drift and latency. */
export const WFM_TOKEN_REFRESH_MARGIN_MS = 10_000;

/** An access key pair of Playvox WFM (Settings → API). */
export interface WfmCredentials {
  accessKeyId: string;
  /** Never logged; scrubbed from error messages. */
  secret: string;
}

interface HeldToken {
  value: string;
  /** Epoch ms (client clock); undefined when the server gave no lifetime (then only a 401 renews it). */
  expiresAt: number | undefined;
}

/**
 * Bearer-token auth of Playvox WFM: `POST authority/token` with HTTP Basic `accessKeyId:secret` and
 * `grant_type=client_credentials`; the answer's `data.accessToken` is sent as `Authorization: Bearer`.
 * The token is renewed {@link WFM_TOKEN_REFRESH_MARGIN_MS} before it expires and once on a 401; at
 * most one token request is in flight, and every request waiting for a token shares it.
 */
export class WfmTokenAuth implements AuthStrategy {
  private token: HeldToken | undefined;
  private inflight: Promise<string> | undefined;
  private fetched = 0;
  /**
   * The token each request last sent, keyed by the object the HTTP client hands `headers` and
   * `onUnauthorized` for that request. A `WeakMap` rather than an `AsyncLocalStorage`, whose promise
   * hook would run on every promise in the process.
   */
  private readonly sent = new WeakMap<object, string>();
  private readonly tokenHttp: HttpClient;
  private readonly credentials: WfmCredentials;
  private readonly now: () => number;

  /** `tokenHttp` is a client of the tenant's `/api/` base without auth of its own. */
  constructor(tokenHttp: HttpClient, credentials: WfmCredentials, now: () => number = Date.now) {
    this.tokenHttp = tokenHttp;
    this.credentials = credentials;
    this.now = now;
  }

  /**
   * The bearer header; fetches a token first when none is held or it is about to expire. Remembers
   * what `request` carried, so that its 401 can tell whether it was sent with the token in hand (then
   * renew it) or with one already replaced (then just repeat the call).
   */
  async headers(request: object = {}): Promise<Record<string, string>> {
    const held = this.token;
    const value = held && !this.expiring(held) ? held.value : await this.refresh();
    this.sent.set(request, value);
    return { authorization: `Bearer ${value}` };
  }

  /** A 401: renew the token unless another request already did since this one was sent. */
  async onUnauthorized(request: object): Promise<boolean> {
    if (this.inflight) {
      await this.inflight;
      return true;
    }
    const sent = this.sent.get(request);
    if (sent !== undefined && this.token !== undefined && this.token.value !== sent) return true;
    this.token = undefined;
    await this.refresh();
    return true;
  }

  /** Drops the held token; the next call fetches a new one. */
  invalidate(): void {
    this.token = undefined;
  }

  /** When the held token expires (epoch ms), or undefined when none is held or no lifetime was given. */
  get expiresAt(): number | undefined {
    return this.token?.expiresAt;
  }

  /** How many tokens this client has fetched. */
  get tokensFetched(): number {
    return this.fetched;
  }

  /** Values to scrub from messages: the secret and the current token. */
  secrets(): string[] {
    return [this.credentials.secret, ...(this.token ? [this.token.value] : [])];
  }

  private expiring(held: HeldToken): boolean {
    return held.expiresAt !== undefined && this.now() >= held.expiresAt - WFM_TOKEN_REFRESH_MARGIN_MS;
  }

  /** One token request at a time; everyone who asks meanwhile gets its answer. */
  private refresh(): Promise<string> {
    if (this.inflight) return this.inflight;
    const pending = this.fetchToken();
    this.inflight = pending;
    const clear = () => {
      if (this.inflight === pending) this.inflight = undefined;
    };
    pending.then(clear, clear);
    return pending;
  }

  private async fetchToken(): Promise<string> {
    const askedAt = this.now();
    const basic = Buffer.from(`${this.credentials.accessKeyId}:${this.credentials.secret}`).toString(
      'base64',
    );
    const res = await this.tokenHttp.request<unknown>({
      method: 'POST',
      path: 'authority/token',
      body: 'grant_type=client_credentials',
      contentType: 'application/x-www-form-urlencoded',
      headers: { authorization: `Basic ${basic}` },
      skipAuth: true,
      // Asking for a token twice does no harm, so a 5xx or a cut connection may be retried.
      retrySafe: true,
    });
    const body = res.body as { data?: Record<string, unknown> } & Record<string, unknown>;
    const data = (typeof body?.data === 'object' && body.data !== null ? body.data : body) as
      | Record<string, unknown>
      | undefined;
    const value = data?.accessToken;
    if (typeof value !== 'string' || value === '') {
      throw new ApiError(
        res.status,
        body,
        res.headers,
        undefined,
        'the WFM token answer has no data.accessToken',
      );
    }
    // Clients disagree on the field's name (tap-playvox: expiresIn, Fivetran: expireIn); accept both.
    const lifetime = Number(data?.expiresIn ?? data?.expireIn);
    this.token = {
      value,
      expiresAt: Number.isFinite(lifetime) && lifetime > 0 ? askedAt + lifetime * 1000 : undefined,
    };
    this.fetched += 1;
    return value;
  }
}
