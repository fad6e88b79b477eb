import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeMarker, encodeMarker, encodeMarkerReference, isoWithOffset, MarkerKind } from '../src/ids.js';

describe('LiveVox emulator ids', () => {
  it('encodes markers exactly as the BigInt reference does, and decodes them back', () => {
    const marker = fc.record({
      kind: fc.constantFrom(MarkerKind.InteractionToken, MarkerKind.AgentToken, MarkerKind.InteractionEventId),
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

  it('writes times in the contact center offset with milliseconds', () => {
    const ms = Date.UTC(2021, 3, 24, 8, 44, 8, 7);
    expect(isoWithOffset(ms, -240)).toBe('2021-04-24T04:44:08.007-04:00');
    expect(isoWithOffset(ms, 330)).toBe('2021-04-24T14:14:08.007+05:30');
    expect(isoWithOffset(ms, 0)).toBe('2021-04-24T08:44:08.007+00:00');
  });
});
