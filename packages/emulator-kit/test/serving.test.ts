import { setTimeout as delay } from 'node:timers/promises';
import { gunzipSync } from 'node:zlib';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { sharedKitTest, startKitTest } from './fixtures.js';

const kit = sharedKitTest();

/** Polls until `condition` holds; fails after `timeoutMs` (a bound, not a measurement). */
async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await delay(2);
  }
}

describe('faults', () => {
  it('answers with the status, Retry-After and the emulator error body', async () => {
    await kit.admin('PUT', '/faults', [{ method: 'GET', path: '^/v1/things$', status: 503, retryAfter: 2 }]);
    const res = await kit.call('GET', '/v1/things');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('2');
    expect(res.body).toEqual({ error: { status: 503, message: 'injected fault' } });
  });

  it('answers with a custom body', async () => {
    await kit.admin('PUT', '/faults', [{ path: '^/v1/things$', status: 400, body: { code: 'custom' } }]);
    expect((await kit.call('GET', '/v1/things')).body).toEqual({ code: 'custom' });
  });

  it('matches on method and path only', async () => {
    await kit.admin('PUT', '/faults', [{ method: 'POST', path: '^/v1/things$', status: 500 }]);
    expect((await kit.call('GET', '/v1/things')).status).toBe(200);
    expect((await kit.call('GET', '/v1/things/1')).status).toBe(200);
    expect((await kit.call('POST', '/v1/things', { body: { name: 'x' } })).status).toBe(500);
  });

  it('never applies a rule with probability 0', async () => {
    await kit.admin('PUT', '/faults', [{ path: '^/v1/things$', status: 500, probability: 0 }]);
    const statuses = await Promise.all(
      Array.from({ length: 40 }, () => kit.call('GET', '/v1/things').then((r) => r.status)),
    );
    expect(new Set(statuses)).toEqual(new Set([200]));
    expect((await kit.admin('GET', '/faults')).body[0].applied).toBe(0);
  });

  it('applies a rule at most `times` times', async () => {
    await kit.admin('PUT', '/faults', [{ path: '^/v1/things$', status: 502, times: 2 }]);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await kit.call('GET', '/v1/things')).status);
    expect(statuses).toEqual([502, 502, 200, 200]);
  });

  it('delays the answer by delayMs', async () => {
    await kit.admin('PUT', '/faults', [{ path: '^/v1/things$', delayMs: 400, times: 1 }]);
    // A client that waits 100 ms for the answer gives up on the delayed request only.
    const impatient = (url: string) =>
      request(url, { headers: { 'x-key': 'k1' }, signal: AbortSignal.timeout(100) });
    await expect(impatient(`${kit.emulator.url}/v1/things`)).rejects.toMatchObject({ name: 'TimeoutError' });
    const second = await impatient(`${kit.emulator.url}/v1/things`);
    expect(second.statusCode).toBe(200);
    await second.body.dump();
    // The abandoned request counts as status 0 once its delay ran out.
    await waitFor(() => kit.emulator.stats().byStatus['0'] === 1);
  });

  it('drops the connection without an answer', async () => {
    await kit.admin('PUT', '/faults', [{ path: '^/v1/things$', drop: true, times: 1 }]);
    await expect(kit.call('GET', '/v1/things')).rejects.toMatchObject({ code: 'UND_ERR_SOCKET' });
    expect(kit.emulator.stats().byRoute['GET /v1/things']).toEqual({ '0': 1 });
    expect((await kit.call('GET', '/v1/things')).status).toBe(200);
  });

  it('cuts the body short and closes the connection', async () => {
    await kit.admin('PUT', '/faults', [{ path: '^/v1/things$', truncate: true, times: 1 }]);
    const res = await request(`${kit.emulator.url}/v1/things?big=1`, { headers: { 'x-key': 'k1' } });
    expect(res.statusCode).toBe(200);
    const declared = Number(res.headers['content-length']);
    expect(declared).toBeGreaterThan(0);
    await expect(res.body.arrayBuffer()).rejects.toMatchObject({ code: 'UND_ERR_SOCKET' });
  });

  it('cuts an injected status answer short when a rule has both', async () => {
    await kit.admin('PUT', '/faults', [
      { path: '^/v1/things$', status: 500, body: { pad: 'x'.repeat(500) }, truncate: true, times: 1 },
    ]);
    const res = await request(`${kit.emulator.url}/v1/things`, { headers: { 'x-key': 'k1' } });
    expect(res.statusCode).toBe(500);
    await expect(res.body.text()).rejects.toBeDefined();
  });

  it('leaves the admin API alone', async () => {
    await kit.admin('PUT', '/faults', [{ status: 500 }]);
    expect((await kit.admin('GET', '/health')).status).toBe(200);
    expect((await kit.call('GET', '/v1/public')).status).toBe(500);
  });
});

describe('rate limiting per credential', () => {
  it('counts down X-RateLimit-Remaining and answers 429 with Retry-After when the window is spent', async () => {
    await kit.admin('PUT', '/config', { rateLimit: { requestsPerMinute: 3 } });
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await kit.call('GET', '/v1/things'));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
    expect(answers.map((a) => a.headers['x-ratelimit-remaining'])).toEqual(['2', '1', '0', '0']);
    expect(new Set(answers.map((a) => a.headers['x-ratelimit-limit']))).toEqual(new Set(['3']));
    const reset = Number(answers[0]?.headers['x-ratelimit-reset']);
    expect(reset).toBeGreaterThan(Date.now() / 1000);
    expect(reset).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 60);
    const limited = answers[3];
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited?.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(limited?.body).toEqual({ error: { status: 429, message: 'rate limit exceeded' } });
  });

  it('keeps one budget per credential and leaves public routes alone', async () => {
    await kit.admin('PUT', '/config', { requestsPerMinute: 1 });
    expect((await kit.call('GET', '/v1/things')).status).toBe(200);
    expect((await kit.call('GET', '/v1/things')).status).toBe(429);
    expect((await kit.call('GET', '/v1/things', { headers: { 'x-key': 'k2' } })).status).toBe(200);
    const open = await kit.call('GET', '/v1/public');
    expect(open.status).toBe(200);
    expect(open.headers['x-ratelimit-limit']).toBeUndefined();
  });

  it('sends no rate-limit headers when requestsPerMinute is 0', async () => {
    const res = await kit.call('GET', '/v1/things');
    expect(res.headers['x-ratelimit-limit']).toBeUndefined();
    expect(res.headers['x-ratelimit-remaining']).toBeUndefined();
  });

  it('answers 401 with the error body when the credential is missing', async () => {
    const res = await kit.call('GET', '/v1/things', { headers: { 'x-key': '' } });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { status: 401, message: 'missing or invalid credentials' } });
  });
});

describe('gzip', () => {
  const big = (acceptEncoding?: string) =>
    request(`${kit.emulator.url}/v1/things?big=1`, {
      headers: { 'x-key': 'k1', ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}) },
    });

  it('compresses a large JSON answer when the client accepts gzip', async () => {
    const res = await big('gzip, deflate');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers.vary).toBe('accept-encoding');
    const raw = Buffer.from(await res.body.arrayBuffer());
    expect(Number(res.headers['content-length'])).toBe(raw.length);
    expect(JSON.parse(gunzipSync(raw).toString('utf8')).items).toHaveLength(40);
  });

  it.each([[undefined], ['identity'], ['gzip;q=0'], ['br']])(
    'sends plain JSON for Accept-Encoding %s',
    async (header) => {
      const res = await big(header);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(((await res.body.json()) as { items: unknown[] }).items).toHaveLength(40);
    },
  );

  it('does not compress small answers, nor anything when gzip is off', async () => {
    const small = await kit.call('GET', '/v1/things', { headers: { 'accept-encoding': 'gzip' } });
    expect(small.headers['content-encoding']).toBeUndefined();
    await kit.admin('PUT', '/config', { gzip: false });
    const res = await big('gzip');
    expect(res.headers['content-encoding']).toBeUndefined();
    await res.body.dump();
  });
});

describe('routing and bodies', () => {
  it('answers an unknown path with a JSON 404 and a wrong method with 405 and Allow', async () => {
    const missing = await kit.call('GET', '/v1/nothing');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^application\/json/);
    expect(missing.body).toEqual({ error: { status: 404, message: 'no route for GET /v1/nothing' } });
    const wrong = await kit.call('DELETE', '/v1/things');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe('GET, POST');
    expect(wrong.body).toEqual({
      error: { status: 405, message: 'method DELETE not allowed on /v1/things' },
    });
  });

  it('passes params, wildcard rest, query, credential and JSON or form bodies to handlers', async () => {
    const get = await kit.call('GET', '/v1/echo/a/b%20c?x=1&y=2');
    expect(get.body).toEqual({ params: { rest: 'a/b c' }, query: { x: '1', y: '2' }, credential: 'k1' });
    const form = await kit.call('POST', '/v1/echo/f', {
      rawBody: 'a=1&b=two',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.body).toEqual({ body: { a: '1', b: 'two' }, credential: 'k1' });
    const json = await kit.call('POST', '/v1/echo/j', { body: { nested: [1, 2] } });
    expect(json.body.body).toEqual({ nested: [1, 2] });
  });

  it('answers malformed JSON with the emulator error body', async () => {
    const res = await kit.call('POST', '/v1/things', {
      rawBody: '{"name":',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.status).toBe(400);
    expect(res.body.error.message).toMatch(/^body: invalid JSON/);
  });

  it('turns an HttpError into its status and body', async () => {
    const res = await kit.call('POST', '/v1/things', { body: { name: 5 } });
    expect(res).toMatchObject({ status: 422, body: { error: { status: 422, message: 'name: required' } } });
  });

  it('aborts a long poll when its client goes away', async () => {
    const controller = new AbortController();
    const pending = request(`${kit.emulator.url}/v1/poll/away`, {
      headers: { 'x-key': 'k1' },
      signal: controller.signal,
    });
    await waitFor(() => kit.pollsStarted.includes('away'));
    controller.abort();
    await expect(pending).rejects.toBeDefined();
    await waitFor(() => kit.pollsEnded.includes('away'));
  });
});

describe('closing', () => {
  it('ends open long polls and stops listening', async () => {
    const other = await startKitTest();
    const pending = request(`${other.emulator.url}/v1/poll/closing`, { headers: { 'x-key': 'k1' } }).then(
      (res) => res.body.text(),
      (error: unknown) => error,
    );
    await waitFor(() => other.pollsStarted.includes('closing'));
    await other.close();
    await pending;
    expect(other.pollsEnded).toEqual(['closing']);
    await expect(request(`${other.emulator.url}/v1/public`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});

describe('request body cap', () => {
  it('answers 413 with the emulator error body past maxBodyBytes, and takes bodies up to it', async () => {
    const configured = await kit.admin('PUT', '/config', { maxBodyBytes: 1024 });
    expect(configured.status).toBe(200);
    const fits = await kit.call('POST', '/v1/things', { rawBody: JSON.stringify({ name: 'x'.repeat(900) }) });
    expect(fits.status).toBe(201);
    const tooBig = await kit.call('POST', '/v1/things', {
      rawBody: JSON.stringify({ name: 'x'.repeat(2000) }),
    });
    expect(tooBig.status).toBe(413);
    expect(JSON.stringify(tooBig.body)).toContain('maxBodyBytes');
    // A body streamed without Content-Length is cut off once it passes the cap.
    const chunked = await request(`${kit.emulator.url}/v1/things`, {
      method: 'POST',
      headers: { 'x-key': 'k1', 'content-type': 'application/json' },
      body: (async function* () {
        for (let i = 0; i < 8; i += 1) yield Buffer.alloc(512, 0x20);
      })(),
    }).catch((error: Error) => error);
    // Either the 413 arrives before the upload ends, or the socket closes under the rest of the upload.
    if (chunked instanceof Error) expect(chunked.message).toMatch(/socket|closed|reset|EPIPE/i);
    else expect(chunked.statusCode).toBe(413);
  });

  it('refuses a cap that is not a positive integer, naming the key and the value', async () => {
    const answer = await kit.admin('PUT', '/config', { maxBodyBytes: 'lots' });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({
      message: 'maxBodyBytes: must be a positive integer, got "lots"',
    });
  });
});

describe('request targets', () => {
  it('treats escaped, dotted and plain targets alike', async () => {
    const plain = await kit.call('GET', '/v1/things/1?a=1&b=two');
    const escaped = await kit.call('GET', '/v1/things/%31');
    const dotted = await kit.call('GET', '/v1/other/../things/1');
    expect(plain.status).toBe(200);
    expect(escaped.body).toEqual(plain.body);
    expect(dotted.body).toEqual(plain.body);
  });

  it('keeps dots inside segments and resolves escaped dot segments as URL does', async () => {
    const echo = await kit.call('GET', '/v1/echo/U1T2@10.1.2.3/a.b/%41');
    expect(echo.body.params).toEqual({ rest: 'U1T2@10.1.2.3/a.b/A' });
    const escapedDots = await kit.call('GET', '/v1/other/%2e%2E/things/1');
    expect(escapedDots.body).toEqual({ id: '1', name: 'one' });
  });
});
