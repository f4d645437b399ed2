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
  it('matches a full sort with a predicate, asking it only about indices that could enter the top k', () => {
    const s = Array.from({ length: 5000 }, (_, i) => (i === 0 ? 0 : Math.abs(Math.sin(i * 78.233) * 43758.5453) % 1));
    const rule = (i: number) => i % 3 !== 0;
    const expected = s.map((v, i) => ({ v, i })).slice(1).filter((x) => rule(x.i)).sort((a, b) => b.v - a.v || a.i - b.i).slice(0, 10).map((x) => x.i);
    let asked = 0;
    expect(topK(s, 10, (i) => { asked++; return rule(i); }).map((c) => c.index)).toEqual(expected);
    // Random order: about k·ln(n/k) entries reach the heap, far fewer than the 4,999 items.
    expect(asked).toBeLessThan(500);
    // Best first: once k items are allowed, nothing later is asked about.
    let askedSorted = 0;
    const desc = [0, ...Array.from({ length: 1000 }, (_, i) => 1000 - i)];
    expect(topK(desc, 5, (i) => { askedSorted++; return i !== 2; }).map((c) => c.index)).toEqual([1, 3, 4, 5, 6]);
    expect(askedSorted).toBe(6);
  });
  it('matches a full sort with many ties, infinities and NaN (ties to the lower index)', () => {
    const vals = [0.5, 0.25, 1, -Infinity, Infinity, NaN, 0.5, 1];
    const s = Array.from({ length: 600 }, (_, i) => (i === 0 ? 9 : vals[(i * 7) % vals.length]!));
    const expected = s.map((v, i) => ({ v, i })).slice(1).filter((x) => !Number.isNaN(x.v)).sort((a, b) => (a.v === b.v ? a.i - b.i : b.v > a.v ? 1 : -1)).slice(0, 40).map((x) => x.i);
    expect(topK(s, 40).map((c) => c.index)).toEqual(expected);
    expect(topK([0, 2, 2, 2, 2], 2).map((c) => c.index)).toEqual([1, 2]);
    expect(topK([0, -Infinity, NaN, -Infinity], 5).map((c) => c.index)).toEqual([1, 3]);
  });
  it('handles k = 0, k > n and rejects bad k', () => {
    expect(topK([0, 1], 0)).toEqual([]);
    expect(topK([0, 1, 2], 10)).toHaveLength(2);
    expect(() => topK([0, 1], -1)).toThrow(/non-negative integer/);
    expect(() => topK([0, 1], 1.5)).toThrow(/non-negative integer/);
  });
});
