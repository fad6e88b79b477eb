import { isZonedDateTime } from '@voxbridge/playvox';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/** The former regex reading of the rule, kept as the reference the hand-written reader must equal. */
const REFERENCE =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|([+-])(\d{2}):?(\d{2}))$/;
function reference(value: unknown, maxOffsetHours = 23): boolean {
  if (typeof value !== 'string') return false;
  const match = REFERENCE.exec(value);
  if (!match) return false;
  const [, year, month, day, hour, minute, second = '0', , , offsetHours = '0', offsetMinutes = '0'] = match;
  const m = Number(month);
  const lastDay = new Date(Date.UTC(Number(year), m, 0)).getUTCDate();
  return (
    m >= 1 &&
    m <= 12 &&
    Number(day) >= 1 &&
    Number(day) <= lastDay &&
    Number(hour) <= 23 &&
    Number(minute) <= 59 &&
    Number(second) <= 59 &&
    Number(offsetHours) <= maxOffsetHours &&
    Number(offsetMinutes) <= 59
  );
}

const digits = (n: number) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`));
/** Strings near the format: every part may be right, off by a character, or missing. */
const nearDateTime = fc
  .tuple(
    fc.oneof(digits(4), fc.constantFrom('0000', '0099', '1900', '2000', '2024', '2100', '202', '20a4')),
    fc.constantFrom('-', '/', ''),
    fc.oneof(digits(2), fc.constantFrom('00', '01', '02', '12', '13', '1')),
    fc.constantFrom('-', ''),
    fc.oneof(digits(2), fc.constantFrom('00', '28', '29', '30', '31', '32')),
    fc.constantFrom('T', 't', ' '),
    fc.oneof(digits(2), fc.constantFrom('23', '24')),
    fc.constantFrom(':', ''),
    fc.oneof(digits(2), fc.constantFrom('59', '60')),
    fc.oneof(
      fc.constant(''),
      digits(2).map((s) => `:${s}`),
      fc.constantFrom(':', ':6', ':60'),
    ),
    fc.oneof(
      fc.constant(''),
      fc.integer({ min: 0, max: 11 }).chain((n) => digits(n).map((s) => `.${s}`)),
    ),
    fc.oneof(
      fc.constantFrom('Z', 'z', '', 'ZZ', '+', '-', '+14:00', '+15:00', '-23:59', '+24:00', '+02:60'),
      fc
        .tuple(fc.constantFrom('+', '-'), digits(2), fc.constantFrom(':', '', '::'), digits(2))
        .map((p) => p.join('')),
      fc
        .tuple(fc.constantFrom('+', '-'), fc.oneof(digits(1), digits(3)), fc.constantFrom(':', ''))
        .map((p) => p.join('')),
    ),
    fc.constantFrom('', '', '', ' ', '\n', '0'),
  )
  .map((parts) => parts.join(''));

describe('isZonedDateTime', () => {
  it('agrees with the regex reading on strings near the format, for both offset limits', () => {
    fc.assert(
      fc.property(
        fc.oneof(nearDateTime, fc.string({ maxLength: 30 })),
        fc.constantFrom(14, 23),
        (value, max) => {
          expect(isZonedDateTime(value, max)).toBe(reference(value, max));
        },
      ),
      { numRuns: 3_000 },
    );
  });

  it('reads calendar edges as before', () => {
    for (const value of [
      '2024-02-29T10:00Z',
      '2023-02-29T10:00Z',
      '1900-02-29T10:00:00Z',
      '2000-02-29T10:00:00.123456789+02:00',
      '0000-02-29T10:00Z',
      '0004-02-29T10:00Z',
      '2026-11-22T10:00:00.1234567890Z',
      '2026-11-22T12:00:00+0200',
      '2026-04-31T12:00:00Z',
      2026,
      null,
    ])
      expect(isZonedDateTime(value), String(value)).toBe(reference(value));
  });
});
