import { describe, expect, it } from 'vitest';
import { encodeUpdate } from '../../../src/protocol';
import { AggregationEngine } from '../../../src/server/aggregation-engine';
import { unpackWeights } from '../../../src/server/model-weights-file';
import { unpackOptimizerState } from '../../../src/server/server-optimizer';
import { tempStore, tinySeed, tinyUpdate } from './fixtures';

// Row 2, column 0 of item_emb in version v.
function item(e: AggregationEngine, v: number): number {
  const m = e.store.model(v)!;
  return unpackWeights(m.weights, m.tensors)[0]!.values[2 * 4]!;
}

// Momentum m of that coordinate stored with version v.
function momentum(e: AggregationEngine, v: number): number {
  const m = e.store.model(v)!;
  return unpackOptimizerState('momentum', e.store.optimizerState(v)!.state, m.tensors)!.get('item_emb')!.m[2 * 4]!;
}

describe('server optimizer state retention', () => {
  // Every round applies Δ ≈ 0.1 to row 2 (tinyUpdate), momentum β1 = 0.5, lr 1, no noise.
  const opts = () => ({ store: tempStore(), seed: tinySeed(), minUpdates: 1, noiseMultiplier: 0, serverOptimizer: 'momentum' as const, serverBeta1: 0.5, serverLearningRate: 1, keepOptimizerStates: 3 });
  const round = (e: AggregationEngine, id: string) => {
    expect(e.submit(encodeUpdate(tinyUpdate(id, e.version)), id).ok).toBe(true);
    expect(e.runRound()).not.toBeNull();
  };

  it('keeps state rows for the newest N versions only, however many rounds run; a restart resumes the head state', () => {
    const o = opts();
    let e = new AggregationEngine(o);
    try {
      for (let i = 0; i < 12; i++) round(e, `r${i}`);
      expect(e.version).toBe(13);
      expect(e.store.optimizerStateVersions()).toEqual([11, 12, 13]);
      expect(e.store.model(2)).not.toBeNull(); // weights of every version stay
      const m13 = momentum(e, 13);
      expect(m13).toBeCloseTo(0.2, 3); // 0.1·(1 + 0.5 + … ) after 12 steps
      e.close();
      const lines: string[] = [];
      e = new AggregationEngine({ ...o, log: (l) => lines.push(l) });
      round(e, 'after-restart');
      expect(lines.some((l) => /starting from zeros/.test(l))).toBe(false);
      expect(momentum(e, 14)).toBeCloseTo(0.5 * m13 + 0.1, 3);
      expect(e.store.optimizerStateVersions()).toEqual([12, 13, 14]);
    } finally {
      e.close();
    }
  });

  it('rollback inside the window restores that version\'s state; further back restores the weights with zero state', () => {
    const lines: string[] = [];
    const e = new AggregationEngine({ ...opts(), log: (l) => lines.push(l) });
    try {
      for (let i = 0; i < 6; i++) round(e, `r${i}`); // versions 2…7, states kept for 5, 6, 7
      expect(e.rollbackOptimizerState(5)).toBe('restored');
      expect(e.rollbackOptimizerState(3)).toBe('reset');
      const m5 = momentum(e, 5);
      expect(e.rollback(5)).toBe(8);
      expect(momentum(e, 8)).toBe(m5);
      round(e, 'a'); // version 9 steps from m5
      expect(item(e, 9)).toBeCloseTo(item(e, 5) + 0.5 * m5 + 0.1, 3);
      expect(e.rollback(3)).toBe(10);
      expect(lines.some((l) => /no momentum state kept for version 3/.test(l))).toBe(true);
      expect(item(e, 10)).toBe(item(e, 3));
      expect(momentum(e, 10)).toBe(0); // stored, so a restart resumes the zeros
      round(e, 'b'); // version 11 steps from zero momentum
      expect(item(e, 11)).toBeCloseTo(item(e, 3) + 0.1, 3);
      expect(e.store.optimizerStateVersions()).toEqual([9, 10, 11]);
    } finally {
      e.close();
    }
  });

  it('sgd keeps no state, and the window must be at least one version', () => {
    const e = new AggregationEngine({ ...opts(), serverOptimizer: 'sgd' });
    try {
      round(e, 's');
      expect(e.store.optimizerStateVersions()).toEqual([]);
      expect(e.rollbackOptimizerState(1)).toBe('none');
    } finally {
      e.close();
    }
    expect(() => new AggregationEngine({ ...opts(), keepOptimizerStates: 0 })).toThrow(/keepOptimizerStates/);
    expect(() => new AggregationEngine({ ...opts(), keepOptimizerStates: 1.5 })).toThrow(/keepOptimizerStates/);
  });
});
