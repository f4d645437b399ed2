import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { gatherRows } from '../../../src/model/gather-rows';
import { wasmBackend } from './support/wasm';

beforeAll(wasmBackend);

describe('gatherRows', () => {
  it('differentiates through indices made inside the forward pass (disposed before backprop) like tf.gather on CPU', async () => {
    const table = [[1, 2], [3, 4], [5, 6], [7, 8]];
    const lookup = [[0, 2], [3, 0], [2, 2]];
    // The index tensor is derived inside f, as SasRec does for attribute ids: the forward tidy frees it.
    const run = (gather: (t: tf.Tensor, i: tf.Tensor) => tf.Tensor) =>
      tf.tidy(() => {
        const t = tf.tensor2d(table);
        const ids = tf.tensor1d([0, 1, 2], 'int32');
        const map = tf.tensor2d(lookup, [3, 2], 'int32');
        const { value, grads } = tf.valueAndGrads((x: tf.Tensor) => tf.sum(tf.mul(gather(x, tf.gather(map, ids)), tf.tensor1d([1, 10]))))([t]);
        return [value.arraySync(), grads[0]!.arraySync()];
      });
    expect(tf.getBackend()).toBe('wasm');
    const before = tf.memory().numTensors;
    const onWasm = run(gatherRows);
    expect(tf.memory().numTensors).toBe(before);
    await tf.setBackend('cpu');
    const onCpu = run((t, i) => tf.gather(t, i));
    await tf.setBackend('wasm');
    expect(onWasm).toEqual(onCpu);
    expect(onWasm[1]).toEqual([[2, 20], [0, 0], [3, 30], [1, 10]]);
  });
});
