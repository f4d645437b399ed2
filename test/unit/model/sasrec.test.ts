import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { createSasRec } from '../../../src/model/sasrec';
import type { ModelConfig } from '../../../src/model/model-config';
import { trainSasRec } from '../../../src/model/train-sasrec';
import { makeTrainingBatch } from '../../../src/model/training-batch';
import { leaveOneOut } from '../../../src/data/leave-one-out';
import { evaluate } from '../../../src/data/evaluate';
import { popularityCounts } from '../../../src/data/popularity';
import { plantedDataset } from './support/planted';
import { wasmBackend } from './support/wasm';

const small: ModelConfig = { numItems: 40, dim: 16, maxLen: 10, blocks: 1, heads: 2, dropout: 0.1 };
const fast = { epochs: 12, batchSize: 32, negatives: 32, learningRate: 0.01, evalEvery: 3, patience: 10, validUsers: 300, seed: 7 };

beforeAll(wasmBackend);

describe('SasRec', () => {
  it('learns a planted sequential pattern far above popularity', async () => {
    const split = leaveOneOut(plantedDataset());
    const model = createSasRec(small, 7);
    const result = await trainSasRec(model, split, fast);
    const ours = await evaluate(split, (h) => model.scoreBatch(h), { protocol: 'full', stage: 'test' });
    const counts = popularityCounts(split, 'test');
    const pop = await evaluate(split, (h) => h.map(() => counts), { protocol: 'full', stage: 'test' });
    expect(result.state.bestNdcg).toBeGreaterThan(0.5);
    expect(ours['ndcg@10']).toBeGreaterThan(0.5);
    expect(ours['ndcg@10']).toBeGreaterThan(pop['ndcg@10'] * 3);
    model.dispose();
  });

  it('is reproducible under a seed and differs across seeds', async () => {
    const split = leaveOneOut(plantedDataset(30, 120, 3));
    const run = async (seed: number) => {
      const m = createSasRec({ ...small, numItems: 30 }, seed);
      await trainSasRec(m, split, { ...fast, epochs: 2, evalEvery: 2, seed });
      const w = m.getWeights();
      const s = m.scoreAll([1, 2, 3]);
      m.dispose();
      return { w, s };
    };
    const a = await run(5);
    const b = await run(5);
    const c = await run(6);
    expect(Array.from(b.s)).toEqual(Array.from(a.s));
    expect(Array.from(b.w.item_emb!)).toEqual(Array.from(a.w.item_emb!));
    expect(Array.from(c.s)).not.toEqual(Array.from(a.s));
  });

  it('scores all items, explains with attention weights, and leaks no tensors', () => {
    const model = createSasRec({ ...small, maxLen: 4 }, 1);
    const before = tf.memory().numTensors;
    const s = model.scoreAll([3, 4, 5]);
    expect(s).toHaveLength(41);
    const batch = model.scoreBatch([[3, 4, 5], [7]]);
    expect(Array.from(batch[0]!)).toEqual(Array.from(s));
    const why = model.explain([1, 2, 3, 4, 5, 6]);
    expect(why).toHaveLength(6);
    expect(why[0]).toBe(0); // older than maxLen: no influence
    expect(why[1]).toBe(0);
    expect(Array.from(why).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('trains through the WASM gather gradient (UnsortedSegmentSum) without leaking', () => {
    const model = createSasRec(small, 2);
    const opt = tf.train.adam(0.01);
    const batch = makeTrainingBatch([[1, 2, 3, 4], [5, 6]], 10, Int32Array.from([7, 8, 9, 2]));
    expect(batch.length).toBe(3); // padded to the longest in the batch, not maxLen
    const l1 = model.trainStep(batch, opt);
    const after = tf.memory().numTensors;
    let l = l1;
    for (let i = 0; i < 20; i++) l = model.trainStep(batch, opt);
    expect(l).toBeLessThan(l1);
    expect(tf.memory().numTensors).toBe(after);
    opt.dispose();
    model.dispose();
  });

  it('scales the step by batch.lossScale: the loss and the SGD step both double at scale 2', () => {
    const batch = makeTrainingBatch([[1, 2, 3, 4], [5, 6]], 10, Int32Array.from([7, 8, 9, 2]));
    const step = (scale?: number) => {
      const model = createSasRec({ ...small, dropout: 0 }, 4);
      const before = model.getWeights().item_emb!;
      const loss = model.trainStep({ ...batch, lossScale: scale }, tf.train.sgd(0.1));
      const delta = model.getWeights().item_emb!.map((v, i) => v - before[i]!);
      model.dispose();
      return { loss, delta };
    };
    const one = step();
    const two = step(2);
    expect(two.loss).toBeCloseTo(2 * one.loss, 5);
    const k = one.delta.findIndex((v) => Math.abs(v) > 1e-4);
    expect(two.delta[k]! / one.delta[k]!).toBeCloseTo(2, 3);
    const model = createSasRec(small, 4);
    for (const bad of [0, -1, Number.NaN, Infinity]) expect(() => model.trainStep({ ...batch, lossScale: bad }, tf.train.sgd(0.1))).toThrow(/lossScale must be a finite number > 0/);
    model.dispose();
  });

  it('uses item attributes when configured', () => {
    const attrs = new Int32Array(41 * 2);
    attrs[2 * 2] = 1; // item 2 has attribute 1
    const model = createSasRec({ ...small, numAttributes: 3, attributesPerItem: 2 }, 1, attrs);
    expect(model.weightSpecs().some((s) => s.name === 'attr_emb')).toBe(true);
    expect(model.scoreAll([2])).toHaveLength(41);
    model.dispose();
  });

  it('rejects bad input with clear errors', () => {
    expect(() => createSasRec({ ...small, dim: 15 }, 1)).toThrow(/divisible/);
    expect(() => createSasRec({ ...small, numItems: 0 }, 1)).toThrow(/numItems/);
    expect(() => createSasRec(small, 1.5)).toThrow(/seed/);
    const model = createSasRec(small, 1);
    expect(() => model.scoreAll([0])).toThrow(/outside \[1, 40\]/);
    expect(() => model.scoreAll([41])).toThrow(/outside/);
    expect(() => model.setWeights({ nope: new Float32Array(1) })).toThrow(/unknown weight 'nope'/);
    expect(() => model.setWeights({ item_emb: new Float32Array(3) })).toThrow(/item_emb/);
    const opt = tf.train.adam();
    expect(() => model.trainStep(makeTrainingBatch([[1, 2]], 10, Int32Array.from([99])), opt)).toThrow(/outside/);
    model.dispose();
    expect(() => model.scoreAll([1])).toThrow(/disposed/);
  });
});

describe('SasRec.scoreCandidates', () => {
  beforeAll(wasmBackend);
  it('agrees with scoreBatch on the candidates and gives the same sampled100 metrics', async () => {
    const split = leaveOneOut(plantedDataset(150, 200, 9));
    const model = createSasRec({ ...small, numItems: 150 }, 4);
    const h = [[1, 2, 3], [9]];
    const c = [[5, 6, 7], [1, 150, 2]];
    const fast = model.scoreCandidates(h, c);
    const full = model.scoreBatch(h);
    c.forEach((list, b) => list.forEach((item, k) => expect(fast[b]![k]).toBeCloseTo(full[b]![item]!, 4)));
    const opts = { protocol: 'sampled100' as const, stage: 'test' as const, seed: 2 };
    const a = await evaluate(split, (x) => model.scoreBatch(x), opts);
    const b = await evaluate(split, (x) => model.scoreBatch(x), { ...opts, scoreCandidates: (x, y) => model.scoreCandidates(x, y) });
    expect(b['ndcg@10']).toBeCloseTo(a['ndcg@10'], 3);
    expect(() => model.scoreCandidates(h, [[1], [2, 3]])).toThrow(/equal length/);
    model.dispose();
  });
});
