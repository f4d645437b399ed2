import { beforeAll, describe, expect, it } from 'vitest';
import { createSasRec } from '../../../src/model/sasrec';
import type { ModelConfig } from '../../../src/model/model-config';
import { DEFAULT_TRAIN, trainSasRec } from '../../../src/model/train-sasrec';
import { leaveOneOut } from '../../../src/data/leave-one-out';
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
