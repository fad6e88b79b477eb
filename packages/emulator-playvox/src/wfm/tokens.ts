import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** An access key pair the emulator accepts at the token endpoint. */
export interface WfmCredentials {
  accessKeyId: string;
  secret: string;
}

/** The access key the demo and the tests use unless they pass their own. */
export const PLAYVOX_WFM_DEFAULT_CREDENTIALS: Readonly<WfmCredentials> = Object.freeze({
  accessKeyId: 'demo-wfm',
  secret: 'demo-wfm-secret',
});

interface IssuedToken {
  accessKeyId: string;
  expiresAtMs: number;
}

/** Counts for the admin API (`GET /_emulator/tokens`); token values are never listed. */
export const wfmTokenStats = z.object({
  issued: z.number().int(),
  active: z.number().int(),
  revoked: z.number().int(),
});

/** Counts for the admin API; token values are never listed. */
export type WfmTokenStats = z.output<typeof wfmTokenStats>;

/** Access keys and the bearer tokens issued for them (JWT-shaped, opaque to clients). */
export class WfmTokenStore {
  private readonly keys = new Map<string, Buffer>();
  private readonly tokens = new Map<string, IssuedToken>();
  private issued = 0;
  private revoked = 0;

  constructor(credentials: readonly WfmCredentials[]) {
    for (const { accessKeyId, secret } of credentials) this.keys.set(accessKeyId, digest(secret));
  }

  /** True when the pair is a known access key. */
  verify(accessKeyId: string, secret: string): boolean {
    const expected = this.keys.get(accessKeyId);
    return expected !== undefined && timingSafeEqual(expected, digest(secret));
  }

  /** Issues a token valid for `ttlSeconds` from `nowMs`. */
  issue(accessKeyId: string, ttlSeconds: number, nowMs: number): string {
    const expiresAtMs = nowMs + ttlSeconds * 1000;
    const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const payload = base64url(
      JSON.stringify({
        sub: accessKeyId,
        iat: Math.floor(nowMs / 1000),
        exp: Math.floor(expiresAtMs / 1000),
        jti: randomBytes(8).toString('hex'),
      }),
    );
    const token = `${header}.${payload}.${randomBytes(32).toString('base64url')}`;
    this.tokens.set(token, { accessKeyId, expiresAtMs });
    this.issued += 1;
    return token;
  }

  /** The access key of a valid token, or undefined when it is unknown, revoked or expired. */
  check(token: string, nowMs: number): string | undefined {
    const found = this.tokens.get(token);
    if (!found) return undefined;
    if (found.expiresAtMs <= nowMs) {
      this.tokens.delete(token);
      return undefined;
    }
    return found.accessKeyId;
  }

  /** Revokes every issued token (the next API call of every client gets 401). */
  revokeAll(): number {
    const count = this.tokens.size;
    this.revoked += count;
    this.tokens.clear();
    return count;
  }

  /** Forgets issued tokens and counters (access keys stay). */
  clear(): void {
    this.tokens.clear();
    this.issued = 0;
    this.revoked = 0;
  }

  /** Counts, for the admin API. */
  stats(nowMs: number): WfmTokenStats {
    let active = 0;
    for (const token of this.tokens.values()) if (token.expiresAtMs > nowMs) active += 1;
    return { issued: this.issued, active, revoked: this.revoked };
  }
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function base64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}
