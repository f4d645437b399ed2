import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSasRec } from '../../../src/model/sasrec';
import { compactCapacity, createCompactScratch, fineTuneCompact } from '../../../src/federated/compact-fine-tune';
import { fineTuneOnHistory, planFineTune } from '../../../src/federated/local-training';
import { computeLocalUpdate } from '../../../src/federated/local-update';
import { seededRandom } from '../../../src/federated/random';

// No dropout: the compact and the full model then compute exactly the same steps.
const ARCH = { numItems: 60, dim: 8, maxLen: 6, blocks: 1, heads: 1, dropout: 0 };
const OPTS = { steps: 3, learningRate: 0.3, negatives: 5 };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function movedRows(a: Float32Array, b: Float32Array, dim: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < a.length / dim; r++) {
    for (let j = 0; j < dim; j++) if (a[r * dim + j] !== b[r * dim + j]) { out.push(r); break; }
  }
  return out;
}

describe('compact fine-tuning (only the item rows a device can reach)', () => {
  it('gives the same loss and weights as fine-tuning the full model', () => {
    const full = createSasRec(ARCH, 3);
    const global = full.getWeights();
    // Longer than maxLen + 1: only the last 7 items feed a batch.
    const history = [50, 4, 9, 33, 12, 7, 41, 18, 2, 29];
    const ref = fineTuneOnHistory(full, history, { ...OPTS, random: seededRandom(5) });
    const after = full.getWeights();
    const compact = fineTuneCompact(ARCH, global, history, { ...OPTS, random: seededRandom(5) });
    expect(compact.loss).toBeCloseTo(ref.loss, 4);
    // The reached rows: padding, the last maxLen + 1 items, every sampled negative.
    const plan = planFineTune(ARCH.numItems, history, { ...OPTS, random: seededRandom(5) });
    const reach = new Set([0, ...history.slice(-7), ...plan.negatives.flatMap((n) => [...n])]);
    expect([...compact.rows]).toEqual([...reach].sort((a, b) => a - b));
    for (const r of movedRows(global.item_emb!, after.item_emb!, ARCH.dim)) expect(reach.has(r)).toBe(true);
    compact.rows.forEach((r, k) => {
      for (let j = 0; j < ARCH.dim; j++) expect(compact.itemRows[k * ARCH.dim + j]).toBeCloseTo(after.item_emb![r * ARCH.dim + j]!, 5);
    });
    for (const [name, v] of Object.entries(compact.dense)) {
      for (let i = 0; i < v.length; i++) expect(v[i]).toBeCloseTo(after[name]![i]!, 5);
    }
    expect(movedRows(global.item_emb!, full.getWeights().item_emb!, ARCH.dim)).not.toContain(50); // outside the window
    full.dispose();
  });

  it('a reused scratch model gives the same result and leaks no tensors', () => {
    const m = createSasRec(ARCH, 4);
    const global = m.getWeights();
    const scratch = createCompactScratch(ARCH, OPTS.steps, OPTS.negatives);
    expect(scratch.model.config.numItems + 1).toBe(compactCapacity(ARCH, OPTS.steps, OPTS.negatives));
    const tensors = tf.memory().numTensors;
    const a = fineTuneCompact(ARCH, global, [3, 8, 9], { ...OPTS, random: seededRandom(1) }, scratch);
    const b = fineTuneCompact(ARCH, global, [3, 8, 9], { ...OPTS, random: seededRandom(1) });
    expect(tf.memory().numTensors).toBe(tensors);
    expect([...a.rows]).toEqual([...b.rows]);
    expect(a.itemRows.length).toBe(a.rows.length * ARCH.dim);
    for (let i = 0; i < a.itemRows.length; i++) expect(a.itemRows[i]).toBeCloseTo(b.itemRows[i]!, 5);
    // A scratch model too small for the request, or of another architecture, is refused.
    const small = createCompactScratch(ARCH, 1, 2);
    expect(() => fineTuneCompact(ARCH, global, [3, 8, 9], { ...OPTS, random: seededRandom(1) }, small)).toThrow(/holds \d+ rows/);
    const other = createCompactScratch({ ...ARCH, dim: 4 }, OPTS.steps, OPTS.negatives);
    expect(() => fineTuneCompact(ARCH, global, [3, 8, 9], { ...OPTS, random: seededRandom(1) }, other)).toThrow(/another architecture/);
    for (const s of [scratch, small, other]) s.dispose();
    m.dispose();
  });

  it('rejects bad input: attribute models, short or out-of-range histories, wrong tables, bad options', () => {
    const global = createSasRec(ARCH, 1);
    const w = global.getWeights();
    const r = seededRandom(1);
    expect(() => fineTuneCompact({ ...ARCH, numAttributes: 3, attributesPerItem: 1 }, w, [1, 2], { random: r })).toThrow(/attribute/);
    expect(() => createCompactScratch({ ...ARCH, numAttributes: 3, attributesPerItem: 1 }, 1, 1)).toThrow(/attribute/);
    expect(() => createCompactScratch(ARCH, 0, 1)).toThrow(/integers ≥ 1/);
    expect(() => fineTuneCompact(ARCH, w, [1], { random: r })).toThrow(/at least 2/);
    expect(() => fineTuneCompact(ARCH, w, [1, 61], { random: r })).toThrow(/outside/);
    expect(() => fineTuneCompact(ARCH, { ...w, item_emb: new Float32Array(3) }, [1, 2], { random: r })).toThrow(/item_emb/);
    expect(() => fineTuneCompact(ARCH, w, [1, 2], { steps: 1.5, random: r })).toThrow(/steps/);
    expect(() => fineTuneCompact(ARCH, w, [1, 2], { learningRate: -1, random: r })).toThrow(/learningRate/);
    expect(() => fineTuneCompact(ARCH, w, [1, 2], { random: 3 as never })).toThrow(/random/);
    global.dispose();
  });

  it('computeLocalUpdate keeps personal weights in the model, or leaves it alone when asked', () => {
    const m = createSasRec(ARCH, 2);
    const global = m.getWeights();
    const privacy = { clipNorm: 1, sparseTensors: ['item_emb'], rowsPerUpdate: 20 };
    const kept = computeLocalUpdate(m, global, 1, [5, 6, 7, 8], privacy, { ...OPTS, random: seededRandom(2), updateId: 'a' });
    expect(m.getWeights().item_emb).toEqual(kept.personalWeights.item_emb);
    expect(kept.personalWeights.item_emb).not.toEqual(global.item_emb);
    m.setWeights(global);
    const left = computeLocalUpdate(m, global, 1, [5, 6, 7, 8], privacy, { ...OPTS, random: seededRandom(2), updateId: 'b', leaveModel: true });
    expect(m.getWeights().item_emb).toEqual(global.item_emb);
    // Same seed, same update: the real rows (history window + negatives that moved) are sent.
    expect([...left.update.sparse[0]!.rowIds]).toEqual([...kept.update.sparse[0]!.rowIds]);
    for (const r of [5, 6, 7, 8]) expect(left.update.sparse[0]!.rowIds).toContain(r);
    m.dispose();
  });
});
