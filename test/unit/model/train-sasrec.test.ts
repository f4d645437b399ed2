import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { createSasRec } from '../../../src/model/sasrec';
import type { ModelConfig } from '../../../src/model/model-config';
import { DEFAULT_TRAIN, trainSasRec } from '../../../src/model/train-sasrec';
import { leaveOneOut } from '../../../src/data/leave-one-out';
import type { Split } from '../../../src/data/leave-one-out';
import { evaluate } from '../../../src/data/evaluate';
import { popularityCounts } from '../../../src/data/popularity';
import { plantedDataset } from './support/planted';
import { wasmBackend } from './support/wasm';

const small: ModelConfig = { numItems: 150, dim: 16, maxLen: 10, blocks: 1, heads: 1, dropout: 0.1 };
const fast = { epochs: 10, batchSize: 32, negatives: 32, learningRate: 0.01, evalEvery: 2, patience: 10, validUsers: 400, seed: 7 };

beforeAll(wasmBackend);

describe('trainSasRec validProtocol', () => {
  it('defaults to full-ranking validation', () => {
    expect(DEFAULT_TRAIN.validProtocol).toBe('full');
  });

  it('early-stops on sampled100 validation and still learns the planted pattern', async () => {
    // 150 items, so the 100 sampled negatives are a real subset of the catalogue.
    const split = leaveOneOut(plantedDataset(150, 400, 11));
    const model = createSasRec(small, 7);
    const result = await trainSasRec(model, split, { ...fast, validProtocol: 'sampled100' });
    expect(result.best?.protocol).toBe('sampled100');
    expect(result.best?.stage).toBe('valid');
    // The kept weights are the best validation ones: re-validating reproduces the best score.
    const again = await evaluate(split, (h) => model.scoreBatch(h), {
      protocol: 'sampled100', stage: 'valid', seed: fast.seed, maxUsers: fast.validUsers, batchSize: 512,
      scoreCandidates: (h, c) => model.scoreCandidates(h, c),
    });
    expect(again['ndcg@10']).toBeCloseTo(result.state.bestNdcg, 5);
    const counts = popularityCounts(split, 'test');
    const pop = await evaluate(split, (h) => h.map(() => counts), { protocol: 'sampled100', stage: 'test' });
    const ours = await evaluate(split, (h) => model.scoreBatch(h), { protocol: 'sampled100', stage: 'test' });
    expect(ours['ndcg@10']).toBeGreaterThan(0.5);
    expect(ours['ndcg@10']).toBeGreaterThan(pop['ndcg@10'] * 2);
    model.dispose();
  });

  it('is reproducible under a seed with sampled100 validation', async () => {
    const split = leaveOneOut(plantedDataset(120, 120, 3));
    const run = async () => {
      const m = createSasRec({ ...small, numItems: 120 }, 5);
      const r = await trainSasRec(m, split, { ...fast, epochs: 2, validProtocol: 'sampled100', seed: 5 });
      const w = m.getWeights();
      m.dispose();
      return { w, ndcg: r.state.bestNdcg };
    };
    const a = await run();
    const b = await run();
    expect(b.ndcg).toBe(a.ndcg);
    expect(Array.from(b.w.item_emb!)).toEqual(Array.from(a.w.item_emb!));
  });

  it('rejects an unknown validation protocol before training', async () => {
    const split = leaveOneOut(plantedDataset(40, 50, 2));
    const model = createSasRec({ ...small, numItems: 40 }, 1);
    const before = model.getWeights().item_emb!.slice();
    await expect(trainSasRec(model, split, { ...fast, validProtocol: 'sampled5' as never })).rejects.toThrow(/validProtocol must be 'full' or 'sampled100'/);
    expect(Array.from(model.getWeights().item_emb!)).toEqual(Array.from(before));
    model.dispose();
  });
});

describe('trainSasRec bceWeight', () => {
  it('rejects a bad bceWeight before training and defaults to the plain sampled softmax', async () => {
    expect(DEFAULT_TRAIN.bceWeight).toBe(0);
    const split = leaveOneOut(plantedDataset(40, 50, 2));
    const model = createSasRec({ ...small, numItems: 40 }, 1);
    const before = model.getWeights().item_emb!.slice();
    for (const bad of [-1, Number.NaN]) {
      await expect(trainSasRec(model, split, { ...fast, bceWeight: bad })).rejects.toThrow(/bceWeight must be a finite number ≥ 0/);
    }
    expect(Array.from(model.getWeights().item_emb!)).toEqual(Array.from(before));
    model.dispose();
  });
});

describe('trainSasRec includeValid (refit on train + validation items)', () => {
  const withItems = (split: Split, f: (u: Split['users'][number]) => Partial<Split['users'][number]>): Split => ({
    ...split,
    users: split.users.map((u) => ({ ...u, ...f(u) })),
  });
  const refit = async (split: Split, includeValid: boolean) => {
    const m = createSasRec({ ...small, numItems: 40 }, 4);
    // One validation at the last epoch and no early stopping: without includeValid the kept
    // weights are then the last epoch's too, so only what is trained on can differ.
    const r = await trainSasRec(m, split, { ...fast, epochs: 2, evalEvery: 100, patience: 100, validUsers: 50, seed: 4, includeValid });
    const w = m.getWeights().item_emb!;
    m.dispose();
    return { w: Array.from(w), r };
  };

  it('defaults to off and rejects a non-boolean before training', async () => {
    expect(DEFAULT_TRAIN.includeValid).toBe(false);
    const split = leaveOneOut(plantedDataset(40, 50, 2));
    const model = createSasRec({ ...small, numItems: 40 }, 1);
    await expect(trainSasRec(model, split, { ...fast, includeValid: 'yes' as never })).rejects.toThrow(/includeValid must be a boolean/);
    model.dispose();
  });

  it('trains on the validation items but never reads the test items, and does not validate', async () => {
    const split = leaveOneOut(plantedDataset(40, 60, 6));
    const shift = (i: number) => (i % 40) + 1;
    const base = await refit(split, true);
    expect(base.r.best).toBeNull();
    expect(base.r.state.history.every((h) => h.validNdcg10 === undefined)).toBe(true);
    expect(base.r.state.epoch).toBe(2);
    expect((await refit(withItems(split, (u) => ({ test: shift(u.test) })), true)).w).toEqual(base.w);
    expect((await refit(withItems(split, (u) => ({ valid: shift(u.valid) })), true)).w).not.toEqual(base.w);
    // Without includeValid the validation items do not change training.
    const plain = await refit(split, false);
    expect((await refit(withItems(split, (u) => ({ valid: shift(u.valid) })), false)).w).toEqual(plain.w);
  });

  it('continues an early-stopped run for the given epochs and keeps the last weights, not the old best', async () => {
    const split = leaveOneOut(plantedDataset(40, 60, 8));
    const model = createSasRec({ ...small, numItems: 40 }, 2);
    const opts = { ...fast, epochs: 2, evalEvery: 1, patience: 1, validUsers: 50, seed: 2 };
    const first = await trainSasRec(model, split, opts);
    first.state.staleEvals = opts.patience; // as a checkpoint that early-stopped
    const oldBest = Array.from(first.state.bestWeights!.item_emb!);
    const optimizer = tf.train.adam(opts.learningRate);
    const r = await trainSasRec(model, split, { ...opts, epochs: 4, includeValid: true }, {}, { state: first.state, optimizer });
    expect(r.state.epoch).toBe(4);
    expect(r.state.bestWeights).toBeNull();
    expect(r.state.history.slice(2).every((h) => h.validNdcg10 === undefined)).toBe(true);
    expect(Array.from(model.getWeights().item_emb!)).not.toEqual(oldBest);
    optimizer.dispose();
    model.dispose();
  });
});
