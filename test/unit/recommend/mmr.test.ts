import { describe, expect, it } from 'vitest';
import { mmrRerank } from '../../../src/recommend/mmr';

const cands = [
  { index: 1, score: 1.0 },
  { index: 2, score: 0.99 },
  { index: 3, score: 0.98 },
  { index: 4, score: 0.5 },
];
// 1, 2, 3 are near-duplicates; 4 is different.
const sim = (a: number, b: number) => (a <= 3 && b <= 3 ? 1 : 0);

describe('mmrRerank', () => {
  it('keeps relevance order at diversity 0', () => {
    expect(mmrRerank(cands, 3, 0, sim).map((c) => c.index)).toEqual([1, 2, 3]);
  });
  it('promotes a dissimilar item when diversity rises', () => {
    expect(mmrRerank(cands, 2, 0.5, sim).map((c) => c.index)).toEqual([1, 4]);
  });
  it('rejects diversity outside [0, 1]', () => {
    expect(() => mmrRerank(cands, 2, 1.5, sim)).toThrow(/\[0, 1\]/);
  });
});
