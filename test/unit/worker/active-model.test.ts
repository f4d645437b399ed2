import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { describe, expect, it } from 'vitest';
import { buildActiveModel } from '../../../src/worker/active-model';
import { tinyArtifacts } from './support/tiny-model';

const cosine = (e: Float32Array, dim: number, a: number, b: number) => {
  let ab = 0, aa = 0, bb = 0;
  for (let j = 0; j < dim; j++) {
    ab += e[a * dim + j]! * e[b * dim + j]!;
    aa += e[a * dim + j]! ** 2;
    bb += e[b * dim + j]! ** 2;
  }
  return ab / Math.sqrt(aa * bb);
};

describe('buildActiveModel similarity', () => {
  it('is the cosine of the item vectors, and follows new weights (a personal fine-tune)', async () => {
    await tf.setBackend('cpu');
    const m = await buildActiveModel(await tinyArtifacts(1));
    const dim = m.sasrec.config.dim;
    const before = m.sasrec.getWeights().item_emb!;
    expect(m.similarity(3, 7)).toBeCloseTo(cosine(before, dim, 3, 7), 5);

    // Other item vectors, as setWeights after on-device fine-tuning would leave them.
    const w = m.sasrec.getWeights();
    const changed = w.item_emb!.map((v, i) => (i % 3 === 0 ? -v : v * 2));
    m.sasrec.setWeights({ ...w, item_emb: changed });
    const want = cosine(changed, dim, 3, 7);
    expect(Math.abs(want - cosine(before, dim, 3, 7))).toBeGreaterThan(1e-3);
    expect(m.similarity(3, 7)).toBeCloseTo(want, 5);
    // evidence (the reasons) uses the same vectors.
    const att = new Float32Array([1]);
    expect(m.evidence([3], 7, att)[0]).toBeCloseTo(Math.max(0, want), 5);
    m.dispose();
  });
});
