import { formEncode, HttpClient, type QueryValue, queryString, redactUrl } from '@voxbridge/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/** What the client used to build with `new URL` + `searchParams.append`: the reference the lean path must equal. */
function reference(base: string, path: string, query: Record<string, QueryValue>): string {
  const url = new URL(path.replace(/^\/+/, path.startsWith('/') ? '/' : ''), base);
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(name, String(item));
  }
  return url.pathname + url.search;
}

/** The path and query the client really sends, read off the `request` event. */
async function sentPath(http: HttpClient, path: string, query: Record<string, QueryValue>): Promise<string> {
  let seen = '';
  http.once('request', (event) => {
    seen = event.path;
    throw new Error('stop before sending');
  });
  await http.request({ method: 'GET', path, query }).catch(() => undefined);
  return seen;
}

const segment = fc.stringMatching(/^[A-Za-z0-9\-._~!$&'()*+,;=@%: ?#\u00e9/]{0,12}$/);
const queryValue = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(undefined),
  fc.constant(null),
  fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.integer()), { maxLength: 3 }),
);

describe('request URLs', () => {
  it('encodes query text exactly as URLSearchParams does', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        expect(formEncode(text)).toBe(new URLSearchParams([['k', text]]).toString().slice(2));
      }),
      { numRuns: 500 },
    );
    expect(queryString({ a: [1, 'x y'], b: undefined, c: null, 'd!': "it's" })).toBe('a=1&a=x+y&d%21=it%27s');
  });

  it('builds the same path and query as new URL for any path, relative or absolute', async () => {
    const http = new HttpClient({ baseUrl: 'http://127.0.0.1:9/api/v1', secrets: () => [] });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          segment,
          segment.map((s) => `/${s}`),
          segment.map((s) => `../${s}`),
          segment.map((s) => `//${s}`),
        ),
        fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), queryValue, { maxKeys: 3 }),
        async (path, query) => {
          const expected = reference('http://127.0.0.1:9/api/v1/', path, query);
          // Paths that leave the origin are refused before any event; the reference shows which.
          const url = new URL(
            path.replace(/^\/+/, path.startsWith('/') ? '/' : ''),
            'http://127.0.0.1:9/api/v1/',
          );
          if (url.origin !== 'http://127.0.0.1:9') return;
          // The event shows the path as logs do: a query parameter with a secret's name (`key`) redacted.
          const shown = expected.includes('?')
            ? redactUrl(`${url.origin}${expected}`).slice(url.origin.length)
            : expected;
          expect(await sentPath(http, path, query)).toBe(shown);
        },
      ),
      { numRuns: 400 },
    );
  });
});
