import { describe, expect, it } from 'vitest';
import { topK } from '../../../src/recommend/top-k';

describe('topK', () => {
  it('returns the k best indices, best first, skipping padding and NaN', () => {
    const s = Float32Array.from([99, 0.1, 0.9, NaN, 0.5, 0.7]);
    expect(topK(s, 3).map((c) => c.index)).toEqual([2, 5, 4]);
  });
  it('breaks ties by lower index and respects the predicate', () => {
    const s = [0, 1, 1, 1, 2];
    expect(topK(s, 3, (i) => i !== 4).map((c) => c.index)).toEqual([1, 2, 3]);
  });
  it('matches a full sort on random data', () => {
    const s = Array.from({ length: 2000 }, (_, i) => (i === 0 ? 0 : Math.sin(i * 12.9898) * 43758.5453 % 1));
    const expected = s.map((v, i) => ({ v, i })).slice(1).sort((a, b) => b.v - a.v || a.i - b.i).slice(0, 25).map((x) => x.i);
    expect(topK(s, 25).map((c) => c.index)).toEqual(expected);
  });
  it('handles k = 0, k > n and rejects bad k', () => {
    expect(topK([0, 1], 0)).toEqual([]);
    expect(topK([0, 1, 2], 10)).toHaveLength(2);
    expect(() => topK([0, 1], -1)).toThrow(/non-negative integer/);
    expect(() => topK([0, 1], 1.5)).toThrow(/non-negative integer/);
  });
});
