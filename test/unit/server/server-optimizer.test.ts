import { describe, expect, it } from 'vitest';
import { encodeUpdate } from '../../../src/protocol';
import { AggregationEngine } from '../../../src/server/aggregation-engine';
import { cryptoGaussianFill } from '../../../src/server/gaussian-noise';
import { unpackWeights } from '../../../src/server/model-weights-file';
import { checkOptimizerSettings, optimizerStep, packOptimizerState, unpackOptimizerState, zeroOptimizerState } from '../../../src/server/server-optimizer';
import type { ServerOptimizerSettings } from '../../../src/server/server-optimizer';
import { expectStandardNormal } from './normal-check';
import { tempStore, tinySeed, tinyUpdate } from './fixtures';

const noNoise = () => { throw new Error('no noise expected'); };
const base: ServerOptimizerSettings = { kind: 'sgd', lr: 2, beta1: 0.9, beta2: 0.99, tau: 1e-3 };

describe('server optimizers', () => {
  it('sgd: w += lr·Δ exactly without noise, and lr·(Δ + sd·N(0,1)) with it, across chunks', () => {
    const w = Float32Array.from([1, 2]);
    optimizerStep(base, w, Float32Array.from([0.5, -1]), 0, noNoise, new Float64Array(1), null);
    expect([...w]).toEqual([2, 0]);
    const n = 300_001;
    const d = Float32Array.from({ length: n }, (_, i) => (i % 7) * 0.01);
    const v = new Float32Array(n);
    optimizerStep({ ...base, lr: 2 }, v, d, 0.5, cryptoGaussianFill(), new Float64Array(4096), null);
    expectStandardNormal(Float64Array.from(v, (x, i) => (x - 2 * d[i]!) / (2 * 0.5)));
  });

  it('a float64 sum with scale 1/n steps exactly like its float32 mean', () => {
    const sum = Float64Array.from([3, -1.5, 0.75]);
    for (const kind of ['sgd', 'momentum', 'adam'] as const) {
      const s = { ...base, kind };
      const a = Float32Array.from([1, 2, 3]);
      const b = a.slice();
      optimizerStep(s, a, sum, 0, noNoise, new Float64Array(2), zeroOptimizerState(kind, [{ name: 'x', shape: [3], offset: 0 }])?.get('x') ?? null, 1 / 3);
      optimizerStep(s, b, Float32Array.from([1, -0.5, 0.25]), 0, noNoise, new Float64Array(2), zeroOptimizerState(kind, [{ name: 'x', shape: [3], offset: 0 }])?.get('x') ?? null);
      expect(a).toEqual(b);
    }
    expect(() => optimizerStep(base, new Float32Array(1), new Float64Array(1), 0, noNoise, new Float64Array(1), null, NaN)).toThrow(/scale/);
  });

  it('momentum and adam match hand-computed steps over two rounds', () => {
    // momentum, β1 = 0.5, lr = 1: m1 = Δ1 = 2 → w = 3; m2 = 0.5·2 + (−1) = 0 → w stays 3.
    const mom = { ...base, kind: 'momentum' as const, lr: 1, beta1: 0.5 };
    const ms = { m: new Float32Array(1), v: null };
    const w = Float32Array.from([1]);
    optimizerStep(mom, w, Float32Array.from([2]), 0, noNoise, new Float64Array(8), ms);
    expect(w[0]).toBe(3);
    optimizerStep(mom, w, Float32Array.from([-1]), 0, noNoise, new Float64Array(8), ms);
    expect(w[0]).toBe(3);
    expect(ms.m[0]).toBe(0);
    // adam, β1 = 0.5, β2 = 0.75, τ = 0.5, lr = 1, Δ = 4 then 0:
    // m1 = 2, v1 = 4, w1 = 0 + 2/(2 + 0.5) = 0.8; m2 = 1, v2 = 3, w2 = 0.8 + 1/(√3 + 0.5).
    const adam = { ...base, kind: 'adam' as const, lr: 1, beta1: 0.5, beta2: 0.75, tau: 0.5 };
    const as = { m: new Float32Array(1), v: new Float32Array(1) };
    const a = new Float32Array(1);
    optimizerStep(adam, a, Float32Array.from([4]), 0, noNoise, new Float64Array(8), as);
    expect(a[0]).toBeCloseTo(0.8, 6);
    expect([as.m[0], as.v[0]]).toEqual([2, 4]);
    optimizerStep(adam, a, Float32Array.from([0]), 0, noNoise, new Float64Array(8), as);
    expect(a[0]).toBeCloseTo(0.8 + 1 / (Math.sqrt(3) + 0.5), 6);
  });

  it('validates settings and state, and round-trips state through its packed form', () => {
    expect(() => checkOptimizerSettings({ ...base, kind: 'rmsprop' as never })).toThrow(/kind/);
    expect(() => checkOptimizerSettings({ ...base, beta1: 1 })).toThrow(/beta1/);
    expect(() => checkOptimizerSettings({ ...base, beta2: -0.1 })).toThrow(/beta2/);
    expect(() => checkOptimizerSettings({ ...base, tau: 0 })).toThrow(/tau/);
    expect(() => checkOptimizerSettings({ ...base, lr: Infinity })).toThrow(/learning rate/);
    expect(() => optimizerStep({ ...base, kind: 'adam' }, new Float32Array(2), new Float32Array(2), 0, noNoise, new Float64Array(2), { m: new Float32Array(2), v: null })).toThrow(/state/);
    const layout = [{ name: 'a', shape: [2, 2], offset: 0 }, { name: 'b', shape: [3], offset: 16 }];
    expect(zeroOptimizerState('sgd', layout)).toBeNull();
    const s = zeroOptimizerState('adam', layout)!;
    s.get('a')!.m.set([1, 2, 3, 4]);
    s.get('b')!.v!.set([5, 6, 7]);
    const packed = packOptimizerState(s, layout);
    expect(packed.byteLength).toBe(2 * 7 * 4);
    expect(unpackOptimizerState('adam', packed, layout)).toEqual(s);
    expect(unpackOptimizerState('momentum', packed, layout)).toBeNull(); // sizes differ
  });

  it('the engine keeps the state in SQLite: a restart resumes it, a rollback restores the version\'s state', () => {
    const file = tempStore();
    const opts = { store: file, seed: tinySeed(), minUpdates: 1, noiseMultiplier: 0, serverOptimizer: 'momentum' as const, serverBeta1: 0.5, serverLearningRate: 1 };
    const item = (e: AggregationEngine, v: number) => { const m = e.store.model(v)!; return unpackWeights(m.weights, m.tensors)[0]!.values[2 * 4]!; };
    let e = new AggregationEngine(opts);
    try {
      // Every round applies Δ = 0.1 to row 2 (item_emb starts at 0.1): momentum 0.1, 0.15, 0.175.
      const round = (id: string) => { expect(e.submit(encodeUpdate(tinyUpdate(id, e.version)), id).ok).toBe(true); e.runRound(); };
      round('a');
      expect(item(e, 2)).toBeCloseTo(0.2, 3);
      e.close();
      e = new AggregationEngine(opts); // restart: m = 0.1 is read back
      round('b');
      expect(item(e, 3)).toBeCloseTo(0.35, 3);
      e.rollback(2); // version 4 = version 2's weights, and its state m = 0.1
      round('c');
      expect(item(e, 5)).toBeCloseTo(0.2 + 0.15, 3);
      e.close();
      // Another optimizer on the same store starts from zeros instead of reading foreign state.
      e = new AggregationEngine({ ...opts, serverOptimizer: 'adam', serverLearningRate: 0.01 });
      round('d');
      expect(e.version).toBe(6);
    } finally {
      e.close();
    }
    expect(() => new AggregationEngine({ ...opts, store: tempStore(), serverOptimizer: 'nesterov' as never })).toThrow(/server optimizer/);
  });
});
