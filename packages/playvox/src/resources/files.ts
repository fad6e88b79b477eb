/**
 * The files endpoint: one file up to 10 MB sent as `multipart/form-data`, answered with the URL Playvox
 * hosts it at (docs/playvox-wire.md, "Files").
 */
import { randomBytes } from 'node:crypto';
import { ValidationError } from '@voxbridge/core';
import type { CallOptions } from '../transport.js';
import { requireText } from '../validation.js';
import { uploadedFile } from '../wire/qa/records.js';
import { MAX_FILE_BYTES } from '../wire/qa/rules.js';
import { PlayvoxResource } from './resource.js';

/** Where an upload's bytes come from: a Buffer, a Node `Readable`, a web `ReadableStream`, or any async iterable of bytes. */
export type FileSource = Uint8Array | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>;

/** What `files.upload` sends besides the bytes. */
export interface FileUpload {
  /** The file name the evaluator sees (`call-123.wav`). */
  name: string;
  /** Media type (`audio/wav`). */
  contentType: string;
  /** Exact size in bytes, at most {@link MAX_FILE_BYTES}; a source that gives more or fewer bytes is refused. */
  size: number;
}

/** Options of `files.upload`. */
export interface UploadOptions extends CallOptions {
  /**
   * Lets core's policy repeat the upload after a lost answer (timeout, 5xx, reset). Off by default: an
   * upload is a create and Playvox does not deduplicate, so a repeat may store the file twice. Turn it on
   * when an unreferenced copy is harmless, as it is until a comment carries the URL (the bridge's case):
   * the repeat leaves at most an orphan file, never a second attachment.
   */
  retrySafe?: boolean;
}

/** A stored file: its hosted URL and what a comment attachment needs (it fits `attachments` as is). */
export interface HostedFile {
  /** The file's Playvox `_id`. */
  id: string;
  /** Where Playvox serves the bytes. */
  url: string;
  name: string;
  contentType: string;
  size: number;
}

/** Files hosted by Playvox, for comment attachments. */
export class Files extends PlayvoxResource {
  /**
   * Uploads one file (`POST files`, `multipart/form-data`, part `file`) and returns its hosted URL.
   * The multipart body is one buffer sized from `size` and filled as the source streams in, so at most
   * one file's bytes are held (core's client sends whole bodies, not streams). Sent once unless
   * `retrySafe` (see {@link UploadOptions}).
   */
  async upload(source: FileSource, file: FileUpload, options: UploadOptions = {}): Promise<HostedFile> {
    const name = requireText(file?.name, 'name');
    const contentType = requireText(file.contentType, 'contentType');
    if (/[\r\n]/.test(contentType)) throw new ValidationError('contentType', 'must be one line');
    const size = file.size;
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 0)
      throw new ValidationError('size', 'must be an integer number of bytes');
    if (size > MAX_FILE_BYTES)
      throw new ValidationError('size', `must be at most ${MAX_FILE_BYTES} bytes (10 MB), got ${size}`);
    const boundary = `----voxbridge${randomBytes(12).toString('hex')}`;
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${quoteFileName(name)}"\r\n` +
        `Content-Type: ${contentType}\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const body = Buffer.allocUnsafe(head.length + size + tail.length);
    head.copy(body, 0);
    const filled = await fillFrom(source, body, head.length, size, options.signal);
    if (filled !== size)
      throw new ValidationError('size', `the source gave ${filled} bytes, not the ${size} announced`);
    tail.copy(body, head.length + size);
    const answer = await this.transport.send('POST', 'files', {
      body,
      contentType: `multipart/form-data; boundary=${boundary}`,
      retrySafe: options.retrySafe === true,
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    });
    const parsed = uploadedFile.safeParse(answer.body.result);
    if (!parsed.success) throw this.transport.contractError(answer, 'the upload answer has no file result');
    const stored = parsed.data;
    return {
      id: stored._id,
      url: stored.url,
      name: stored.name,
      contentType: stored.content_type,
      size: stored.size,
    };
  }
}

/** A file name inside a quoted header parameter: quotes and line breaks percent-encoded (as browsers do). */
function quoteFileName(name: string): string {
  return name.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Copies the source into `target` from `offset`; returns the byte count, failing as soon as it passes `size`. */
async function fillFrom(
  source: FileSource,
  target: Buffer,
  offset: number,
  size: number,
  signal: AbortSignal | undefined,
): Promise<number> {
  if (source instanceof Uint8Array) {
    if (source.length !== size)
      throw new ValidationError('size', `the source gave ${source.length} bytes, not the ${size} announced`);
    target.set(source, offset);
    return size;
  }
  const iterable =
    typeof (source as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function'
      ? (source as AsyncIterable<Uint8Array | string>)
      : webIterable(source as ReadableStream<Uint8Array>);
  let count = 0;
  for await (const chunk of iterable) {
    signal?.throwIfAborted();
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (count + bytes.length > size)
      throw new ValidationError('size', `the source gave more than the ${size} bytes announced`);
    target.set(bytes, offset + count);
    count += bytes.length;
  }
  return count;
}

/** A web stream read chunk by chunk (for runtimes whose `ReadableStream` is not async-iterable). */
async function* webIterable(stream: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}
