import { describe, expect, it } from 'vitest';
import type { ModelUpdate } from '../../../src/protocol';
import { aggregateUpdates } from '../../../src/server/robust-aggregate';

const shapes = new Map<string, number[]>([['w', [4]], ['emb', [10, 2]]]);

function upd(w: number[], rows: number[], rowVals: number[]): ModelUpdate {
  return {
    baseVersion: 1, updateId: 'x', clipNorm: 100, quantisation: 'fp16',
    dense: [{ name: 'w', shape: [4], values: Float32Array.from(w) }],
    sparse: [{ name: 'emb', rows: 10, dim: 2, rowIds: Uint32Array.from(rows), values: Float32Array.from(rowVals) }],
  };
}

describe('robust aggregation', () => {
  it('mean is FedAvg over clients, absent sparse rows counting as zero', () => {
    const a = aggregateUpdates([upd([1, 1, 1, 1], [3], [2, 2]), upd([3, 3, 3, 3], [5], [4, 4])], { kind: 'mean', clipNorm: 100, trimFraction: 0.1, shapes });
    expect([...a.deltas.get('w')!]).toEqual([2, 2, 2, 2]);
    expect(a.deltas.get('emb')![6]).toBe(1);
    expect(a.deltas.get('emb')![10]).toBe(2);
    expect(a.divisor).toBe(2);
  });

  it('re-clips each update to the norm bound', () => {
    const a = aggregateUpdates([upd([30, 40, 0, 0], [], [])], { kind: 'mean', clipNorm: 5, trimFraction: 0, shapes });
    expect(a.deltas.get('w')![0]).toBeCloseTo(3, 5);
    expect(a.deltas.get('w')![1]).toBeCloseTo(4, 5);
  });

  it('trimmed mean ignores a scaled or sign-flipped minority that the mean follows', () => {
    const honest = Array.from({ length: 8 }, (_, i) => upd([1 + i * 0.01, 1, 1, 1], [2], [1, 1]));
    const attackers = [upd([-50, -50, -50, -50], [2], [-50, -50]), upd([60, 60, 60, 60], [7], [60, 60])];
    const o = { clipNorm: 1000, trimFraction: 0.1, shapes };
    const mean = aggregateUpdates([...honest, ...attackers], { ...o, kind: 'mean' });
    const trimmed = aggregateUpdates([...honest, ...attackers], { ...o, kind: 'trimmed-mean' });
    expect(Math.abs(mean.deltas.get('w')![1]! - 1)).toBeGreaterThan(0.5);
    expect(trimmed.divisor).toBe(8);
    expect(trimmed.deltas.get('w')![1]).toBeCloseTo(1, 5);
    // Row 2: 8 honest 1s, one −50, one absent (0): trimming drops −50 and one 1 → (7·1 + 0)/8.
    expect(trimmed.deltas.get('emb')![4]).toBeCloseTo(7 / 8, 5);
    // Row 7: only the attacker's 60 and nine zeros: trimming removes it.
    expect(trimmed.deltas.get('emb')![14]).toBe(0);
  });
});
