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
  // indices is an input and saved, not captured: the forward pass runs in a tidy, so an indices
  // tensor made inside it (e.g. attribute ids gathered per item) is disposed before backprop.
  const f = tf.customGrad(((t: tf.Tensor, ids: tf.Tensor, save: tf.GradSaveFunc) => {
    save([ids]);
    return {
      value: tf.engine().runKernel(GATHER_ROWS_KERNEL, { table: t, indices: ids }) as tf.Tensor,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [
        tf.unsortedSegmentSum(tf.reshape(dy, [-1, width]), tf.reshape(saved[0]!, [-1]), rows),
        // Integer indices get no gradient; float zeros keep the tape's dtype check happy.
        tf.zeros(saved[0]!.shape),
      ],
    };
  }) as unknown as CustomFn) as unknown as (t: tf.Tensor, ids: tf.Tensor) => tf.Tensor;
  return f(table, indices);
}
