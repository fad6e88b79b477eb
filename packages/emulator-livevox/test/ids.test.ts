import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeMarker, encodeMarker, isoString, isoWithOffset, MarkerKind } from '../src/ids.js';

/** The BigInt arithmetic `encodeMarker` had before, with its constants: the reference it must match. */
function encodeMarkerReference(marker: { kind: number; generation: number; position: number; time: number }) {
  const hex = (value: number, width: number) => value.toString(16).padStart(width, '0');
  const ticks = BigInt(Math.max(0, Math.floor(marker.time))) * 10_000n + 122_192_928_000_000_000n;
  const low = Number(ticks & 0xffffffffn);
  const mid = Number((ticks >> 32n) & 0xffffn);
  const high = Number((ticks >> 48n) & 0x0fffn) | 0x1000;
  const clockSeq = 0x8000 | ((marker.kind & 0x3) << 12) | (marker.generation & 0xfff);
  const nodeHigh = Math.floor(marker.position / 0x1000000) ^ 0xbd1649;
  const nodeLow = (marker.position % 0x1000000) ^ 0xd297a6;
  return `${hex(low, 8)}-${hex(mid, 4)}-${hex(high, 4)}-${hex(clockSeq, 4)}-${hex(nodeHigh, 6)}${hex(nodeLow, 6)}`;
}

describe('LiveVox emulator ids', () => {
  it('encodes markers exactly as the BigInt reference does, and decodes them back', () => {
    const marker = fc.record({
      kind: fc.constantFrom(
        MarkerKind.InteractionToken,
        MarkerKind.AgentToken,
        MarkerKind.InteractionEventId,
      ),
      generation: fc.integer({ min: 0, max: 0xfff }),
      position: fc.integer({ min: 0, max: 2 ** 40 }),
      time: fc.oneof(fc.integer({ min: 0, max: 2 ** 44 }), fc.double({ min: -1e6, max: 4e12, noNaN: true })),
    });
    fc.assert(
      fc.property(marker, (m) => {
        const text = encodeMarker(m);
        expect(text).toBe(encodeMarkerReference(m));
        expect(decodeMarker(text)).toEqual({ ...m, time: Math.max(0, Math.floor(m.time)) });
      }),
      { numRuns: 5000 },
    );
  });

  it('writes ISO times as toISOString does, and throws as it does for an invalid time', () => {
    const ms = fc.oneof(
      fc.integer({ min: 0, max: 253_402_300_799_999 }),
      fc.integer({ min: 1_700_000_000_000, max: 1_800_000_000_000 }),
      fc.integer({ min: -8.64e15, max: 8.64e15 }),
      fc.double({ min: -1e13, max: 1e13, noNaN: true }),
    );
    fc.assert(
      fc.property(ms, (value) => {
        expect(isoString(value)).toBe(new Date(value).toISOString());
      }),
      { numRuns: 20_000 },
    );
    for (const edge of [0, -0, 253_402_300_799_999, 253_402_300_800_000, -1, 1e-3])
      expect(isoString(edge)).toBe(new Date(edge).toISOString());
    expect(() => isoString(Number.NaN)).toThrow(RangeError);
  });

  it('writes times in the contact center offset with milliseconds', () => {
    const ms = Date.UTC(2021, 3, 24, 8, 44, 8, 7);
    expect(isoWithOffset(ms, -240)).toBe('2021-04-24T04:44:08.007-04:00');
    expect(isoWithOffset(ms, 330)).toBe('2021-04-24T14:14:08.007+05:30');
    expect(isoWithOffset(ms, 0)).toBe('2021-04-24T08:44:08.007+00:00');
    const offset = fc.integer({ min: -720, max: 840 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4e12 }), offset, (time, minutes) => {
        const abs = Math.abs(minutes);
        const suffix = `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
        const expected = `${new Date(time + minutes * 60_000).toISOString().slice(0, 23)}${suffix}`;
        expect(isoWithOffset(time, minutes)).toBe(expected);
      }),
      { numRuns: 5000 },
    );
  });
});
