import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCheckpoint, saveCheckpoint } from '../../../src/cli/checkpoint';
import { createSasRec } from '../../../src/model/sasrec';
import type { ModelConfig } from '../../../src/model/model-config';
import { wasmBackend } from '../model/support/wasm';

beforeAll(wasmBackend);

const config: ModelConfig = { numItems: 20, dim: 8, maxLen: 4, blocks: 1, heads: 1, dropout: 0 };
const accBetas = (o: tf.AdamOptimizer) => {
  const a = o as unknown as { accBeta1: tf.Variable; accBeta2: tf.Variable };
  return [a.accBeta1.dataSync()[0], a.accBeta2.dataSync()[0]];
};

describe('loadCheckpoint', () => {
  it('restores Adam bias correction bit-exactly after any number of steps', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hearth-ckpt-'));
    const model = createSasRec(config, 1);
    const optimizer = tf.train.adam(0.01);
    const x = tf.variable(tf.ones([3]));
    const state = { epoch: 0, bestNdcg: 0, bestEpoch: 0, staleEvals: 0, history: [], bestWeights: null };
    const mismatched: number[] = [];
    for (let step = 1; step <= 60; step++) {
      optimizer.minimize(() => tf.sum(tf.square(x)));
      await saveCheckpoint(dir, model, state, optimizer, {});
      const { optimizer: resumed } = await loadCheckpoint(dir, model, 0.01);
      // Both optimizers' next step must use the same β powers as the uninterrupted run.
      if (accBetas(resumed).join() !== accBetas(optimizer).join()) mismatched.push(step);
      resumed.dispose();
    }
    expect(mismatched).toEqual([]);
  });
});
