import { beforeAll, describe, expect, it } from 'vitest';
import { createSasRec } from '../../../src/model/sasrec';
import type { NamedWeights } from '../../../src/model/sasrec';
import { forwardLast } from '../../../src/model/inference-forward';
import { validateConfig } from '../../../src/model/model-config';
import type { ModelConfig } from '../../../src/model/model-config';
import { weightSpecs } from '../../../src/model/weight-specs';
import { trainSasRec } from '../../../src/model/train-sasrec';
import { leaveOneOut } from '../../../src/data/leave-one-out';
import { evaluate } from '../../../src/data/evaluate';
import { popularityCounts } from '../../../src/data/popularity';
import { plantedDataset } from './support/planted';
import { wasmBackend } from './support/wasm';

beforeAll(wasmBackend);

// dim 6 with 2 heads: head size 3, and the JS dense product's one-column tail runs too.
const cfg: ModelConfig = { numItems: 30, dim: 6, maxLen: 5, blocks: 2, heads: 2, dropout: 0.4, layout: 'sasrec' };

/**
 * SASRec's inference forward pass for one unpadded history, in float64, transcribed from
 * kang205/SASRec's model.py and modules.py (not from Hearth's code): seq = item_emb·√d + pos;
 * per block Q = dense(LN(seq)), K = dense(seq), V = dense(seq), seq = softmax(QKᵀ/√dh, causal)·V
 * + LN(seq); then seq = FFN(LN(seq)) + LN(seq); finally LN(seq). Returns the newest position's vector.
 */
function reference(w: NamedWeights, c: ModelConfig, window: number[]): number[] {
  const { dim: d, heads: H, maxLen } = c;
  const L = window.length;
  const dh = d / H;
  const ln = (rows: number[][], g: Float32Array, b: Float32Array) =>
    rows.map((r) => {
      const m = r.reduce((a, v) => a + v, 0) / d;
      const v = r.reduce((a, x) => a + (x - m) ** 2, 0) / d;
      return r.map((x, j) => ((x - m) / Math.sqrt(v + 1e-6)) * g[j]! + b[j]!);
    });
  const dense = (rows: number[][], W: Float32Array, b: Float32Array) => rows.map((r) => Array.from({ length: d }, (_, o) => r.reduce((a, x, i) => a + x * W[i * d + o]!, b[o]!)));
  let seq = window.map((item, t) => Array.from({ length: d }, (_, j) => w.item_emb![item * d + j]! * Math.sqrt(d) + w.pos_emb![(maxLen - L + t) * d + j]!));
  for (let k = 0; k < c.blocks; k++) {
    const p = `block${k}/`;
    const queries = ln(seq, w[`${p}ln1_gamma`]!, w[`${p}ln1_beta`]!);
    const Q = dense(queries, w[`${p}wq`]!, w[`${p}bq`]!);
    const K = dense(seq, w[`${p}wk`]!, w[`${p}bk`]!);
    const V = dense(seq, w[`${p}wv`]!, w[`${p}bv`]!);
    const att = queries.map((qrow, i) => {
      const out = [...qrow];
      for (let h = 0; h < H; h++) {
        const logits = Array.from({ length: i + 1 }, (_, j) => {
          let s = 0;
          for (let u = 0; u < dh; u++) s += Q[i]![h * dh + u]! * K[j]![h * dh + u]!;
          return s / Math.sqrt(dh);
        });
        const max = Math.max(...logits);
        const e = logits.map((x) => Math.exp(x - max));
        const total = e.reduce((a, x) => a + x, 0);
        for (let j = 0; j <= i; j++) for (let u = 0; u < dh; u++) out[h * dh + u] += (e[j]! / total) * V[j]![h * dh + u]!;
      }
      return out;
    });
    const inputs = ln(att, w[`${p}ln2_gamma`]!, w[`${p}ln2_beta`]!);
    const inner = dense(inputs, w[`${p}w1`]!, w[`${p}b1`]!).map((r) => r.map((x) => Math.max(x, 0)));
    seq = dense(inner, w[`${p}w2`]!, w[`${p}b2`]!).map((r, t) => r.map((x, j) => x + inputs[t]![j]!));
  }
  return ln(seq, w.final_ln_gamma!, w.final_ln_beta!)[L - 1]!;
}

/** Random non-trivial values for every weight (trained LN gammas/betas and biases are not 1/0). */
function randomWeights(c: ModelConfig, seed: number): NamedWeights {
  let s = seed;
  const rand = () => ((s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31) * 2 - 1;
  return Object.fromEntries(weightSpecs(c).map((spec) => [spec.name, Float32Array.from({ length: spec.shape.reduce((a, b) => a * b, 1) }, () => rand() * (spec.name.includes('emb') ? 0.3 : 0.6))]));
}

describe("the 'sasrec' layout (kang205/SASRec's block)", () => {
  it('has no attention output projection and starts its embeddings Glorot-uniform', () => {
    const names = weightSpecs(cfg).map((s) => s.name);
    expect(names.filter((n) => /\/(wo|bo)$/.test(n))).toEqual([]);
    const preLn = weightSpecs({ ...cfg, layout: undefined });
    expect(preLn.length - names.length).toBe(2 * cfg.blocks);
    const m = createSasRec({ ...cfg, numItems: 2000, dim: 50 }, 1);
    const emb = m.getWeights().item_emb!;
    const limit = Math.sqrt(6 / (2001 + 50));
    let max = 0;
    let sq = 0;
    for (const v of emb) {
      max = Math.max(max, Math.abs(v));
      sq += v * v;
    }
    expect(max).toBeLessThanOrEqual(limit);
    // Uniform(−a, a) has standard deviation a/√3.
    expect(Math.sqrt(sq / emb.length)).toBeCloseTo(limit / Math.sqrt(3), 3);
    m.dispose();
  });

  it("scores like SASRec's own forward pass, in the tfjs model and in the JS inference path", () => {
    const m = createSasRec(cfg, 5);
    const w = randomWeights(cfg, 99);
    m.setWeights(w);
    for (const window of [[4], [30, 2, 17], [1, 9, 9, 22, 5]]) {
      const ref = reference(w, cfg, window);
      const { vector } = forwardLast(w, cfg, m.itemAttributes, window);
      ref.forEach((r, j) => expect(Math.abs(vector[j]! - r), `JS ${window.join()} [${j}]`).toBeLessThan(1e-4));
      const scores = m.scoreAll(window);
      for (const item of [1, 13, 30]) {
        const expected = ref.reduce((a, r, j) => a + r * w.item_emb![item * cfg.dim + j]!, 0);
        expect(Math.abs(scores[item]! - expected), `tfjs ${window.join()} item ${item}`).toBeLessThan(1e-4);
      }
    }
    // The same weights under the pre-LN layout (minus wo/bo it lacks) give other scores.
    const pre = createSasRec({ ...cfg, layout: undefined }, 5);
    pre.setWeights(w);
    expect(Math.abs(pre.scoreAll([30, 2, 17])[13]! - m.scoreAll([30, 2, 17])[13]!)).toBeGreaterThan(1e-3);
    pre.dispose();
    m.dispose();
  });

  it('learns a planted sequential pattern far above popularity', async () => {
    const split = leaveOneOut(plantedDataset());
    const model = createSasRec({ numItems: 40, dim: 16, maxLen: 10, blocks: 1, heads: 2, dropout: 0.1, layout: 'sasrec' }, 7);
    await trainSasRec(model, split, { epochs: 12, batchSize: 32, negatives: 32, learningRate: 0.01, adamBeta2: 0.98, evalEvery: 3, patience: 10, validUsers: 300, seed: 7 });
    const ours = await evaluate(split, (h) => model.scoreBatch(h), { protocol: 'full', stage: 'test' });
    const counts = popularityCounts(split, 'test');
    const pop = await evaluate(split, (h) => h.map(() => counts), { protocol: 'full', stage: 'test' });
    expect(ours['ndcg@10']).toBeGreaterThan(0.5);
    expect(ours['ndcg@10']).toBeGreaterThan(pop['ndcg@10'] * 3);
    model.dispose();
  });

  it('rejects an unknown layout by name', () => {
    expect(() => validateConfig({ ...cfg, layout: 'post-ln' })).toThrow(/layout must be 'pre-ln' or 'sasrec', got "post-ln"/);
    expect(validateConfig({ ...cfg, layout: 'pre-ln' }).layout).toBe('pre-ln');
  });
});
