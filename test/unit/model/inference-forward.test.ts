import { beforeAll, describe, expect, it } from 'vitest';
import { createSasRec } from '../../../src/model/sasrec';
import { createForwardMemo, forwardLast } from '../../../src/model/inference-forward';
import type { ModelConfig } from '../../../src/model/model-config';
import { wasmBackend } from './support/wasm';

const cfg: ModelConfig = { numItems: 40, dim: 12, maxLen: 5, blocks: 3, heads: 3, dropout: 0.3 };

beforeAll(wasmBackend);

describe('forwardLast (JS inference forward pass)', () => {
  // dim 12 uses only the four-column path of the dense products; dim 6 also the one-column rest.
  it.each([cfg, { ...cfg, dim: 6, heads: 2 }])('gives the tfjs model the same attention and, through scoreAndExplain, the same scores (3 blocks, dim $dim, $heads heads)', (cfg) => {
    const m = createSasRec(cfg, 11);
    const w = m.getWeights();
    for (const window of [[7], [1, 40, 3], [5, 5, 5, 9, 2]]) {
      const { vector, attention } = forwardLast(w, m.config, m.itemAttributes, window);
      expect(vector.length).toBe(cfg.dim);
      const ref = m.explain(window);
      for (let t = 0; t < window.length; t++) expect(Math.abs(attention[t]! - ref[t]!)).toBeLessThanOrEqual(1e-5);
      const all = m.scoreAll(window);
      // score of item i = vector · item vector i.
      for (const i of [1, 17, 40]) {
        let s = 0;
        for (let j = 0; j < cfg.dim; j++) s += vector[j]! * w.item_emb![i * cfg.dim + j]!;
        expect(Math.abs(s - all[i]!)).toBeLessThanOrEqual(1e-5);
      }
    }
    m.dispose();
  });

  it('rejects an empty or over-long window', () => {
    const m = createSasRec(cfg, 12);
    expect(() => forwardLast(m.getWeights(), m.config, m.itemAttributes, [])).toThrow(/1\.\.5 items/);
    expect(() => forwardLast(m.getWeights(), m.config, m.itemAttributes, [1, 2, 3, 4, 5, 6])).toThrow(/1\.\.5 items/);
    m.dispose();
  });

  it('createForwardMemo: reuses the last answer only for the same weights object and an equal window', () => {
    const m = createSasRec(cfg, 13);
    const w = m.getWeights();
    const memo = createForwardMemo();
    const a = memo(w, m.config, m.itemAttributes, [1, 40, 3]);
    expect(Array.from(a.vector)).toEqual(Array.from(forwardLast(w, m.config, m.itemAttributes, [1, 40, 3]).vector));
    // An equal window (a new array) is a hit: the same answer object.
    expect(memo(w, m.config, m.itemAttributes, [1, 40, 3])).toBe(a);
    // Another window, or another weights object with the same values, is computed afresh.
    const b = memo(w, m.config, m.itemAttributes, [1, 40, 4]);
    expect(b).not.toBe(a);
    expect(Array.from(b.vector)).toEqual(Array.from(forwardLast(w, m.config, m.itemAttributes, [1, 40, 4]).vector));
    const w2 = m.getWeights();
    const c = memo(w2, m.config, m.itemAttributes, [1, 40, 4]);
    expect(c).not.toBe(b);
    expect(Array.from(c.vector)).toEqual(Array.from(b.vector));
    // Changed weights (a new object, as SasRec makes per weight version) give the new answer.
    const w3 = { ...w, item_emb: w.item_emb!.map((x) => x * 2) };
    expect(Array.from(memo(w3, m.config, m.itemAttributes, [1, 40, 4]).vector)).toEqual(Array.from(forwardLast(w3, m.config, m.itemAttributes, [1, 40, 4]).vector));
    expect(() => memo(w, m.config, m.itemAttributes, [])).toThrow(/1\.\.5 items/);
    m.dispose();
  });
});
