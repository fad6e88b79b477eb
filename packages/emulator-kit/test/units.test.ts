import {
  acceptsGzip,
  Clock,
  cloneJson,
  deepMerge,
  FaultSet,
  hashString,
  parseFaultRules,
  Router,
  SeededRandom,
  WindowRateLimiter,
} from '@voxbridge/emulator-kit';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';

describe('Clock', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Freezes Date at a known instant so that real time moves only when the test says so. */
  function frozen(at = Date.parse('2026-03-01T12:00:00Z')) {
    vi.useFakeTimers({ toFake: ['Date'], now: at });
    return { tick: (ms: number) => vi.setSystemTime(Date.now() + ms) };
  }

  it('runs at speed times real time from its start', () => {
    const real = frozen();
    const clock = new Clock({ start: 0, speed: 60 });
    expect(clock.now()).toBe(0);
    real.tick(1000);
    expect(clock.now()).toBe(60_000);
    expect(clock.date().toISOString()).toBe('1970-01-01T00:01:00.000Z');
    expect(clock.speed).toBe(60);
  });

  it('starts at the real time by default and runs at speed 1', () => {
    const real = frozen();
    const clock = new Clock();
    expect(clock.now()).toBe(Date.now());
    real.tick(250);
    expect(clock.now()).toBe(Date.now());
  });

  it('changes speed without a jump', () => {
    const real = frozen();
    const clock = new Clock({ start: 0, speed: 10 });
    real.tick(100);
    clock.setSpeed(2);
    expect(clock.now()).toBe(1000);
    real.tick(100);
    expect(clock.now()).toBe(1200);
  });

  it('advances by hand and tells the onJump listeners, until they unsubscribe', () => {
    frozen();
    const clock = new Clock({ start: 1_000 });
    const jumps: number[] = [];
    const unsubscribe = clock.onJump((now) => jumps.push(now));
    expect(clock.advance(86_400_000)).toBe(86_401_000);
    clock.set(5_000);
    expect(clock.now()).toBe(5_000);
    unsubscribe();
    clock.advance(1);
    expect(jumps).toEqual([86_401_000, 5_000]);
  });

  it('converts a simulated deadline into real milliseconds', () => {
    frozen();
    const clock = new Clock({ start: 0, speed: 60 });
    expect(clock.realMsUntil(60_000)).toBe(1000);
    expect(clock.realMsUntil(-5)).toBe(0);
  });

  it('refuses speeds and jumps that would stop or reverse time', () => {
    expect(() => new Clock({ speed: 0 })).toThrow(RangeError);
    const clock = new Clock();
    expect(() => clock.setSpeed(-1)).toThrow(/speed/);
    expect(() => clock.setSpeed(Number.POSITIVE_INFINITY)).toThrow(/speed/);
    expect(() => clock.advance(-1)).toThrow(/advanceMs/);
    expect(() => clock.advance(Number.NaN)).toThrow(/advanceMs/);
    expect(() => clock.set(Number.NaN)).toThrow(/epochMs/);
  });
});

describe('SeededRandom', () => {
  const draw = (seed: number | string, n = 20) => {
    const random = new SeededRandom(seed);
    return Array.from({ length: n }, () => random.next());
  };

  it('gives the same sequence for the same seed, numeric or string', () => {
    expect(draw(42)).toEqual(draw(42));
    expect(draw('playvox')).toEqual(draw('playvox'));
    expect(draw('playvox')).toEqual(draw(hashString('playvox')));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('pins the sequence (mulberry32) so that simulated data stays reproducible across versions', () => {
    const random = new SeededRandom(1);
    expect([random.next(), random.next(), random.next()].map((x) => x.toFixed(6))).toEqual([
      '0.627074',
      '0.002736',
      '0.527447',
    ]);
    expect(new SeededRandom(7).hex(12)).toBe('02ff152c0fdc');
    expect(new SeededRandom('playvox').int(1, 100)).toBe(41);
  });

  it('stays within its ranges', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: -50, max: 50 }),
        fc.integer({ min: 0, max: 50 }),
        (seed, min, span) => {
          const random = new SeededRandom(seed);
          const x = random.next();
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThan(1);
          const n = random.int(min, min + span);
          expect(Number.isInteger(n) && n >= min && n <= min + span).toBe(true);
          expect(['a', 'b', 'c']).toContain(random.pick(['a', 'b', 'c']));
          expect(random.exponential(10)).toBeGreaterThanOrEqual(0);
          expect(random.hex(9)).toMatch(/^[0-9a-f]{9}$/);
          expect(typeof random.chance(0.5)).toBe('boolean');
          expect(random.chance(0)).toBe(false);
        },
      ),
    );
  });
});

describe('WindowRateLimiter', () => {
  it('allows requestsPerMinute per credential per window, then refuses until the window ends', () => {
    const limiter = new WindowRateLimiter();
    const config = { requestsPerMinute: 2 };
    const start = 1_000_000;
    expect(limiter.check('a', config, start)).toEqual({
      allowed: true,
      limit: 2,
      remaining: 1,
      resetEpochSeconds: 1060,
      retryAfterSeconds: 60,
    });
    expect(limiter.check('a', config, start + 10)).toMatchObject({ allowed: true, remaining: 0 });
    expect(limiter.check('a', config, start + 30_500)).toMatchObject({
      allowed: false,
      remaining: 0,
      retryAfterSeconds: 30,
    });
    expect(limiter.check('b', config, start + 30_500)).toMatchObject({ allowed: true, remaining: 1 });
    expect(limiter.check('a', config, start + 60_000)).toMatchObject({
      allowed: true,
      remaining: 1,
      resetEpochSeconds: 1120,
    });
  });

  it('honours windowMs, says at least one second, and does nothing when the limit is 0', () => {
    const limiter = new WindowRateLimiter();
    expect(limiter.check('a', { requestsPerMinute: 1, windowMs: 1000 }, 0)).toMatchObject({ allowed: true });
    expect(limiter.check('a', { requestsPerMinute: 1, windowMs: 1000 }, 999)).toMatchObject({
      allowed: false,
      retryAfterSeconds: 1,
    });
    expect(limiter.check('a', { requestsPerMinute: 1, windowMs: 1000 }, 1000)).toMatchObject({
      allowed: true,
    });
    expect(limiter.check('a', { requestsPerMinute: 0 }, 0)).toBeUndefined();
    limiter.reset();
    expect(limiter.check('a', { requestsPerMinute: 1, windowMs: 1000 }, 1001)).toMatchObject({
      allowed: true,
    });
  });
});

describe('faults', () => {
  it('picks the first matching rule, honouring method, path, probability and times', () => {
    const rules = parseFaultRules([
      { method: 'post', path: '^/a', status: 500 },
      { path: '^/a', status: 503, probability: 0.5, times: 1 },
      { path: '^/a', status: 502 },
    ]);
    if (typeof rules === 'string') throw new Error(rules);
    const set = new FaultSet();
    set.set(rules);
    expect(set.pick('POST', '/a/1', () => 0)?.status).toBe(500);
    expect(set.pick('GET', '/a/1', () => 0.7)?.status).toBe(502);
    expect(set.pick('GET', '/a/1', () => 0.2)?.status).toBe(503);
    expect(set.pick('GET', '/a/1', () => 0.2)?.status).toBe(502);
    expect(set.pick('GET', '/b', () => 0)).toBeUndefined();
    expect(set.list().map((rule) => rule.applied)).toEqual([1, 1, 2]);
  });

  it('never applies probability 0, whatever the random source says', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 0.999_999_9, noNaN: true }), (r) => {
        const set = new FaultSet();
        set.set([{ status: 500, probability: 0 }]);
        expect(set.pick('GET', '/x', () => r)).toBeUndefined();
      }),
    );
  });
});

describe('router', () => {
  const noop = () => ({ status: 204 });
  const router = new Router()
    .get('/v1/users/:id', noop)
    .put('/v1/users/:id', noop)
    .get('/files/*', noop)
    .get('/a.b/:x', noop);

  it('extracts and decodes parameters, with an optional trailing slash', () => {
    expect(router.match('GET', '/v1/users/a%20b')).toMatchObject({ params: { id: 'a b' } });
    expect(router.match('get', '/v1/users/7/')).toMatchObject({ params: { id: '7' } });
    expect(router.match('GET', '/files/x/y.txt')).toMatchObject({ params: { rest: 'x/y.txt' } });
  });

  it('keeps a malformed escape as it is instead of throwing', () => {
    expect(router.match('GET', '/v1/users/%E0%A4%A')).toMatchObject({ params: { id: '%E0%A4%A' } });
  });

  it('escapes regular expression characters in literal segments', () => {
    expect('route' in router.match('GET', '/a.b/1')).toBe(true);
    expect('route' in router.match('GET', '/aXb/1')).toBe(false);
  });

  it('tells a wrong method (with the allowed ones) from a missing path', () => {
    expect(router.match('DELETE', '/v1/users/1')).toEqual({ methodMismatch: true, allowed: ['GET', 'PUT'] });
    expect(router.match('GET', '/v2/users/1')).toEqual({ methodMismatch: false, allowed: [] });
  });
});

describe('merge and gzip helpers', () => {
  it('deep-merges objects, replaces arrays and scalars, and leaves the base untouched', () => {
    const base = { a: { b: 1, c: [1, 2] }, d: 'x' };
    const merged = deepMerge(base, { a: { c: [3] }, e: true });
    expect(merged).toEqual({ a: { b: 1, c: [3] }, d: 'x', e: true });
    expect(base).toEqual({ a: { b: 1, c: [1, 2] }, d: 'x' });
    expect(deepMerge(base, undefined)).toBe(base);
    const copy = cloneJson(base);
    expect(copy).toEqual(base);
    expect(copy.a).not.toBe(base.a);
  });

  it('ignores prototype keys in a parsed patch', () => {
    const merged = deepMerge({ a: 1 }, JSON.parse('{"__proto__":{"polluted":1},"prototype":{"x":1},"b":2}'));
    expect(merged).toEqual({ a: 1, b: 2 });
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['gzip', true],
    ['gzip, deflate, br', true],
    ['deflate, GZIP;q=0.5', true],
    ['*', true],
    ['x-gzip', true],
    ['gzip;q=0', false],
    ['*;q=0', false],
    ['gzip;q=0, *', false],
    ['identity', false],
    ['', false],
  ])('reads Accept-Encoding %j as %s', (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected);
  });
});
