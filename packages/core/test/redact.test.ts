import {
  backoffDelayMs,
  DEFAULT_RETRY,
  isRetryableStatus,
  isRetrySafe,
  isSecretName,
  neverReachedServer,
  REDACTED,
  redactHeaders,
  redactUrl,
  redactValue,
  scrubSecrets,
  scrubValue,
  serverRequestedDelayMs,
} from '@voxbridge/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/** Secret values: a marker that cannot occur by chance in generated names or in the URL around it. */
const secretValue = fc.stringMatching(/^[A-Za-z0-9]{6,24}$/).map((s) => `SECRETqz${s}`);

/** Names that hold secrets, in the spellings APIs use (case, `-`, `_`). */
const secretName = fc
  .constantFrom(
    'Authorization',
    'LV-Access',
    'LV-Session',
    'lv_session',
    'password',
    'newPassword',
    'api_key',
    'X-Api-Key',
    'access_token',
    'refreshToken',
    'client_secret',
    'Cookie',
    'Set-Cookie',
    'sessionId',
    'token',
    'Proxy-Authorization',
  )
  .chain((name) => fc.boolean().map((upper) => (upper ? name.toUpperCase() : name.toLowerCase())));

/** Names that are not secrets. */
const plainName = fc.constantFrom(
  'accept',
  'content-type',
  'x-request-id',
  'page',
  'user',
  'team_id',
  'name',
  'status',
  'q',
);

/** Plain values that cannot contain the secret marker. */
const plainValue = fc.stringMatching(/^[a-z0-9 ]{0,12}$/);

describe('redaction properties', () => {
  it('redactHeaders never lets a secret header value through, and keeps the others', () => {
    fc.assert(
      fc.property(
        fc.dictionary(secretName, secretValue, { minKeys: 1 }),
        fc.dictionary(plainName, plainValue),
        (secrets, plain) => {
          const out = redactHeaders({ ...plain, ...secrets });
          const printed = JSON.stringify(out);
          for (const value of Object.values(secrets)) expect(printed).not.toContain(value);
          for (const [name, value] of Object.entries(plain))
            if (!(name in secrets)) expect(out[name]).toBe(value);
        },
      ),
    );
  });

  it('redactHeaders joins repeated values and drops undefined ones', () => {
    expect(
      redactHeaders({ 'set-cookie': ['a=1', 'b=2'], vary: ['accept', 'origin'], gone: undefined }),
    ).toEqual({
      'set-cookie': REDACTED,
      vary: 'accept, origin',
    });
  });

  it('redactValue never lets a secret field through, at any depth, in objects and arrays', () => {
    const tree = fc.letrec<{ node: unknown }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        plainValue,
        fc.integer(),
        fc.array(tie('node'), { maxLength: 3 }),
        fc.dictionary(fc.oneof(plainName, secretName), tie('node'), { maxKeys: 3 }),
        fc.record({ key: secretName, value: secretValue }).map(({ key, value }) => ({ [key]: value })),
      ),
    })).node;
    fc.assert(
      fc.property(tree, (value) => {
        const printed = JSON.stringify(redactValue(value)) ?? '';
        expect(printed).not.toMatch(/SECRETqz/);
      }),
    );
  });

  it('redactValue survives cycles and keeps non-secret data', () => {
    const value: Record<string, unknown> = {
      name: 'a',
      password: 'p4ss',
      nested: { token: 't0k', list: [1, { apiKey: 'k' }] },
    };
    value.self = value;
    expect(redactValue(value)).toEqual({
      name: 'a',
      password: REDACTED,
      nested: { token: REDACTED, list: [1, { apiKey: REDACTED }] },
      self: '[…]',
    });
  });

  it('redactUrl never lets a secret query value or userinfo through', () => {
    fc.assert(
      fc.property(
        fc.dictionary(secretName, secretValue, { minKeys: 1 }),
        fc.dictionary(plainName, plainValue),
        fc.option(secretValue, { nil: undefined }),
        (secrets, plain, password) => {
          const url = new URL(`https://api.example.test/v1/items`);
          for (const [name, value] of Object.entries({ ...plain, ...secrets }))
            url.searchParams.append(name, value);
          if (password) {
            url.username = 'user';
            url.password = password;
          }
          const out = redactUrl(url.toString());
          expect(out).not.toMatch(/SECRETqz/);
          expect(out.startsWith('https://')).toBe(true);
        },
      ),
    );
  });

  it('redactUrl prints the placeholder readably and handles unparseable input', () => {
    expect(redactUrl('https://h.test/x?token=abc&page=2')).toBe('https://h.test/x?token=[REDACTED]&page=2');
    expect(redactUrl('/relative?password=hunter2&x=1')).toBe('/relative?password=[REDACTED]&x=1');
  });

  it('scrubSecrets and scrubValue remove known secret values wherever they occur', () => {
    fc.assert(
      fc.property(secretValue, plainValue, plainValue, (secret, before, after) => {
        expect(scrubSecrets(`${before}${secret}${after}${secret}`, [secret])).toBe(
          `${before}${REDACTED}${after}${REDACTED}`,
        );
        const scrubbed = JSON.stringify(
          scrubValue({ message: `bad ${secret}`, list: [secret, { [secret]: 1 }] }, [secret]),
        );
        expect(scrubbed).not.toContain(secret);
      }),
    );
    // Values too short to be secrets are left alone, so that "a" does not wipe a whole message.
    expect(scrubSecrets('a cat', ['a', undefined])).toBe('a cat');
  });

  it('recognises secret names however they are spelled', () => {
    for (const name of [
      'Authorization',
      'LV-Access',
      'lv_session',
      'X-API-KEY',
      'webhook_secret',
      'newPassword',
      'id_token',
      'X-Amz-Signature',
    ]) {
      expect(isSecretName(name)).toBe(true);
    }
    for (const name of ['x-request-id', 'page', 'content-type', 'tokens_used_count', 'sessions']) {
      expect(isSecretName(name)).toBe(false);
    }
  });
});

describe('retry policy functions', () => {
  it('retries 408, 429 and every 5xx only', () => {
    expect([408, 429, 500, 501, 502, 503, 504, 599].every(isRetryableStatus)).toBe(true);
    expect([200, 301, 400, 401, 403, 404, 409, 422].some(isRetryableStatus)).toBe(false);
  });

  it('treats GET, HEAD, PUT and DELETE as safe to repeat, POST and PATCH only when marked', () => {
    expect(['GET', 'head', 'PUT', 'DELETE'].every((m) => isRetrySafe(m, undefined))).toBe(true);
    expect(isRetrySafe('POST', undefined)).toBe(false);
    expect(isRetrySafe('PATCH', undefined)).toBe(false);
    expect(isRetrySafe('POST', true)).toBe(true);
    expect(isRetrySafe('GET', false)).toBe(false);
  });

  it('knows which network errors prove the request never left', () => {
    expect(neverReachedServer({ code: 'ECONNREFUSED' })).toBe(true);
    expect(neverReachedServer({ cause: { code: 'ENOTFOUND' } })).toBe(true);
    expect(neverReachedServer({ code: 'ECONNRESET' })).toBe(false);
    expect(neverReachedServer({ code: 'UND_ERR_SOCKET' })).toBe(false);
    expect(neverReachedServer(undefined)).toBe(false);
  });

  it('reads the server hint from retry-after-ms, Retry-After seconds or date, and x-ratelimit-reset on 429', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(serverRequestedDelayMs({ 'retry-after-ms': '250', 'retry-after': '9' }, now)).toBe(250);
    expect(serverRequestedDelayMs({ 'retry-after': '3' }, now)).toBe(3000);
    expect(serverRequestedDelayMs({ 'retry-after': '0.5' }, now)).toBe(500);
    expect(serverRequestedDelayMs({ 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' }, now)).toBe(30_000);
    expect(serverRequestedDelayMs({ 'retry-after': 'Wed, 31 Dec 2025 23:59:00 GMT' }, now)).toBe(0);
    expect(serverRequestedDelayMs({ 'retry-after': 'soon' }, now)).toBeUndefined();
    expect(serverRequestedDelayMs({ 'x-ratelimit-reset': String(now / 1000 + 12) }, now, 429)).toBe(12_000);
    expect(serverRequestedDelayMs({ 'x-ratelimit-reset': '7' }, now, 429)).toBe(7000);
    // Many APIs send x-ratelimit-reset on every answer; it says nothing about when to repeat a 503.
    expect(serverRequestedDelayMs({ 'x-ratelimit-reset': '7' }, now, 503)).toBeUndefined();
    expect(serverRequestedDelayMs({}, now)).toBeUndefined();
  });

  it('backs off exponentially with jitter between half and all of each step', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 12 }),
        fc.double({ min: 0, max: 0.999_999, noNaN: true }),
        (retry, r) => {
          const step = Math.min(DEFAULT_RETRY.maxDelayMs, DEFAULT_RETRY.baseDelayMs * 2 ** retry);
          const delay = backoffDelayMs(retry, DEFAULT_RETRY, () => r);
          expect(delay).toBeGreaterThanOrEqual(Math.floor(step / 2));
          expect(delay).toBeLessThanOrEqual(step);
        },
      ),
    );
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffDelayMs(n, DEFAULT_RETRY, () => 0))).toEqual([
      250, 500, 1000, 2000, 4000, 4000,
    ]);
  });
});
