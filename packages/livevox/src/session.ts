import type { AuthStrategy, HttpClient, HttpResponse, RequestOptions } from '@voxbridge/core';
import { LiveVoxProtocolError } from './errors.js';
import type { SessionInfo } from './types/stats.js';

/** What the client logs in with. */
export interface LiveVoxCredentials {
  /** The application token (`LV-Access`) issued by LiveVox Customer Care. */
  accessToken: string;
  /** The Client Code from the Client Editor (not the display name). */
  clientName: string;
  userName: string;
  password: string;
  /** Log in as an agent rather than a user. Default false. */
  agent?: boolean;
}

/** Session ids kept after they were replaced, so that late echoes of them are still scrubbed. */
const RETIRED_IDS_KEPT = 8;

/**
 * The LiveVox API session (`lv.session`): logs in lazily on the first call, sends `LV-Access` and
 * `LV-Session` on every call, keeps a single login in flight, and logs in again once when a call
 * answers 401 (sessions expire after 2 idle hours). The session id is never exposed, logged or put in
 * an error message.
 */
export class LiveVoxSession {
  readonly #credentials: LiveVoxCredentials;
  readonly #http: () => HttpClient;
  /**
   * The session id each request carried, keyed by the object the HTTP client hands the auth strategy
   * for that request (the same one reaches `onUnauthorized`), so a 401 can tell a stale id from the
   * current one. A `WeakMap` rather than an `AsyncLocalStorage`: the latter's promise hook would run on
   * every promise in the process (28 % of an idle worker's samples).
   */
  readonly #carried = new WeakMap<object, string>();
  #sessionId: string | undefined;
  #pending: Promise<string> | undefined;
  #retired: string[] = [];
  #lastInfo: SessionInfo | undefined;
  #loginCount = 0;

  /** @param http the client to log in with (a function, because that client needs this session's auth). */
  constructor(credentials: LiveVoxCredentials, http: () => HttpClient) {
    this.#credentials = credentials;
    this.#http = http;
  }

  /** True while the client holds a session id (it may still have expired on the server). */
  get active(): boolean {
    return this.#sessionId !== undefined;
  }

  /** What the last login answered (client id, user id, days until the password expires). */
  get info(): SessionInfo | undefined {
    return this.#lastInfo;
  }

  /** Logins made so far (the first one included): a figure for metrics and tests. */
  get logins(): number {
    return this.#loginCount;
  }

  /** Logs in now unless a session is already held, and returns the login answer. */
  async login(): Promise<SessionInfo> {
    await this.#ensure();
    return this.#lastInfo as SessionInfo;
  }

  /**
   * Asks LiveVox whether the held session is still valid (`GET /session/validate/{sessionId}`). False,
   * without a request, when no session is held; an invalid session is dropped so that the next call logs
   * in again straight away.
   */
  async validate(): Promise<boolean> {
    const id = this.#sessionId;
    if (id === undefined) return false;
    const res = await this.#aboutSession('GET', 'validate', id);
    const valid = res.status >= 200 && res.status < 300;
    if (!valid) this.#forget(id);
    return valid;
  }

  /**
   * Ends the session (`DELETE /session/logout/{sessionId}`); an already expired session counts as logged
   * out. The next call logs in again.
   */
  async logout(): Promise<void> {
    if (this.#pending) await this.#pending.catch(() => undefined);
    const id = this.#sessionId;
    if (id === undefined) return;
    this.#forget(id);
    await this.#aboutSession('DELETE', 'logout', id);
  }

  /**
   * A request about session `id` itself (`/session/<action>/<id>`): it goes with the access token, not
   * the session, and a 401 or 404 answer only means the session is gone already.
   */
  #aboutSession(method: 'GET' | 'DELETE', action: 'validate' | 'logout', id: string): Promise<HttpResponse> {
    return this.#http().request({
      method,
      path: `/session/${action}/${encodeURIComponent(id)}`,
      headers: { 'LV-Access': this.#credentials.accessToken },
      skipAuth: true,
      okStatuses: [401, 404],
      responseType: 'none',
    });
  }

  /** The auth strategy the client's {@link HttpClient} uses. */
  strategy(): AuthStrategy {
    return {
      headers: async (request) => {
        const id = await this.#ensure();
        this.#carried.set(request, id);
        return { 'LV-Access': this.#credentials.accessToken, 'LV-Session': id };
      },
      onUnauthorized: async (request) => {
        const used = this.#carried.get(request);
        if (this.#pending) {
          await this.#pending;
          return true;
        }
        // Another request already replaced the session this one carried: just repeat with the new one.
        if (used !== undefined && this.#sessionId !== undefined && used !== this.#sessionId) return true;
        if (this.#sessionId !== undefined) this.#forget(this.#sessionId);
        await this.#ensure();
        return true;
      },
    };
  }

  /**
   * Sends a request through the client. Kept for callers of earlier versions: the strategy now learns
   * which session id a request carried from the client itself, so this is `http.request(request)`.
   */
  send<T>(http: HttpClient, request: RequestOptions): Promise<HttpResponse<T>> {
    return http.request<T>(request);
  }

  /** Every secret value the client knows, for scrubbing paths and messages. */
  secrets(): string[] {
    const ids = this.#sessionId === undefined ? this.#retired : [this.#sessionId, ...this.#retired];
    const out = [this.#credentials.password, this.#credentials.accessToken];
    for (const id of ids) {
      out.push(id);
      const encoded = encodeURIComponent(id);
      if (encoded !== id) out.push(encoded);
    }
    return out;
  }

  #ensure(): Promise<string> {
    if (this.#sessionId !== undefined) return Promise.resolve(this.#sessionId);
    this.#pending ??= this.#performLogin().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async #performLogin(): Promise<string> {
    const { accessToken, clientName, userName, password, agent } = this.#credentials;
    this.#loginCount += 1;
    const body = await this.#http().json<Partial<SessionInfo & { sessionId: unknown }>>({
      method: 'POST',
      path: '/session/login',
      headers: { 'LV-Access': accessToken },
      body: { clientName, userName, password, agent: agent ?? false },
      skipAuth: true,
      // Logging in twice with one token returns the same session, so a repeat is harmless.
      retrySafe: true,
    });
    if (typeof body?.sessionId !== 'string' || body.sessionId === '') {
      throw new LiveVoxProtocolError('POST /session/login answered without a sessionId');
    }
    const { sessionId, ...info } = body;
    this.#sessionId = sessionId;
    this.#lastInfo = info as SessionInfo;
    return sessionId;
  }

  #forget(id: string): void {
    if (this.#sessionId === id) this.#sessionId = undefined;
    this.#retired = [id, ...this.#retired.filter((old) => old !== id)].slice(0, RETIRED_IDS_KEPT);
  }
}
