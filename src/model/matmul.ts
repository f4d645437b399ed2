import * as tf from '@tensorflow/tfjs-core';

// tfjs-backend-wasm 4.22 runs BatchMatMul with transposeA/transposeB 5–15x slower than a plain
// product of explicitly transposed inputs (measured: see QUALITY.md). tf.matMul's own gradient
// uses those transposed forms, so the model multiplies through this helper instead.

function swapLast(t: tf.Tensor): tf.Tensor {
  const r = t.rank;
  const perm = Array.from({ length: r }, (_, i) => i);
  perm[r - 2] = r - 1;
  perm[r - 1] = r - 2;
  return tf.transpose(t, perm);
}

type CustomFn = Parameters<typeof tf.customGrad>[0];

const product = tf.customGrad(((a: tf.Tensor, b: tf.Tensor, save: tf.GradSaveFunc) => {
  save([a, b]);
  return {
    value: tf.matMul(a, b),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [tf.matMul(dy, swapLast(saved[1]!)), tf.matMul(swapLast(saved[0]!), dy)],
  };
}) as unknown as CustomFn) as unknown as (a: tf.Tensor, b: tf.Tensor) => tf.Tensor;

/**
 * a·b (or a·bᵀ with `transposeB`) for rank ≥ 2 tensors of equal rank, with a gradient made only
 * of plain (untransposed) matmuls — the fast path on the WASM backend.
 */
export function matMul(a: tf.Tensor, b: tf.Tensor, transposeB = false): tf.Tensor {
  return product(a, transposeB ? swapLast(b) : b);
}
