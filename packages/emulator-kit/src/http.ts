import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { HttpError, type RouteContext } from './router.js';

/** Bodies at least this large are gzipped for clients that accept it; smaller ones are not worth it. */
export const GZIP_MIN_BYTES = 1024;

/**
 * True when an `Accept-Encoding` header accepts gzip: `gzip` (or `*`) listed with a non-zero quality, and
 * gzip not refused explicitly (`gzip;q=0`).
 */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  let wildcard = false;
  for (const part of text.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const quality = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const accepted = quality === undefined || Number(quality.slice(2)) > 0;
    if (name.trim() === 'gzip' || name.trim() === 'x-gzip') return accepted;
    if (name.trim() === '*') wildcard = accepted;
  }
  return wildcard;
}

/**
 * The gzip level of answers: 1, the fastest. A feed page of 1,000 events compresses about 8x instead of
 * 10x at the default level 6, for a third of the CPU; the client's gunzip costs the same either way.
 */
export const GZIP_LEVEL = 1;
const GZIP_OPTIONS = { level: GZIP_LEVEL };

/**
 * Writes a JSON (or text) answer, gzipped when the client accepts it and the body is worth it. With
 * `truncate`, sends the headers and half the body, then closes the connection (a cut answer).
 */
export function send(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  gzip = true,
  truncate = false,
): void {
  // A text payload stays a string when it is sent as it is: Node then writes the head and the body in
  // one string write instead of a two-buffer writev.
  let payload: Buffer | string | undefined;
  let length = 0;
  if (body !== undefined && status !== 204 && status !== 304) {
    if (Buffer.isBuffer(body)) {
      payload = body;
      length = body.length;
      headers['content-type'] ??= 'application/octet-stream';
    } else {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      payload = text;
      length = Buffer.byteLength(text);
      headers['content-type'] ??=
        typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8';
    }
  }
  if (
    payload !== undefined &&
    gzip &&
    length >= GZIP_MIN_BYTES &&
    acceptsGzip(req.headers['accept-encoding'])
  ) {
    payload = gzipSync(payload, GZIP_OPTIONS);
    length = payload.length;
    headers['content-encoding'] = 'gzip';
    headers.vary = 'accept-encoding';
  }
  if (truncate && typeof payload === 'string') payload = Buffer.from(payload);
  headers['content-length'] = String(length);
  res.writeHead(status, headers);
  if (truncate) {
    // Close only once the partial body has left, so that the client sees headers and a cut body.
    const socket = res.socket;
    const cut = payload === undefined ? '' : (payload as Buffer).subarray(0, Math.floor(length / 2));
    res.write(cut, () => socket?.destroy());
    return;
  }
  if (req.method === 'HEAD' || payload === undefined) res.end();
  else res.end(payload);
}

/** The default cap on a request body (`maxBodyBytes`): 5 MiB, far above any JSON request the APIs take. */
export const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;

/**
 * Reads the whole request body, or resolves `undefined` as soon as it passes `maxBytes` (a declared
 * `Content-Length` over the cap is refused before reading anything): the caller answers 413.
 */
export function readBody(
  req: IncomingMessage,
  maxBytes = DEFAULT_MAX_BODY_BYTES,
): Promise<Buffer | undefined> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.off('data', onData);
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Parses a request body: form bodies become an object, JSON is parsed, other text stays text. A body
 * that claims (or defaults) to be JSON but does not parse throws an {@link HttpError} 400 whose body is
 * the message (the server wraps it in the emulator's own error body).
 */
export function parseRequestBody(ctx: RouteContext): unknown {
  if (ctx.rawBody.length === 0) return undefined;
  const type = String(ctx.headers['content-type'] ?? '');
  const text = ctx.rawBody.toString('utf8');
  if (type.includes('application/x-www-form-urlencoded'))
    return Object.fromEntries(new URLSearchParams(text));
  const declaredJson = type.includes('json') || type === '';
  try {
    return JSON.parse(text);
  } catch (error) {
    if (!declaredJson) return text;
    throw new HttpError(400, `body: invalid JSON (${(error as Error).message})`);
  }
}
