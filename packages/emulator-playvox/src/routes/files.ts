/**
 * The files endpoint (docs/playvox-wire.md, "Files"): `POST /api/v1/files` takes one `multipart/form-data`
 * part named `file` of at most `files.maxBytes` (10 MB), refuses a file carrying the EICAR test string as
 * infected, and answers the URL the file is served at (`GET /files/{fileId}/{name}`, no credentials).
 */
import type { RouteContext, Router } from '@voxbridge/emulator-kit';
import { qa } from '@voxbridge/playvox/wire';
import { nowIso } from '../content-store.js';
import { fieldError, notFound } from '../errors.js';
import { ok, type RouteDeps, serve } from './common.js';

/**
 * The infected-file marker: the EICAR anti-virus test string, which every scanner reports as a virus
 * and which is harmless. A file containing it anywhere is dropped.
 */
export const EICAR_SIGNATURE = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

/** The route pattern of the hosted files, served without credentials. */
export const FILE_DOWNLOAD_ROUTE = 'GET /files/:fileId/:name';

/** One part of a multipart body. */
interface Part {
  name: string;
  filename?: string;
  contentType: string;
  data: Buffer;
}

/** Registers the upload and the download of hosted files. */
export function registerFileRoutes(router: Router, deps: RouteDeps): void {
  const eicar = Buffer.from(EICAR_SIGNATURE, 'latin1');

  serve(router, qa.uploadFile, (ctx) => {
    const part = fileParts(ctx).find((p) => p.name === 'file' && p.filename !== undefined);
    if (!part) throw fieldError(422, 'file', 'is required: a multipart part named file with a filename');
    const max = deps.config().files.maxBytes;
    if (part.data.length > max)
      throw fieldError(413, 'file', `must be at most ${max} bytes (10 MB), got ${part.data.length}`);
    if (part.data.includes(eicar))
      throw fieldError(
        422,
        'file',
        `the attached file '${part.filename}' was not sent: a virus was found in it, and it was dropped`,
      );
    const _id = deps.store.newId();
    const host = String(ctx.headers.host ?? '127.0.0.1');
    const file = {
      _id,
      name: part.filename!,
      content_type: part.contentType,
      size: part.data.length,
      // A copy: the part is a view of the whole request body, which would otherwise stay alive.
      bytes: Buffer.from(part.data),
      created_at: nowIso(),
    };
    deps.store.files.add(file);
    const url = `http://${host}/files/${_id}/${encodeURIComponent(file.name)}`;
    const { bytes: _bytes, ...described } = file;
    return ok({ success: true, result: { ...described, url, updated_at: file.created_at } });
  });

  serve(router, qa.downloadFile, (ctx) => {
    const id = ctx.params.fileId ?? '';
    const file = deps.store.files.get(id);
    if (!file || file.name !== ctx.params.name) throw notFound('file_id', id);
    return { status: 200, body: file.bytes, headers: { 'content-type': file.content_type } };
  });
}

/** The parts of a `multipart/form-data` body, or a 400 naming what is wrong. */
function fileParts(ctx: RouteContext): Part[] {
  const type = String(ctx.headers['content-type'] ?? '');
  const boundary = /^multipart\/form-data\s*;.*\bboundary=(?:"([^"]+)"|([^\s;]+))/i.exec(type);
  if (!boundary) throw fieldError(400, 'body', 'must be multipart/form-data with a boundary');
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const raw = ctx.rawBody;
  const parts: Part[] = [];
  let at = raw.indexOf(delimiter);
  while (at !== -1) {
    const start = at + delimiter.length;
    if (raw.subarray(start, start + 2).toString() === '--') return parts;
    const next = raw.indexOf(delimiter, start);
    if (next === -1) break;
    // A part is CRLF, headers, a blank line, the data, then CRLF before the next delimiter.
    const headerEnd = raw.indexOf('\r\n\r\n', start);
    if (headerEnd === -1 || headerEnd > next)
      throw fieldError(400, 'body', 'a multipart part has no headers');
    const headers = raw.subarray(start + 2, headerEnd).toString('utf8');
    const disposition = /content-disposition:\s*form-data([^\r\n]*)/i.exec(headers)?.[1] ?? '';
    parts.push({
      name: /\bname="([^"]*)"/i.exec(disposition)?.[1] ?? '',
      filename: /\bfilename="([^"]*)"/i.exec(disposition)?.[1]?.replace(/%22/g, '"'),
      contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim() ?? 'application/octet-stream',
      data: raw.subarray(headerEnd + 4, next - 2),
    });
    at = next;
  }
  throw fieldError(400, 'body', 'the multipart body has no closing boundary');
}
