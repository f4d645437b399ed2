import { describe, expect, it } from 'vitest';
import { median, percentile, summarise } from '../../../scripts/bench/stats';

describe('percentile / median', () => {
  it('interpolates between closest ranks (type 7)', () => {
    expect(median([1, 2])).toBe(1.5);
    expect(median([3, 1, 2])).toBe(2);
    expect(percentile([10, 20, 30, 40, 50], 25)).toBe(20);
    expect(percentile([1, 2, 3, 4], 99)).toBeCloseTo(3.97, 10);
    expect(percentile([5], 99)).toBe(5);
  });
  it('does not reorder the caller\'s array', () => {
    const xs = [3, 1, 2];
    median(xs);
    expect(xs).toEqual([3, 1, 2]);
  });
  it('ignores non-finite samples', () => {
    expect(median([1, Number.NaN, 3, Number.POSITIVE_INFINITY])).toBe(2);
  });
  it('rejects empty input and bad percentiles with a clear error', () => {
    expect(() => median([])).toThrow(/no finite samples/);
    expect(() => median([Number.NaN])).toThrow(/no finite samples/);
    expect(() => percentile([1], 101)).toThrow(/\[0, 100\]/);
    expect(() => percentile([1], Number.NaN)).toThrow(/\[0, 100\]/);
  });
  it('summarises count, spread and percentiles', () => {
    const s = summarise(Array.from({ length: 101 }, (_, i) => i));
    expect(s).toEqual({ n: 101, p50: 50, p95: 95, p99: 99, min: 0, max: 100 });
  });
});
