import type { QueryValue } from './http-types.js';

/** Where one request goes: an origin and a path with its query, as undici's dispatcher takes them. */
export interface RequestTarget {
  /** `http://host:port`. */
  origin: string;
  /** Path and query (`/api/v1/teams?page=2`). */
  path: string;
  /** `host:port`, for events and errors. */
  host: string;
}

/**
 * Characters a path may hold for the string join to equal what `new URL(path, base)` would build: no
 * `?`, `#`, `:`, `\`, spaces or other bytes URL parsing would escape or interpret.
 */
const PLAIN_PATH = /^[A-Za-z0-9\-._~!$&'()*+,;=@%/]*$/;

/** Text URLSearchParams leaves as it is. */
const FORM_SAFE = /^[A-Za-z0-9*\-._]*$/;

/** Bytes URLSearchParams escapes that encodeURIComponent leaves as they are. */
const FORM_EXTRA = /[!'()~]/g;

/**
 * Encodes a query name or value exactly as URLSearchParams serialises it
 * (application/x-www-form-urlencoded: space as `+`, only `*-._` and alphanumerics left bare).
 */
export function formEncode(text: string): string {
  if (FORM_SAFE.test(text)) return text;
  return encodeURIComponent(text)
    .replace(/%20/g, '+')
    .replace(FORM_EXTRA, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Appends the query the way `url.searchParams.append` would, skipping `undefined` and `null`. */
export function queryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  let out = '';
  for (const name in query) {
    const value = query[name];
    if (value === undefined || value === null) continue;
    const key = formEncode(name);
    if (Array.isArray(value)) {
      for (const item of value) out += `${out ? '&' : ''}${key}=${formEncode(String(item))}`;
    } else {
      out += `${out ? '&' : ''}${key}=${formEncode(String(value))}`;
    }
  }
  return out;
}

/**
 * Builds request targets against one base URL. A plain path (the common case) is joined as a string;
 * anything URL parsing could interpret (dot segments, `?`, `:`, a full URL, characters to escape) goes
 * through `new URL`, so both ways give the same result.
 */
export class TargetBuilder {
  private readonly origin: string;
  private readonly host: string;
  /** Origin plus the base path up to its last `/`. */
  private readonly prefix: string;

  constructor(private readonly base: URL) {
    this.origin = base.origin;
    this.host = base.host;
    this.prefix = base.origin + base.pathname.slice(0, base.pathname.lastIndexOf('/') + 1);
  }

  /** The target of `path` plus `query`, and whether it left the base URL's origin. */
  build(
    rawPath: string,
    query: Record<string, QueryValue> | undefined,
  ): RequestTarget & { crossOrigin: boolean } {
    if (PLAIN_PATH.test(rawPath) && !rawPath.startsWith('//') && !isDotted(rawPath)) {
      const search = queryString(query);
      const full = rawPath.startsWith('/') ? this.origin + rawPath : this.prefix + rawPath;
      const path = full.slice(this.origin.length) || '/';
      return {
        origin: this.origin,
        host: this.host,
        path: search ? `${path}?${search}` : path,
        crossOrigin: false,
      };
    }
    const url = this.url(rawPath, query);
    return {
      origin: url.origin,
      host: url.host,
      path: url.pathname + url.search,
      crossOrigin: url.origin !== this.origin,
    };
  }

  /** The absolute URL of `path` plus `query`, parsed by WHATWG URL rules. */
  url(path: string, query: Record<string, QueryValue> | undefined): URL {
    // Collapse leading slashes so that `//host/x` can never turn into a protocol-relative URL.
    const url = new URL(path.replace(/^\/+/, path.startsWith('/') ? '/' : ''), this.base);
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value === undefined || value === null) continue;
      for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(name, String(item));
    }
    return url;
  }
}

/** True when a segment is `.` or `..` (URL parsing would resolve it). */
function isDotted(path: string): boolean {
  return (
    path === '.' || path === '..' || path.startsWith('./') || path.startsWith('../') || path.includes('/.')
  );
}
