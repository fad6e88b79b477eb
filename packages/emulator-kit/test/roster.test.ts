import { buildRoster, hasPlayvoxUser, ROSTER_DOMAIN, rosterPerson } from '@voxbridge/emulator-kit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('the shared roster', () => {
  it('is the same for the same seed and differs between seeds', () => {
    expect(buildRoster(7, 30)).toEqual(buildRoster(7, 30));
    expect(buildRoster(7, 30).map((p) => p.name)).not.toEqual(buildRoster(8, 30).map((p) => p.name));
    expect(rosterPerson(7, 12)).toEqual(buildRoster(7, 30)[12]);
  });

  it('gives unique emails, usernames and login ids that agree with the name', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 200 }), (seed, size) => {
        const roster = buildRoster(seed, size);
        expect(new Set(roster.map((p) => p.email)).size).toBe(size);
        expect(new Set(roster.map((p) => p.loginId)).size).toBe(size);
        for (const person of roster) {
          expect(person.email).toBe(`${person.username}@${ROSTER_DOMAIN}`);
          expect(person.username.startsWith(`${person.firstName}.${person.lastName}`.toLowerCase())).toBe(
            true,
          );
          expect(person.loginId).toMatch(/^[A-Z]+[0-9]+$/);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('leaves exactly `missing` people without a Playvox user, among the first agents', () => {
    const without = (missing: number) =>
      Array.from({ length: 40 }, (_, i) => i).filter((i) => !hasPlayvoxUser(i, missing));
    expect(without(2)).toEqual([3, 7]);
    expect(without(0)).toEqual([]);
    expect(without(3)).toEqual([3, 7, 11]);
    expect(hasPlayvoxUser(3)).toBe(false);
  });
});
