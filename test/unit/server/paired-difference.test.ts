import { describe, expect, it } from 'vitest';
import { pairedDifference } from '../../../src/server/paired-difference';

describe('pairedDifference', () => {
  it('gives the mean and standard error of the per-user differences', () => {
    // Differences 1, 2, 3, 6: mean 3, sample variance (4 + 1 + 0 + 9) / 3 = 14/3, SE = sqrt(14/3/4).
    const d = pairedDifference([2, 2, 4, 6], [1, 0, 1, 0]);
    expect(d.users).toBe(4);
    expect(d.mean).toBeCloseTo(3, 12);
    expect(d.se).toBeCloseTo(Math.sqrt(14 / 3 / 4), 12);
  });

  it('a constant shift has no error, whatever the spread of each side', () => {
    const a = [0.1, 0.9, 0.3, 0.0];
    const d = pairedDifference(a.map((x) => x + 0.25), a);
    expect(d.mean).toBeCloseTo(0.25, 12);
    expect(d.se).toBeLessThan(1e-12);
  });

  it('one user has no standard error; bad input is rejected', () => {
    expect(pairedDifference([1], [0.5])).toEqual({ mean: 0.5, se: 0, users: 1 });
    expect(() => pairedDifference([1, 2], [1])).toThrow(RangeError);
    expect(() => pairedDifference([], [])).toThrow(/no users/);
    expect(() => pairedDifference([NaN], [0])).toThrow(/non-finite/);
  });
});
