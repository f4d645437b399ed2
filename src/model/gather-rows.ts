import * as tf from '@tensorflow/tfjs-core';
import { GATHER_ROWS_KERNEL } from './wasm-kernels';

type CustomFn = Parameters<typeof tf.customGrad>[0];

/**
 * Rows of `table` [rows, width] at int32 `indices` (any shape) → [...indices.shape, width],
 * differentiable in `table` (gradient: UnsortedSegmentSum). Uses Hearth's fast JS kernel on the
 * WASM backend when registered (registerWasmKernels), tf.gather elsewhere.
 */
export function gatherRows(table: tf.Tensor, indices: tf.Tensor): tf.Tensor {
  const backend = tf.getBackend();
  if (backend !== 'wasm' || !tf.getKernel(GATHER_ROWS_KERNEL, 'wasm')) return tf.gather(table, indices);
  const [rows, width] = table.shape as [number, number];
  const f = tf.customGrad(((t: tf.Tensor, save: tf.GradSaveFunc) => {
    save([]);
    return {
      value: tf.engine().runKernel(GATHER_ROWS_KERNEL, { table: t, indices }) as tf.Tensor,
      gradFunc: (dy: tf.Tensor) => tf.unsortedSegmentSum(tf.reshape(dy, [-1, width]), tf.reshape(indices, [-1]), rows),
    };
  }) as unknown as CustomFn) as unknown as (t: tf.Tensor) => tf.Tensor;
  return f(table);
}
