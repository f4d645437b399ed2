import { describe, expect, it } from 'vitest';
import { evaluate, sampleNegatives, sampleNegativesWithReplacement } from '../../../src/data/evaluate';
import type { CandidateScorer } from '../../../src/data/evaluate';
import type { Split } from '../../../src/data/leave-one-out';
import { createRng } from '../../../src/data/rng';

// Two users over 200 items; the scorer gives item i the score i, so ranks are easy to count.
const split: Split = {
  numItems: 200,
  skippedUsers: 0,
  users: [
    { user: 0, train: [1, 2], valid: 3, test: 200 },
    { user: 1, train: [199, 5], valid: 198, test: 190 },
  ],
};
const byIndex = (h: number[][]) => h.map(() => Float32Array.from({ length: 201 }, (_, i) => i));

describe('evaluate', () => {
  it('full: ranks against all unseen items', async () => {
    const r = await evaluate(split, byIndex, { protocol: 'full', stage: 'test' });
    // User 0: 200 is the top score → rank 0. User 1: items 191..197 and 200 beat 190
    // (198 and 199 are seen and removed) → rank 8.
    expect(r.users).toBe(2);
    expect(r['hr@10']).toBe(1);
    expect(r['ndcg@10']).toBeCloseTo((1 + 1 / Math.log2(10)) / 2, 12);
    expect(r.mrr).toBeCloseTo((1 + 1 / 9) / 2, 12);
  });

  it('valid stage evaluates the second-last item on the training history', async () => {
    const seen: number[][] = [];
    await evaluate(split, (h) => (seen.push(...h), byIndex(h)), { protocol: 'full', stage: 'valid' });
    expect(seen).toEqual([[1, 2], [199, 5]]);
  });

  it('sampled100: 100 unseen negatives, seeded', async () => {
    const a = await evaluate(split, byIndex, { protocol: 'sampled100', stage: 'test', seed: 3 });
    const b = await evaluate(split, byIndex, { protocol: 'sampled100', stage: 'test', seed: 3 });
    expect(a).toEqual(b);
    expect(a['hr@10']).toBeGreaterThan(0.49);
  });

  it('negatives avoid the excluded items and repeat under a seed', () => {
    const exclude = new Set([1, 2, 3, 4, 5]);
    const n1 = sampleNegatives(120, exclude, 100, createRng(9));
    expect(new Set(n1).size).toBe(100);
    expect(n1.every((i) => i >= 1 && i <= 120 && !exclude.has(i))).toBe(true);
    expect(sampleNegatives(120, exclude, 100, createRng(9))).toEqual(n1);
    expect(() => sampleNegatives(50, exclude, 100, createRng(9))).toThrow(/cannot draw/);
  });

  it('samples at most maxUsers users', async () => {
    const r = await evaluate(split, byIndex, { protocol: 'full', stage: 'test', maxUsers: 1, seed: 1 });
    expect(r.users).toBe(1);
  });

  it("sasrec-code negatives exclude only training items, may repeat, and are tagged in the report", async () => {
    // 104 items: user 0 trained on 1..100 leaves 101..104 (valid 101, test 102) to draw from.
    const tight: Split = { numItems: 104, skippedUsers: 0, users: [{ user: 0, train: Array.from({ length: 100 }, (_, i) => i + 1), valid: 101, test: 102 }] };
    const seen: number[][] = [];
    const capture: CandidateScorer = (_h, c) => (seen.push(...c), c.map((list) => Float32Array.from(list, (i) => i)));
    const r = await evaluate(tight, byIndex, { protocol: 'sampled100', stage: 'test', seed: 5, negatives: 'sasrec-code', scoreCandidates: capture });
    const negs = seen[0]!.slice(1);
    expect(seen[0]![0]).toBe(102);
    expect(negs).toHaveLength(100);
    expect(negs.every((i) => i >= 101 && i <= 104)).toBe(true);
    expect(negs).toContain(101); // the validation item can be a test negative
    expect(negs).toContain(102); // and so can the target itself
    expect(r.negatives).toBe('sasrec-code');
    // Item i scores i: 103/104 and the target's own copies (ties, pessimistic) rank above 102.
    const above = negs.filter((i) => i >= 102).length;
    expect(r.mrr).toBeCloseTo(1 / (above + 1), 12);
    // The full scorer path ranks the same way, copies of the target included.
    const viaScorer = await evaluate(tight, (h) => h.map(() => Float32Array.from({ length: 105 }, (_, i) => i)), { protocol: 'sampled100', stage: 'test', seed: 5, negatives: 'sasrec-code' });
    expect(viaScorer).toEqual(r);
    // The default draws distinct unseen items and leaves the report untagged: only 103 and 104 remain.
    await expect(evaluate(tight, byIndex, { protocol: 'sampled100', stage: 'test', seed: 5 })).rejects.toThrow(/cannot draw 100 negatives/);
    const plain = await evaluate(split, byIndex, { protocol: 'sampled100', stage: 'test', seed: 3 });
    expect(plain).not.toHaveProperty('negatives');
  });

  it('rejects an unknown negative sampling and an impossible draw', async () => {
    await expect(evaluate(split, byIndex, { protocol: 'sampled100', stage: 'test', negatives: 'all' as never })).rejects.toThrow(/negatives must be 'unseen' or 'sasrec-code'/);
    expect(() => sampleNegativesWithReplacement(3, new Set([1, 2, 3]), 10, createRng(1))).toThrow(/every item is excluded/);
    const n = sampleNegativesWithReplacement(3, new Set([1, 2]), 10, createRng(1));
    expect(n).toEqual(Array(10).fill(3));
  });
});
