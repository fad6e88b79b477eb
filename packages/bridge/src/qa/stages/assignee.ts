import type { Playvox } from '@voxbridge/playvox';
import type { BridgeConfig } from '../../config/schema.js';

/** The Playvox user an agent resolved to. */
export interface ResolvedUser {
  /** What `assignee_id` carries: the user's email or username, as `lookup.by` says. */
  login: string;
  /** `First Last`, when Playvox has them. */
  name?: string;
}

type LookupConfig = BridgeConfig['mapping']['assignee']['lookup'];

/**
 * The matching rule of `mapping.assignee.mode: lookup`. LiveVox names an agent only by its login id (no
 * email), so the key is `lookup.directory[login]` when the directory lists the login, else the login
 * itself. Keys are compared without case. With `by: email` a key holding an `@` is compared to whole
 * emails and a key without one to the emails' local parts; with `by: username`, to usernames.
 */
export function lookupKey(lookup: LookupConfig, login: string): { key: string; whole: boolean } {
  const key = (lookup.directory[login] ?? login).toLowerCase();
  return { key, whole: lookup.by === 'username' || key.includes('@') };
}

/**
 * Playvox's users, read through `users.list` and cached: read again every `refreshMs`, and after a miss
 * at most once every `missRefreshMs` (so a burst of calls from an agent without a user costs one read).
 */
export class PlayvoxUserDirectory {
  private byLogin = new Map<string, ResolvedUser>();
  private byLocalPart = new Map<string, ResolvedUser>();
  private readAt = Number.NEGATIVE_INFINITY;
  private reading: Promise<void> | undefined;
  /** How many times the users were read (for tests and the status figures). */
  reads = 0;

  constructor(
    private readonly playvox: Pick<Playvox, 'users'>,
    private readonly lookup: LookupConfig,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The Playvox user of a LiveVox agent login, or undefined when Playvox has none (after a fresh read). */
  async resolve(login: string): Promise<ResolvedUser | undefined> {
    const now = this.clock();
    if (now - this.readAt >= this.lookup.refreshMs) await this.read();
    const found = this.find(login);
    if (found || this.clock() - this.readAt < this.lookup.missRefreshMs) return found;
    await this.read();
    return this.find(login);
  }

  private find(login: string): ResolvedUser | undefined {
    const { key, whole } = lookupKey(this.lookup, login);
    return whole ? this.byLogin.get(key) : this.byLocalPart.get(key);
  }

  /** One read at a time; callers that arrive meanwhile share it. */
  private read(): Promise<void> {
    this.reading ??= (async () => {
      try {
        const byLogin = new Map<string, ResolvedUser>();
        const byLocalPart = new Map<string, ResolvedUser>();
        for await (const user of this.playvox.users.list()) {
          const login = String(user[this.lookup.by] ?? '');
          if (login === '') continue;
          const name = [user.name, user.last_name].filter(Boolean).join(' ') || undefined;
          const resolved: ResolvedUser = { login, ...(name ? { name } : {}) };
          byLogin.set(login.toLowerCase(), resolved);
          if (this.lookup.by === 'email') byLocalPart.set(login.toLowerCase().split('@')[0]!, resolved);
        }
        this.byLogin = byLogin;
        this.byLocalPart = byLocalPart;
        this.readAt = this.clock();
        this.reads += 1;
      } finally {
        this.reading = undefined;
      }
    })();
    return this.reading;
  }
}
