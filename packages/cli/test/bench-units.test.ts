import { describe, expect, it } from 'vitest';
import { unitOf, withUnits } from '../src/bench/units.js';

describe('voxbridge bench --json units', () => {
  it('reads each figure unit from its name, a Min/Max spread taking its median unit', () => {
    expect(unitOf('plainEventsPerSecond', 1)).toBe('events/s');
    expect(unitOf('plainEventsPerSecondMax', 1)).toBe('events/s');
    expect(unitOf('enrichedBridgeCpuUsPerEvent', 1)).toBe('µs/event');
    expect(unitOf('plainStoreBytesPerEvent', 1)).toBe('bytes/event');
    expect(unitOf('plainBridgePeakRssMiB', 1)).toBe('MiB');
    expect(unitOf('clientListRps', 1)).toBe('requests/s');
    expect(unitOf('sseP99Seconds', 1)).toBe('s');
    expect(unitOf('loopbackBulkMs', 1)).toBe('ms');
    expect(unitOf('clientToRawRatio', 1)).toBe('ratio');
    expect(unitOf('listGoalMet', true)).toBe('boolean');
    expect(unitOf('somethingElse', 3)).toBe('number');
  });

  it('wraps a section: every figure becomes { value, unit }, an unmeasured one null', async () => {
    const section = withUnits(async () => ({
      section: 'S',
      markdown: '',
      figures: { aEventsPerSecond: 10, bMs: Number.NaN, given: { value: 2, unit: 'x' } },
    }));
    const result = await section({ quick: true, log: () => {} });
    expect(result.figures).toEqual({
      aEventsPerSecond: { value: 10, unit: 'events/s' },
      bMs: { value: null, unit: 'ms' },
      given: { value: 2, unit: 'x' },
    });
  });
});
