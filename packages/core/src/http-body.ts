import { pipeline, type Readable, Transform } from 'node:stream';
import {
  brotliDecompressSync,
  createBrotliDecompress,
  createGunzip,
  createInflate,
  gunzipSync,
  inflateSync,
} from 'node:zlib';

/** How an answer's body is read: parsed JSON, text, raw bytes, a stream, or nothing. */
export type ResponseType = 'json' | 'text' | 'buffer' | 'stream' | 'none';

/**
 * Serialises a request body and sets its `content-type`: strings and Buffers go as they are (with
 * `contentType`, default `application/octet-stream`), anything else as JSON.
 */
export function encodeBody(
  body: unknown,
  contentType: string | undefined,
  headers: Record<string, string>,
): string | Buffer | undefined {
  if (body === undefined) return undefined;
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    headers['content-type'] = contentType ?? 'application/octet-stream';
    return body;
  }
  headers['content-type'] = contentType ?? 'application/json';
  return JSON.stringify(body);
}

/**
 * Response headers as one string per lower-case name (repeated headers joined with `, `). undici
 * already gives lower-case names; when every value is a single string the object is returned as it is.
 */
export function flattenHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  let plain = true;
  for (const name in headers) {
    if (typeof headers[name] !== 'string' || name !== name.toLowerCase()) {
      plain = false;
      break;
    }
  }
  if (plain) return headers as Record<string, string>;
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** Undoes a `content-encoding` (gzip, deflate, br) on a complete body; throws on a corrupt or cut body. */
export function decodeBuffer(raw: Buffer, encoding: string | undefined): Buffer {
  if (!encoding || raw.length === 0) return raw;
  if (encoding.includes('gzip')) return gunzipSync(raw);
  if (encoding.includes('deflate')) return inflateSync(raw);
  if (encoding.includes('br')) return brotliDecompressSync(raw);
  return raw;
}

/** Parses a body as the caller asked: text stays text, JSON is parsed (and falls back to text). */
export function parseBody(
  raw: Buffer,
  contentType: string | undefined,
  responseType: ResponseType | undefined,
): unknown {
  return parseText(raw.toString('utf8'), contentType, responseType);
}

/**
 * {@link parseBody} for a body already decoded to text. JSON is parsed straight away: whitespace is
 * trimmed only when parsing fails (an empty or blank body becomes `undefined`, anything else the text).
 */
export function parseText(
  text: string,
  contentType: string | undefined,
  responseType: ResponseType | undefined,
): unknown {
  if (responseType === 'text') return text;
  if (text.length === 0) return undefined;
  if (contentType && !contentType.includes('json') && responseType !== 'json') {
    return text.trim() === '' ? undefined : text;
  }
  try {
    return JSON.parse(text);
  } catch {
    return text.trim() === '' ? undefined : text;
  }
}

/** Options of {@link streamBody}. */
export interface StreamBodyOptions {
  /** The answer's `content-encoding`. */
  encoding: string | undefined;
  /** Fail when no data arrives for this long while the reader waits for it. */
  idleTimeoutMs: number | undefined;
  /** Builds the error an idle stream fails with. */
  idleError: () => Error;
  /** Called once when the returned stream closes (ended, destroyed or failed). */
  onClose: () => void;
}

/**
 * The body of a streamed answer as the caller reads it: decompressed when needed, and failing with
 * `idleError()` when the server goes quiet for `idleTimeoutMs`. Time the reader itself spends not
 * reading (data waiting in the buffer) does not count as idle.
 */
export function streamBody(body: Readable, options: StreamBodyOptions): Readable {
  const stages: Array<NodeJS.ReadableStream | NodeJS.WritableStream | NodeJS.ReadWriteStream> = [body];
  const decoder = decoderFor(options.encoding);
  if (decoder) stages.push(decoder);
  let out: Readable = decoder ?? body;
  if (options.idleTimeoutMs !== undefined && options.idleTimeoutMs > 0) {
    const idleMs = options.idleTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const guard = new Transform({
      transform(chunk, _encoding, callback) {
        arm();
        callback(null, chunk);
      },
    });
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        // Data already waiting for the reader means the reader is slow, not the server.
        if (guard.readableLength > 0) return arm();
        guard.destroy(options.idleError());
      }, idleMs);
    };
    arm();
    guard.once('close', () => clearTimeout(timer));
    stages.push(guard);
    out = guard;
  }
  if (stages.length > 1) {
    // pipeline destroys every stage when one fails, so the socket is released whichever end gives up.
    pipeline(stages, () => {});
  }
  out.once('close', options.onClose);
  return out;
}

function decoderFor(encoding: string | undefined): Transform | undefined {
  if (!encoding) return undefined;
  if (encoding.includes('gzip')) return createGunzip();
  if (encoding.includes('deflate')) return createInflate();
  if (encoding.includes('br')) return createBrotliDecompress();
  return undefined;
}
