import { describe, expect, it } from 'vitest';
import { targetLossScales } from '../../../src/model/target-loss-scales';

const seq = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('targetLossScales', () => {
  it("gives each batch its target count over the epoch's mean count", () => {
    // Batch 0: sequences of 3 and 2 items → 2 + 1 targets; batch 1: 60 items cut to maxLen 50 → 50.
    const scales = targetLossScales([[seq(3), seq(2)], [seq(60)]], 50);
    expect(scales[0]).toBeCloseTo(3 / 26.5, 12);
    expect(scales[1]).toBeCloseTo(50 / 26.5, 12);
    expect((scales[0]! + scales[1]!) / 2).toBeCloseTo(1, 12);
  });

  it('makes the mean of the scaled batch means the mean over all targets', () => {
    // Random per-target losses; the epoch's scaled mean must weigh every target alike.
    let s = 3;
    const rand = () => ((s = (s * 16_807) % 2_147_483_647) / 2_147_483_647);
    const batches = [[seq(2), seq(2), seq(3)], [seq(12), seq(40)], [seq(5)], [seq(51), seq(51)]];
    const losses = batches.map((b) => b.map((q) => Array.from({ length: Math.min(50, q.length - 1) }, rand)));
    const scales = targetLossScales(batches, 50);
    const batchMeans = losses.map((b) => b.flat().reduce((a, x) => a + x, 0) / b.flat().length);
    const scaled = batchMeans.reduce((a, m, b) => a + m * scales[b]!, 0) / batches.length;
    const all = losses.flat(2);
    expect(scaled).toBeCloseTo(all.reduce((a, x) => a + x, 0) / all.length, 12);
    // Unscaled, the short batches' targets would weigh more: the plain mean of means differs.
    expect(Math.abs(batchMeans.reduce((a, m) => a + m, 0) / batches.length - scaled)).toBeGreaterThan(1e-3);
  });

  it('rejects an empty epoch, a batch without targets and a bad maxLen', () => {
    expect(() => targetLossScales([], 50)).toThrow(/no batches/);
    expect(() => targetLossScales([[seq(3)], [seq(1)]], 50)).toThrow(/batch 1 has no targets/);
    expect(() => targetLossScales([[seq(3)]], 0)).toThrow(/maxLen must be a positive integer/);
  });
});
