import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HANDLED, type Route, Router } from '../src/router.js';

/** What `match` answered before routes were bucketed: every route's regex, in order. */
function naiveMatch(routes: Route[], method: string, path: string) {
  const allowed: string[] = [];
  for (const route of routes) {
    const found = route.regex.exec(path);
    if (!found) continue;
    if (route.method !== method.toUpperCase()) {
      if (!allowed.includes(route.method)) allowed.push(route.method);
      continue;
    }
    const params: Record<string, string> = {};
    route.keys.forEach((key, i) => {
      const value = found[i + 1] ?? '';
      try {
        params[key] = decodeURIComponent(value);
      } catch {
        params[key] = value;
      }
    });
    return { route, params };
  }
  return { methodMismatch: allowed.length > 0, allowed };
}

const PATTERNS = [
  '/',
  '/a',
  '/a/:id',
  '/a/b',
  '/:any/b',
  '/a/:id/c',
  '/a/b/c',
  '/files/*',
  '/x/:y/:z',
  '/x/y/z',
  '/v1.0/a',
  '/a//b',
];

describe('Router', () => {
  it('matches as a scan of every route in order would (first match, params, 405 methods)', () => {
    const router = new Router();
    const methods = ['GET', 'POST', 'DELETE'];
    PATTERNS.forEach((pattern, i) => {
      router.add(methods[i % 3] as string, pattern, () => HANDLED);
      router.add(methods[(i + 1) % 3] as string, pattern, () => HANDLED);
    });
    const segment = fc.constantFrom(
      'a',
      'b',
      'c',
      'x',
      'y',
      'z',
      'files',
      'v1.0',
      '',
      '%41',
      '%E0%A4%A',
      'q.r',
    );
    const path = fc
      .tuple(fc.array(segment, { minLength: 0, maxLength: 5 }), fc.boolean())
      .map(([parts, slash]) => `/${parts.join('/')}${slash ? '/' : ''}`);
    fc.assert(
      fc.property(fc.constantFrom(...methods, 'PUT'), path, (method, p) => {
        expect(router.match(method, p)).toEqual(naiveMatch(router.routes, method, p));
      }),
      { numRuns: 3000 },
    );
  });

  it('sees routes pushed onto `routes` directly after a first match', () => {
    const router = new Router().get('/a', () => HANDLED);
    expect('route' in router.match('GET', '/b')).toBe(false);
    const other = new Router().get('/b', () => HANDLED);
    router.routes.push(...other.routes);
    expect('route' in router.match('GET', '/b')).toBe(true);
  });
});
