import { describe, expect, it } from 'vitest';
import { evaluate, sampleNegatives } from '../../../src/data/evaluate';
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
});
