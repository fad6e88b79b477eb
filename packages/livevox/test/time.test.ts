import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { liveVoxTimeToMs, parseLiveVoxTime, toLiveVoxTime } from '../src/time.js';

// From 1973-03-04 (1e11 ms; below it numbers are read as epoch seconds) to the year 2200.
const plausibleMs = fc.integer({ min: 100_000_000_000, max: 7_258_118_400_000 });
const offsetMinutes = fc.integer({ min: -12 * 60, max: 14 * 60 });

function isoWithOffset(ms: number, offset: number, separator = 'T', colon = true): string {
  const local = new Date(ms + offset * 60_000).toISOString().slice(0, 23).replace('T', separator);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local}${sign}${hh}${colon ? ':' : ''}${mm}`;
}

describe('parseLiveVoxTime', () => {
  it('reads the forms the seeds show', () => {
    expect(parseLiveVoxTime(1463032800000)?.toISOString()).toBe('2016-05-12T06:00:00.000Z');
    expect(parseLiveVoxTime('1417075930315')?.toISOString()).toBe('2014-11-27T08:12:10.315Z');
    expect(parseLiveVoxTime('2021-04-24T04:44:08.000-04:00')?.toISOString()).toBe('2021-04-24T08:44:08.000Z');
    expect(parseLiveVoxTime('2023-06-05T09:36:00.000Z')?.toISOString()).toBe('2023-06-05T09:36:00.000Z');
    expect(parseLiveVoxTime('2021-03-30 01:21:51-0400')?.toISOString()).toBe('2021-03-30T05:21:51.000Z');
    // The hold-details example carries epoch seconds.
    expect(parseLiveVoxTime('1417066734')?.toISOString()).toBe('2014-11-27T05:38:54.000Z');
  });

  it('returns undefined for empty, null-ish and malformed values', () => {
    for (const value of [
      undefined,
      null,
      '',
      '   ',
      'null',
      'abc',
      '2021-04-24T07:52:16-100-04:00',
      '2021-02-30T00:00:00Z',
      '2021-13-01',
      {},
      [],
      true,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      1e300,
    ]) {
      expect(parseLiveVoxTime(value)).toBeUndefined();
    }
  });

  it('reads epoch milliseconds as a number and as a string of digits', () => {
    fc.assert(
      fc.property(plausibleMs, (ms) => {
        expect(parseLiveVoxTime(ms)?.getTime()).toBe(ms);
        expect(parseLiveVoxTime(String(ms))?.getTime()).toBe(ms);
        expect(parseLiveVoxTime(` ${ms} `)?.getTime()).toBe(ms);
      }),
    );
  });

  it('reads epoch seconds below 1e11', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999_999 }), (seconds) => {
        expect(liveVoxTimeToMs(seconds)).toBe(seconds * 1000);
      }),
    );
  });

  it('reads ISO strings with Z, any offset, T or space, with or without the colon', () => {
    fc.assert(
      fc.property(
        plausibleMs,
        offsetMinutes,
        fc.constantFrom('T', ' '),
        fc.boolean(),
        (ms, offset, separator, colon) => {
          expect(parseLiveVoxTime(new Date(ms).toISOString())?.getTime()).toBe(ms);
          expect(parseLiveVoxTime(isoWithOffset(ms, offset, separator, colon))?.getTime()).toBe(ms);
        },
      ),
    );
  });

  it('reads the less common forms: no seconds, a date alone, hour-only offsets, lower case, 1-9 fraction digits', () => {
    expect(parseLiveVoxTime('2021-04-24T04:44-04')?.toISOString()).toBe('2021-04-24T08:44:00.000Z');
    expect(parseLiveVoxTime('2021-04-24')?.toISOString()).toBe('2021-04-24T00:00:00.000Z');
    expect(parseLiveVoxTime('2021-04-24t04:44:08.5z')?.toISOString()).toBe('2021-04-24T04:44:08.500Z');
    expect(parseLiveVoxTime('2021-04-24T04:44:08.123456789+0530')?.toISOString()).toBe(
      '2021-04-23T23:14:08.123Z',
    );
    expect(parseLiveVoxTime('2021-04-24 04:44:08')?.toISOString()).toBe('2021-04-24T04:44:08.000Z');
    expect(parseLiveVoxTime('2024-02-29T12:00:00Z')?.toISOString()).toBe('2024-02-29T12:00:00.000Z');
    expect(parseLiveVoxTime('2023-02-29T12:00:00Z')).toBeUndefined();
    expect(parseLiveVoxTime('2021-04-24T24:00:00Z')).toBeUndefined();
    expect(parseLiveVoxTime('2021-04-24T04:44:08.Z')).toBeUndefined();
    expect(parseLiveVoxTime('2021-04-24T04:44:08+24:00')).toBeUndefined();
  });

  it('reads every spelling of the same instant alike', () => {
    fc.assert(
      fc.property(
        plausibleMs,
        fc.integer({ min: -12, max: 14 }),
        fc.integer({ min: 1, max: 9 }),
        (ms, hours, digits) => {
          const exact = Math.floor(ms / 1000) * 1000;
          const base = isoWithOffset(exact, hours * 60).slice(0, 19);
          const sign = hours < 0 ? '-' : '+';
          const hh = String(Math.abs(hours)).padStart(2, '0');
          for (const spelling of [
            `${base}${sign}${hh}:00`,
            `${base}${sign}${hh}00`,
            `${base}${sign}${hh}`,
            `${base}.${'0'.repeat(digits)}${sign}${hh}:00`,
            `${base.toLowerCase()}${sign}${hh}:00`,
          ]) {
            expect(parseLiveVoxTime(spelling)?.getTime()).toBe(exact);
          }
        },
      ),
    );
  });

  it('agrees with Date.parse on the ISO strings Date produces, years 0-99 included', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0001-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        (date) => {
          expect(parseLiveVoxTime(date.toISOString())?.getTime()).toBe(date.getTime());
        },
      ),
    );
  });

  it('never throws and returns either undefined or a valid Date', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.anything(), fc.string(), fc.double(), fc.stringMatching(/^[0-9T:.+\- Z]{0,40}$/)),
        (value) => {
          const parsed = parseLiveVoxTime(value);
          if (parsed !== undefined) expect(Number.isNaN(parsed.getTime())).toBe(false);
        },
      ),
    );
  });

  it('copies Dates and converts request values to epoch milliseconds', () => {
    const date = new Date('2024-01-02T03:04:05.678Z');
    const copy = parseLiveVoxTime(date);
    expect(copy).not.toBe(date);
    expect(copy?.getTime()).toBe(date.getTime());
    expect(parseLiveVoxTime(new Date(Number.NaN))).toBeUndefined();
    expect(toLiveVoxTime(date)).toBe(date.getTime());
    expect(toLiveVoxTime('2024-01-02T03:04:05.678Z')).toBe(date.getTime());
    expect(toLiveVoxTime(date.getTime())).toBe(date.getTime());
  });
});
