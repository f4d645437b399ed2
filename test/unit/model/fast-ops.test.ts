import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { matMul } from '../../../src/model/matmul';
import { gatherRows } from '../../../src/model/gather-rows';
import { firstColumnCrossEntropy } from '../../../src/model/softmax-loss';
import { dropoutWithSeed } from '../../../src/model/dropout-mask';
import { wasmBackend } from './support/wasm';

beforeAll(wasmBackend);

const close = (a: tf.Tensor, b: tf.Tensor) => {
  const x = a.dataSync();
  const y = b.dataSync();
  expect(x.length).toBe(y.length);
  x.forEach((v, i) => expect(v).toBeCloseTo(y[i]!, 4));
};

describe('WASM fast paths agree with the tfjs reference ops (values and gradients)', () => {
  it('matMul (plain, transposed, batched)', () => {
    tf.tidy(() => {
      const a = tf.randomNormal([5, 3], 0, 1, 'float32', 1);
      const b = tf.randomNormal([3, 4], 0, 1, 'float32', 2);
      const bt = tf.randomNormal([4, 3], 0, 1, 'float32', 3);
      close(matMul(a, b), tf.matMul(a, b));
      close(matMul(a, bt, true), tf.matMul(a, bt, false, true));
      const ours = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.square(matMul(x, y, true))))([a, bt]);
      const ref = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.square(tf.matMul(x, y, false, true))))([a, bt]);
      close(ours[0]!, ref[0]!);
      close(ours[1]!, ref[1]!);
      const q = tf.randomNormal([2, 1, 3, 4], 0, 1, 'float32', 4);
      const k = tf.randomNormal([2, 1, 3, 4], 0, 1, 'float32', 5);
      close(tf.grad((x: tf.Tensor) => tf.sum(matMul(x, k, true)))(q), tf.grad((x: tf.Tensor) => tf.sum(tf.matMul(x, k, false, true)))(q));
    });
  });

  it('gatherRows and its gradient (repeated indices)', () => {
    tf.tidy(() => {
      const t = tf.randomNormal([6, 3], 0, 1, 'float32', 6);
      const idx = tf.tensor2d([[1, 1], [5, 0]], [2, 2], 'int32');
      close(gatherRows(t, idx), tf.gather(t, idx));
      const w = tf.randomNormal([2, 2, 3], 0, 1, 'float32', 7);
      close(tf.grad((x: tf.Tensor) => tf.sum(tf.mul(gatherRows(x, idx), w)))(t), tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.gather(x, idx), w)))(t));
    });
  });

  it('first-column cross-entropy and its gradient', () => {
    tf.tidy(() => {
      const z = tf.randomNormal([4, 6], 0, 2, 'float32', 8) as tf.Tensor2D;
      const ref = (x: tf.Tensor) => tf.mean(tf.sub(tf.logSumExp(x, 1), tf.reshape(tf.slice(x, [0, 0], [4, 1]), [4])));
      close(firstColumnCrossEntropy(z), ref(z));
      close(tf.grad((x: tf.Tensor) => firstColumnCrossEntropy(x as tf.Tensor2D))(z), tf.grad(ref)(z));
    });
    expect(() => firstColumnCrossEntropy(tf.zeros([3, 1]) as tf.Tensor2D)).toThrow(/C ≥ 2/);
  });

  it('dropout masks are seeded, scaled and about the right rate', () => {
    tf.tidy(() => {
      const x = tf.ones([100, 100]);
      const a = dropoutWithSeed(x, 0.25, 11).dataSync();
      expect(Array.from(dropoutWithSeed(x, 0.25, 11).dataSync())).toEqual(Array.from(a));
      const zeros = a.filter((v) => v === 0).length / a.length;
      expect(zeros).toBeGreaterThan(0.22);
      expect(zeros).toBeLessThan(0.28);
      expect(a.find((v) => v !== 0)).toBeCloseTo(1 / 0.75, 6);
    });
  });
});
