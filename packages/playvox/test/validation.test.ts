import { ValidationError } from '@voxbridge/core';
import {
  assertFieldId,
  assertPassword,
  isZonedDateTime,
  Playvox,
  toPlayvoxDateTime,
} from '@voxbridge/playvox';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { offlineClient, rejection } from './helpers.js';

const LOWER = 'abcdefghijklmnopqrstuvwxyz_';
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

describe('field_id rule (property)', () => {
  it('accepts exactly the strings of 3-30 characters of a-z and _', () => {
    const anyChar = fc.constantFrom(...`${LOWER}AZ09-. é`.split(''));
    fc.assert(
      fc.property(fc.string({ unit: anyChar, maxLength: 40 }), (candidate) => {
        const expected =
          candidate.length >= 3 && candidate.length <= 30 && [...candidate].every((c) => LOWER.includes(c));
        let accepted = true;
        try {
          assertFieldId(candidate);
        } catch (error) {
          expect(error).toBeInstanceOf(ValidationError);
          expect((error as ValidationError).field).toBe('fieldId');
          expect((error as ValidationError).rule).toMatch(/3-30 characters of a-z and _/);
          accepted = false;
        }
        return accepted === expected;
      }),
      { numRuns: 500 },
    );
  });

  it('every valid field_id passes through addMetadata validation; invalid ones never reach the network', async () => {
    const { pv, requests } = offlineClient();
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: fc.constantFrom(...'ABC-1 .'.split('')), minLength: 1, maxLength: 10 }),
        async (bad) => {
          const error = await rejection(
            pv.integrations.addMetadata('abc', { fieldId: `ok_${bad}`, type: 'string' }),
          );
          expect(error.field).toBe('fieldId');
        },
      ),
      { numRuns: 50 },
    );
    expect(requests()).toBe(0);
  });
});

describe('datetimes (property)', () => {
  it('a Date is sent as ISO 8601 in UTC with Z and keeps its instant', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1900-01-01T00:00:00Z'),
          max: new Date('2200-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        (date) => {
          const sent = toPlayvoxDateTime(date, 'closed_at');
          return sent.endsWith('Z') && isZonedDateTime(sent) && Date.parse(sent) === date.getTime();
        },
      ),
      { numRuns: 500 },
    );
  });

  const components = fc.record({
    year: fc.integer({ min: 1970, max: 2100 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 59 }),
    millis: fc.integer({ min: 0, max: 999 }),
    offsetMinutes: fc.integer({ min: -14 * 60, max: 14 * 60 }),
  });
  type Parts = {
    year: number;
    month: number;
    day: number;
    hour: number;
    minute: number;
    second: number;
    millis: number;
  };
  const local = (c: Parts) =>
    `${pad(c.year, 4)}-${pad(c.month)}-${pad(c.day)}T${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}.${pad(c.millis, 3)}`;
  const zone = (offset: number) =>
    offset === 0
      ? 'Z'
      : `${offset < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;

  it('an ISO string with an offset is sent unchanged (offset kept) and means the same instant', () => {
    fc.assert(
      fc.property(components, (c) => {
        const text = `${local(c)}${zone(c.offsetMinutes)}`;
        const sent = toPlayvoxDateTime(text, 'closed_at');
        const instant =
          Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second, c.millis) -
          c.offsetMinutes * 60_000;
        return sent === text && Date.parse(sent) === instant;
      }),
      { numRuns: 500 },
    );
  });

  it('an ISO string without an offset is rejected, naming the metadata field, before any request', async () => {
    const { pv, requests } = offlineClient();
    await fc.assert(
      fc.asyncProperty(components, async (c) => {
        const error = await rejection(
          pv.interactions.create('abc', {
            interactionId: 'x-1',
            assigneeId: 'agent',
            metadata: { closed_at: local(c) },
          }),
        );
        expect(error.field).toBe('metadata.closed_at');
        expect(error.rule).toMatch(/zone offset or Z/);
      }),
      { numRuns: 100 },
    );
    expect(requests()).toBe(0);
  });

  it('accepts the basic offset form ±HHMM as well and sends it unchanged', () => {
    expect(toPlayvoxDateTime('2026-11-22T12:00:00+0200', 'closed_at')).toBe('2026-11-22T12:00:00+0200');
    expect(isZonedDateTime('2026-11-22T12:00-0530')).toBe(true);
  });

  it('rejects impossible calendar times and malformed offsets', () => {
    for (const bad of [
      '2026-02-30T10:00:00Z',
      '2026-13-01T10:00:00Z',
      '2026-11-22T24:00:00Z',
      '2026-11-22T10:00:00+02',
      '2026-11-22T10:00:00 UTC',
      '2026-11-22T10:00:00UTC',
    ]) {
      expect(() => toPlayvoxDateTime(bad, 'added_at'), bad).toThrow(ValidationError);
    }
    expect(() => toPlayvoxDateTime(new Date(Number.NaN), 'added_at')).toThrow(/valid Date/);
    expect(() => toPlayvoxDateTime(new Date('+020000-01-01T00:00:00Z'), 'added_at')).toThrow(/0000 and 9999/);
  });
});

describe('password rule (property)', () => {
  it('accepts exactly 10+ characters with a digit, an upper- and a lower-case letter, and never echoes it', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'aZ9_!bY'.split('')), maxLength: 16 }), (password) => {
        const expected =
          password.length >= 10 && /\d/.test(password) && /[A-Z]/.test(password) && /[a-z]/.test(password);
        try {
          assertPassword(password);
          return expected;
        } catch (error) {
          const message = (error as Error).message;
          return (
            !expected &&
            message.startsWith('password:') &&
            (password.length < 4 || !message.includes(password))
          );
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('construction', () => {
  it('builds the base URL from a subdomain or a host root', () => {
    expect(new Playvox({ subdomain: 'acme', uid: 'u', key: 'k' }).baseUrl).toBe(
      'https://acme.playvox.com/api/v1/',
    );
    expect(new Playvox({ baseUrl: 'http://127.0.0.1:4010', uid: 'u', key: 'k' }).baseUrl).toBe(
      'http://127.0.0.1:4010/api/v1/',
    );
    expect(new Playvox({ baseUrl: 'http://127.0.0.1:4010/', uid: 'u', key: 'k' }).baseUrl).toBe(
      'http://127.0.0.1:4010/api/v1/',
    );
    expect(new Playvox({ baseUrl: 'http://127.0.0.1:4010/api/v1/', uid: 'u', key: 'k' }).baseUrl).toBe(
      'http://127.0.0.1:4010/api/v1/',
    );
    expect(new Playvox({ baseUrl: 'http://proxy.local/playvox', uid: 'u', key: 'k' }).baseUrl).toBe(
      'http://proxy.local/playvox/api/v1/',
    );
  });

  it('refuses unusable options with a ValidationError naming the option', () => {
    expect(() => new Playvox({ subdomain: 'acme.evil.com/', uid: 'u', key: 'k' })).toThrow(/^subdomain:/);
    expect(() => new Playvox({ baseUrl: 'ftp://x', uid: 'u', key: 'k' })).toThrow(/^baseUrl:/);
    expect(() => new Playvox({ baseUrl: 'http://x', uid: '', key: 'k' })).toThrow(/^uid:/);
    expect(() => new Playvox({ baseUrl: 'http://x', uid: 'u', key: 'k', rateLimit: -1 })).toThrow(
      /^rateLimit:/,
    );
    expect(() => new Playvox({ subdomain: 'a', baseUrl: 'http://x', uid: 'u', key: 'k' } as never)).toThrow(
      /either subdomain or baseUrl/,
    );
  });
});
