import { ValidationError } from '@voxbridge/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  campaignFilterToWire,
  interactionFilterToWire,
  serviceFilterToWire,
  validateFeedCount,
} from '../src/filters.js';

function validationError(run: () => unknown): ValidationError {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('feed count', () => {
  it('accepts 500..1000 and absent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 500, max: 1000 }), (count) => {
        expect(validateFeedCount(count)).toBe(count);
      }),
    );
    expect(validateFeedCount(undefined)).toBeUndefined();
  });

  it('refuses anything else with a ValidationError on count', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ max: 499 }),
          fc.integer({ min: 1001 }),
          fc.double({ min: 500.01, max: 999.99 }),
          fc.string(),
        ),
        (count) => {
          const error = validationError(() => validateFeedCount(count));
          expect(error.field).toBe('count');
          expect(error.rule).toContain('500 to 1000');
        },
      ),
    );
  });
});

describe('filters', () => {
  it('builds the wire form of the seed examples', () => {
    expect(serviceFilterToWire({ service: ['38049'] })).toEqual({ service: [{ id: '38049' }] });
    expect(serviceFilterToWire({ service: [{ id: '38049' }], callCenter: [1623] })).toEqual({
      service: [{ id: '38049' }],
      callCenter: [{ id: 1623 }],
    });
    expect(campaignFilterToWire({ campaign: [{ id: '103629512' }] })).toEqual({
      campaign: [{ id: '103629512' }],
    });
    expect(
      interactionFilterToWire({
        interactionType: ['EMAIL', { type: 'SMS' }],
        callCenter: [11363],
        service: [{ id: 93140 }],
      }),
    ).toEqual({
      interactionType: [{ type: 'EMAIL' }, { type: 'SMS' }],
      callCenter: [{ id: 11363 }],
      service: [{ id: 93140 }],
    });
  });

  it('leaves out empty filters', () => {
    expect(serviceFilterToWire(undefined)).toBeUndefined();
    expect(serviceFilterToWire({})).toBeUndefined();
    expect(serviceFilterToWire({ service: [] })).toBeUndefined();
    expect(interactionFilterToWire({ interactionType: [] })).toBeUndefined();
  });

  it('refuses more than one campaign-statistics filter kind, as the API does', () => {
    const error = validationError(() => campaignFilterToWire({ campaign: [1], service: [2] }));
    expect(error.field).toBe('filter');
    expect(error.rule).toContain("exclusive 'or'");
    // An empty kind does not count.
    expect(campaignFilterToWire({ campaign: [1], service: [] })).toEqual({ campaign: [{ id: 1 }] });
  });

  it('names the offending id, kind or type', () => {
    expect(validationError(() => serviceFilterToWire({ service: ['abc'] })).field).toBe('filter.service[0]');
    expect(validationError(() => serviceFilterToWire({ service: [-1] })).field).toBe('filter.service[0]');
    expect(validationError(() => serviceFilterToWire({ campaign: [1] } as never)).field).toBe(
      'filter.campaign',
    );
    expect(validationError(() => serviceFilterToWire({ service: 5 } as never)).field).toBe('filter.service');
    expect(validationError(() => interactionFilterToWire({ interactionType: [''] })).field).toBe(
      'filter.interactionType[0]',
    );
    expect(validationError(() => interactionFilterToWire([] as never)).field).toBe('filter');
  });
});
