import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { createSasRec } from '../../../src/model/sasrec';
import type { ModelConfig } from '../../../src/model/model-config';
import { makeTrainingBatch } from '../../../src/model/training-batch';
import { wasmBackend } from './support/wasm';

beforeAll(wasmBackend);

const config: ModelConfig = { numItems: 40, dim: 16, maxLen: 10, blocks: 1, heads: 2, dropout: 0.1, numAttributes: 3, attributesPerItem: 2 };

describe('SasRec with item attributes on WASM', () => {
  it('trains: finite, decreasing loss, attribute embeddings updated, no leaked tensors', () => {
    expect(tf.getBackend()).toBe('wasm');
    const attrs = new Int32Array((config.numItems + 1) * 2);
    for (let i = 1; i <= config.numItems; i++) {
      attrs[i * 2] = (i % 3) + 1;
      if (i % 2 === 0) attrs[i * 2 + 1] = ((i + 1) % 3) + 1; // some items have two attributes
    }
    const model = createSasRec(config, 3, attrs);
    const attrBefore = Array.from(model.getWeights()['attr_emb']!);
    const opt = tf.train.adam(0.01);
    const batch = makeTrainingBatch([[1, 2, 3, 4], [5, 6, 7]], 10, Int32Array.from([8, 9, 10, 2]));
    const l1 = model.trainStep(batch, opt);
    const after = tf.memory().numTensors;
    let l = l1;
    for (let i = 0; i < 15; i++) l = model.trainStep(batch, opt);
    expect(Number.isFinite(l1) && Number.isFinite(l)).toBe(true);
    expect(l).toBeLessThan(l1);
    expect(tf.memory().numTensors).toBe(after);
    expect(Array.from(model.getWeights()['attr_emb']!)).not.toEqual(attrBefore);
    opt.dispose();
    model.dispose();
  });
});
