import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { wasmBackend } from './support/wasm';

beforeAll(wasmBackend);

describe('registerWasmKernels', () => {
  it('UnsortedSegmentSum on wasm matches the CPU backend (repeated and out-of-range ids)', async () => {
    const x = [[1, 2], [3, 4], [5, 6], [7, 8]];
    const ids = [2, 0, 2, 9];
    const run = () => tf.tidy(() => tf.unsortedSegmentSum(tf.tensor2d(x), tf.tensor1d(ids, 'int32'), 4).arraySync());
    expect(tf.getBackend()).toBe('wasm');
    const onWasm = run();
    await tf.setBackend('cpu');
    const onCpu = run();
    await tf.setBackend('wasm');
    expect(onWasm).toEqual([[3, 4], [0, 0], [6, 8], [0, 0]]);
    expect(onWasm).toEqual(onCpu);
  });
});
