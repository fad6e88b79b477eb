import { randomUUID } from 'node:crypto';
import type { Clock } from '@voxbridge/emulator-kit';

/** A logged-in API session. */
export interface ApiSession {
  id: string;
  /** The `LV-Access` token the session was opened with. */
  accessToken: string;
  /** Which user (client, name, agent flag) it belongs to. */
  userKey: string;
  userId: number;
  /** Last use on the emulator clock. */
  lastUsed: number;
}

/**
 * API sessions with LiveVox's rules: the same user logging in with the same access token gets the
 * same session id while it is valid, and a session expires after `idleMs` without use (a rolling
 * window on the emulator clock).
 */
export class SessionStore {
  private readonly byId = new Map<string, ApiSession>();
  private readonly byUserAndToken = new Map<string, string>();

  constructor(
    private readonly clock: Clock,
    private readonly idleMs: () => number,
  ) {}

  /** Returns the valid session of this user and token, or opens a new one. */
  open(accessToken: string, userKey: string, userId: number): ApiSession {
    const key = `${userKey}\u0000${accessToken}`;
    const existing = this.byUserAndToken.get(key);
    const valid = existing ? this.find(existing, true) : undefined;
    if (valid) return valid;
    const session: ApiSession = {
      id: randomUUID(),
      accessToken,
      userKey,
      userId,
      lastUsed: this.clock.now(),
    };
    this.byId.set(session.id, session);
    this.byUserAndToken.set(key, session.id);
    return session;
  }

  /** The valid session with this id (expired ones are dropped); `touch` counts this as a use. */
  find(id: string, touch: boolean): ApiSession | undefined {
    const session = this.byId.get(id);
    if (!session) return undefined;
    const now = this.clock.now();
    if (now - session.lastUsed > this.idleMs()) {
      this.drop(session);
      return undefined;
    }
    if (touch) session.lastUsed = now;
    return session;
  }

  /** Ends a session; false when it did not exist or had expired. */
  close(id: string): boolean {
    const session = this.find(id, false);
    if (!session) return false;
    this.drop(session);
    return true;
  }

  /** Ends every session of a user (after a password change). */
  closeUser(userKey: string): void {
    for (const session of [...this.byId.values()]) if (session.userKey === userKey) this.drop(session);
  }

  /** Ends every session. */
  clear(): void {
    this.byId.clear();
    this.byUserAndToken.clear();
  }

  private drop(session: ApiSession): void {
    this.byId.delete(session.id);
    const key = `${session.userKey}\u0000${session.accessToken}`;
    if (this.byUserAndToken.get(key) === session.id) this.byUserAndToken.delete(key);
  }
}
