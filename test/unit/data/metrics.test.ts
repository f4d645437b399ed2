import { describe, expect, it } from 'vitest';
import { addRank, emptySums, fullRank, hitAt, ndcgAt, pessimisticRank, reciprocalRank, summarize } from '../../../src/data/metrics';

describe('metrics', () => {
  it('HR, NDCG and MRR match hand-computed values', () => {
    expect(hitAt(0, 10)).toBe(1);
    expect(hitAt(9, 10)).toBe(1);
    expect(hitAt(10, 10)).toBe(0);
    expect(ndcgAt(0, 10)).toBe(1);
    expect(ndcgAt(1, 10)).toBeCloseTo(1 / Math.log2(3), 12);
    expect(ndcgAt(2, 10)).toBeCloseTo(0.5, 12);
    expect(ndcgAt(10, 10)).toBe(0);
    expect(ndcgAt(15, 20)).toBeCloseTo(1 / Math.log2(17), 12);
    expect(reciprocalRank(3)).toBe(0.25);
  });

  it('averages over users', () => {
    const s = emptySums();
    addRank(s, 0); // hit, ndcg 1, rr 1
    addRank(s, 2); // hit, ndcg .5, rr 1/3
    addRank(s, 14); // miss@10, hit@20, ndcg@20 1/log2(16) = .25, rr 1/15
    const r = summarize(s);
    expect(r.users).toBe(3);
    expect(r['hr@10']).toBeCloseTo(2 / 3, 12);
    expect(r['ndcg@10']).toBeCloseTo(1.5 / 3, 12);
    expect(r['hr@20']).toBe(1);
    expect(r['ndcg@20']).toBeCloseTo(1.75 / 3, 12);
    expect(r.mrr).toBeCloseTo((1 + 1 / 3 + 1 / 15) / 3, 12);
  });

  it('breaks ties pessimistically', () => {
    //            pad  1    2    3    4    5
    const scores = [9, 0.5, 0.9, 0.5, 0.5, 0.1];
    // Target 1 ties with 3 and 4 and is beaten by 2: rank 3 (0-based), not 1.
    expect(pessimisticRank(scores, 1, [1, 2, 3, 4, 5])).toBe(3);
    expect(fullRank(scores, 1, 5, new Set())).toBe(3);
    // Seen items are removed from the candidates (but never the target).
    expect(fullRank(scores, 1, 5, new Set([2, 3, 1]))).toBe(1);
    // Padding index 0 never competes, even with the highest score.
    expect(fullRank(scores, 2, 5, new Set())).toBe(0);
  });

  it('all-equal scores rank the target last', () => {
    expect(fullRank(new Float32Array(101), 7, 100, new Set())).toBe(99);
  });

  it('rejects bad ranks and NaN scores', () => {
    expect(() => addRank(emptySums(), -1)).toThrow(/non-negative/);
    expect(() => fullRank([0, NaN, 1], 1, 2, new Set())).toThrow(/NaN/);
  });
});
