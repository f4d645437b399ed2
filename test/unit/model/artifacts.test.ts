import { beforeAll, describe, expect, it } from 'vitest';
import { createSasRec } from '../../../src/model/sasrec';
import type { SasRec } from '../../../src/model/sasrec';
import { loadModel, serializeModel } from '../../../src/model/artifacts';
import type { ModelArtifacts } from '../../../src/model/model-manifest';
import { trainSasRec } from '../../../src/model/train-sasrec';
import { leaveOneOut } from '../../../src/data/leave-one-out';
import { evaluate } from '../../../src/data/evaluate';
import { toHalf } from '../../../src/model/quantize';
import { plantedDataset } from './support/planted';
import { wasmBackend } from './support/wasm';

const ds = plantedDataset(40, 300, 2);
const split = leaveOneOut(ds);
const info = { items: ds.items, popularity: new Float32Array(41).fill(1), metrics: { validNdcg10: 0.5 } };
let model: SasRec;

beforeAll(async () => {
  await wasmBackend();
  model = createSasRec({ numItems: 40, dim: 16, maxLen: 10, blocks: 1, heads: 1, dropout: 0.1 }, 3);
  await trainSasRec(model, split, { epochs: 6, batchSize: 32, negatives: 32, learningRate: 0.01, evalEvery: 3, patience: 5, validUsers: 300, seed: 3 });
}, 120_000);

const ndcg = async (m: SasRec) => (await evaluate(split, (h) => m.scoreBatch(h), { protocol: 'full', stage: 'test' }))['ndcg@10'];
const clone = (a: ModelArtifacts): ModelArtifacts => ({
  modelJson: structuredClone(a.modelJson),
  manifest: structuredClone(a.manifest),
  weightData: a.weightData.slice(0),
});

describe('artifacts', () => {
  it('fp32 export → load gives identical scores and a complete manifest', async () => {
    const a = await serializeModel(model, info);
    expect(a.manifest.formatVersion).toBe(1);
    expect(a.manifest.items).toEqual(ds.items);
    expect(a.manifest.weightFiles[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(a.manifest.weightFiles.reduce((n, f) => n + f.bytes, 0)).toBe(a.weightData.byteLength);
    expect(a.modelJson.weightsManifest[0]!.weights.map((w) => w.name)).toContain('item_emb');
    const { model: loaded } = await loadModel(a);
    for (const h of [[1, 2, 3], [7], [5, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]]) {
      expect(Array.from(loaded.scoreAll(h))).toEqual(Array.from(model.scoreAll(h)));
    }
    loaded.dispose();
  });

  it('fp16 and int8 are smaller and stay within tolerance of fp32', async () => {
    const base = await ndcg(model);
    const fp32 = await serializeModel(model, info);
    // int8 keeps vectors (LN, biases) in fp32, which weigh more in a tiny model than in a real one.
    for (const [precision, maxBytes, tol] of [['fp16', 0.55, 0.01], ['int8', 0.35, 0.02]] as const) {
      const a = await serializeModel(model, { ...info, precision });
      expect(a.weightData.byteLength).toBeLessThan(fp32.weightData.byteLength * maxBytes);
      const { model: q } = await loadModel(a);
      const diff = Math.abs((await ndcg(q)) - base) / base;
      expect(diff).toBeLessThanOrEqual(tol);
      const s = q.scoreAll([1, 2, 3]);
      const r = model.scoreAll([1, 2, 3]);
      const maxErr = Math.max(...Array.from(s, (v, i) => Math.abs(v - r[i]!)));
      expect(maxErr).toBeLessThan(precision === 'fp16' ? 0.05 : 0.5);
      q.dispose();
    }
  });

  it('rejects a weight file whose sha256 does not match', async () => {
    const a = clone(await serializeModel(model, info));
    new Uint8Array(a.weightData)[100]! ^= 0xff;
    await expect(loadModel(a)).rejects.toThrow(/sha256 mismatch/);
  });

  it('rejects dimension mismatches between manifest, model.json and weights', async () => {
    const a = await serializeModel(model, info);
    const b = clone(a);
    b.manifest.config.dim = 32;
    await expect(loadModel(b)).rejects.toThrow(/dimension mismatch/);
    const c = clone(a);
    c.manifest.config.numItems = 39;
    c.modelJson.modelTopology.config.numItems = 39;
    c.manifest.items = c.manifest.items.slice(0, 40);
    c.manifest.popularity = c.manifest.popularity.slice(0, 40);
    await expect(loadModel(c)).rejects.toThrow(/dimension mismatch: weight 'item_emb'/);
    const d = clone(a);
    d.manifest.formatVersion = 99;
    await expect(loadModel(d)).rejects.toThrow(/formatVersion 99/);
    const e = clone(a);
    e.weightData = e.weightData.slice(0, 100);
    await expect(loadModel(e)).rejects.toThrow(/bytes/);
  });

  it('round-trips attribute tables', async () => {
    const attrs = new Int32Array(41 * 2).map((_, i) => (i >= 2 ? 1 + (i % 3) : 0));
    const m = createSasRec({ numItems: 40, dim: 8, maxLen: 5, blocks: 1, heads: 1, dropout: 0, numAttributes: 3, attributesPerItem: 2 }, 1, attrs);
    const { model: loaded } = await loadModel(await serializeModel(m, info));
    expect(Array.from(loaded.itemAttributes)).toEqual(Array.from(attrs));
    expect(Array.from(loaded.scoreAll([4, 5]))).toEqual(Array.from(m.scoreAll([4, 5])));
    loaded.dispose();
    m.dispose();
  });

  it('encodes IEEE half floats', () => {
    expect(toHalf(1)).toBe(0x3c00);
    expect(toHalf(-2)).toBe(0xc000);
    expect(toHalf(0.5)).toBe(0x3800);
    expect(toHalf(65504)).toBe(0x7bff);
    expect(toHalf(1e6)).toBe(0x7c00);
    expect(toHalf(0)).toBe(0);
  });
});
