import { getEventListeners } from 'node:events';
import type { Readable } from 'node:stream';
import {
  AbortError,
  ApiError,
  type HttpClientOptions,
  RateLimiter,
  type RequestOptions,
  type ResponseType,
  TimeoutError,
} from '@voxbridge/core';
import { describe, expect, it } from 'vitest';
import { apiClient, countRequests, sharedTestServer, waitFor } from './fixtures.js';

const server = sharedTestServer();

/** A client with tiny backoff delays. */
function client(options: Partial<HttpClientOptions> = {}) {
  return apiClient(server, { retry: { baseDelayMs: 1, maxDelayMs: 2 }, ...options });
}

async function readAll(stream: Readable): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += String(chunk);
  return text;
}

/** A request to the test server's `stream` route (`chunks` lines, `stall` to go silent after them). */
function streamRequest(
  query: { chunks: number; stall?: number },
  responseType: ResponseType,
  options: Partial<RequestOptions> = {},
): RequestOptions {
  return { method: 'GET', path: 'stream', query, responseType, ...options };
}

const abortListeners = (signal: AbortSignal) => getEventListeners(signal, 'abort').length;

describe('caller abort', () => {
  it('fails in flight with AbortError and is not retried', async () => {
    await server.faults([{ path: '^/api/items$', delayMs: 5_000 }]);
    const http = client();
    const controller = new AbortController();
    let attempts = 0;
    http.on('request', () => {
      attempts += 1;
      setTimeout(() => controller.abort(), 20);
    });
    const error = await http
      .request({ method: 'GET', path: 'items', signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(attempts).toBe(1);
    expect(abortListeners(controller.signal)).toBe(0);
  });

  it('fails at once when the signal is already aborted, without sending', async () => {
    const http = client();
    const attempts = countRequests(http);
    const error = await http
      .request({ method: 'GET', path: 'items', signal: AbortSignal.abort('stop') })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).cause).toBe('stop');
    expect(attempts()).toBe(0);
  });

  it('fails while waiting to retry', async () => {
    await server.faults([{ path: '^/api/items$', status: 503 }]);
    const http = client({ retry: { baseDelayMs: 30_000, maxDelayMs: 30_000 } });
    const controller = new AbortController();
    http.on('retry', () => controller.abort());
    await expect(
      http.request({ method: 'GET', path: 'items', signal: controller.signal }),
    ).rejects.toBeInstanceOf(AbortError);
    expect(abortListeners(controller.signal)).toBe(0);
  });

  it('fails while queued in the rate limiter, leaving the queue empty', async () => {
    await server.faults([{ path: '^/api/items$', delayMs: 300, times: 1 }]);
    const limiter = new RateLimiter({ maxConcurrent: 1 });
    const http = client({ rateLimiter: limiter });
    const first = http.request({ method: 'GET', path: 'items' });
    const controller = new AbortController();
    const second = http.request({ method: 'GET', path: 'items', signal: controller.signal });
    await waitFor(() => limiter.stats().queued === 1);
    controller.abort();
    await expect(second).rejects.toBeInstanceOf(AbortError);
    expect(limiter.stats().queued).toBe(0);
    await expect(first).resolves.toMatchObject({ status: 200 });
    expect(abortListeners(controller.signal)).toBe(0);
  });

  it('leaves no listener on a shared signal across 10,000 requests', async () => {
    const http = client({ rateLimiter: new RateLimiter({ maxConcurrent: 16 }) });
    const controller = new AbortController();
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      let next = 0;
      let maxSeen = 0;
      const worker = async () => {
        while (next < 10_000) {
          next += 1;
          await http.request({ method: 'GET', path: 'me', signal: controller.signal, responseType: 'none' });
          maxSeen = Math.max(maxSeen, abortListeners(controller.signal));
        }
      };
      await Promise.all(Array.from({ length: 16 }, worker));
      expect(next).toBe(10_000);
      expect(abortListeners(controller.signal)).toBe(0);
      // However many requests are in flight or queued, the signal carries one listener at most.
      expect(maxSeen).toBeLessThanOrEqual(1);
      expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
});

describe('streams and gzip', () => {
  it('decodes a gzipped JSON answer', async () => {
    const res = await client().request<{ items: unknown[] }>({ method: 'GET', path: 'big' });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.body.items).toHaveLength(25);
  });

  it('decodes a gzipped answer read as a stream', async () => {
    const res = await client().request<Readable>({ method: 'GET', path: 'big', responseType: 'stream' });
    expect(res.headers['content-encoding']).toBe('gzip');
    const parsed = JSON.parse(await readAll(res.body)) as { items: unknown[] };
    expect(parsed.items).toHaveLength(25);
  });

  it('streams chunks as they come', async () => {
    const res = await client().request<Readable>(streamRequest({ chunks: 3 }, 'stream'));
    expect(await readAll(res.body)).toBe('chunk-0\nchunk-1\nchunk-2\n');
  });

  it('reads text and buffers as asked', async () => {
    const text = await client().request<string>(streamRequest({ chunks: 2 }, 'text'));
    expect(text.body).toBe('chunk-0\nchunk-1\n');
    const buffer = await client().request<Buffer>({ method: 'GET', path: 'big', responseType: 'buffer' });
    expect(JSON.parse(buffer.body.toString('utf8'))).toHaveProperty('items');
  });

  it('throws the typed error, not a stream, for a failed stream request', async () => {
    await expect(
      client({ retry: { maxRetries: 0 } }).request({
        method: 'GET',
        path: 'status/404',
        responseType: 'stream',
      }),
    ).rejects.toBeInstanceOf(ApiError);
  });

  it('fails a silent stream with TimeoutError after idleTimeoutMs', async () => {
    const res = await client().request<Readable>(
      streamRequest({ chunks: 1, stall: 1 }, 'stream', { idleTimeoutMs: 150 }),
    );
    const error = await readAll(res.body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).message).toBe('GET /api/stream?chunks=1&stall=1: no data for 150 ms');
  });

  it('bounds only the time to headers with timeoutMs, and lets the caller abort the stream later', async () => {
    const controller = new AbortController();
    const res = await client({ timeoutMs: 100 }).request<Readable>(
      streamRequest({ chunks: 1, stall: 1 }, 'stream', { signal: controller.signal }),
    );
    expect(abortListeners(controller.signal)).toBe(1);
    const chunks: string[] = [];
    const reading = (async () => {
      for await (const chunk of res.body) chunks.push(String(chunk));
    })();
    // Well past timeoutMs: the stream is still open, so only the caller's abort can end it.
    await new Promise((resolve) => setTimeout(resolve, 300));
    controller.abort();
    const error = await reading.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(chunks).toEqual(['chunk-0\n']);
    expect(abortListeners(controller.signal)).toBe(0);
  });

  it('unlinks the caller signal when a stream is read to the end', async () => {
    const controller = new AbortController();
    const res = await client().request<Readable>(
      streamRequest({ chunks: 2 }, 'stream', { signal: controller.signal }),
    );
    await readAll(res.body);
    await new Promise((resolve) => setImmediate(resolve));
    expect(abortListeners(controller.signal)).toBe(0);
  });
});
