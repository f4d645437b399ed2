import * as tf from '@tensorflow/tfjs-core';

type CustomFn = Parameters<typeof tf.customGrad>[0];

// μ × cross-entropy with the true class in column 0, plus λ × binary cross-entropy over the
// same logits, with a hand-written gradient: tf.logSumExp's gradient goes through Max → a
// broadcast Equal, the slowest kernel of a training step on the WASM backend.
//   value = mean_rows[ μ·(lse(x) − x₀) + λ·(softplus(−x₀) + mean_{j≥1} softplus(x_j)) ]
//   grad  = dy/T · [ μ·(softmax(x) − e₀) + λ·(σ(x) ⊙ w − e₀) ],  w = (1, 1/S, …, 1/S), S = C − 1
function makeLoss(bceWeight: number, softmaxWeight = 1): (logits: tf.Tensor) => tf.Scalar {
  return tf.customGrad(((logits: tf.Tensor, save: tf.GradSaveFunc) => {
    const [T, C] = logits.shape as [number, number];
    const first = tf.reshape(tf.slice(logits, [0, 0], [T, 1]), [T]);
    // Only the weighted terms are built: μ = 1 (the default) adds no multiply, μ = 0 no softmax.
    let perRow: tf.Tensor | null = null;
    if (softmaxWeight > 0) {
      const ce = tf.sub(tf.logSumExp(logits, 1), first);
      perRow = softmaxWeight === 1 ? ce : tf.mul(ce, softmaxWeight);
    }
    if (bceWeight > 0) {
      const rest = tf.slice(logits, [0, 1], [T, C - 1]);
      const bce = tf.mul(tf.add(tf.softplus(tf.neg(first)), tf.mean(tf.softplus(rest), 1)), bceWeight);
      perRow = perRow ? tf.add(perRow, bce) : bce;
    }
    // checkLossWeights rules out both weights 0, so one term exists.
    const value = tf.mean(perRow!);
    save([logits]);
    return {
      value,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const x = saved[0]!;
        const onehot = tf.tensor2d(Float32Array.from({ length: C }, (_, j) => (j === 0 ? 1 : 0)), [1, C]);
        let g: tf.Tensor | null = null;
        if (softmaxWeight > 0) {
          const dce = tf.sub(tf.softmax(x), onehot);
          g = softmaxWeight === 1 ? dce : tf.mul(dce, softmaxWeight);
        }
        if (bceWeight > 0) {
          const w = tf.tensor2d(Float32Array.from({ length: C }, (_, j) => (j === 0 ? bceWeight : bceWeight / (C - 1))), [1, C]);
          const dbce = tf.mul(tf.sigmoid(x), w);
          g = tf.sub(g ? tf.add(g, dbce) : dbce, tf.mul(onehot, bceWeight));
        }
        return tf.mul(g!, tf.div(dy, T));
      },
    };
  }) as unknown as CustomFn) as unknown as (logits: tf.Tensor) => tf.Scalar;
}

const softmaxOnly = makeLoss(0);
const weighted = new Map<string, (logits: tf.Tensor) => tf.Scalar>();

function checkLogits(logits: tf.Tensor2D): void {
  if (logits.rank !== 2 || logits.shape[0] < 1 || logits.shape[1] < 2) throw new RangeError(`logits must be [T ≥ 1, C ≥ 2], got [${logits.shape.join(', ')}]`);
}

/**
 * The loss weights' rule, for sampledLoss and the trainer's options: each a finite number ≥ 0,
 * not both 0. Throws RangeError naming the weight (`prefix` first, e.g. 'train option ').
 */
export function checkLossWeights(bceWeight: number, softmaxWeight: number, prefix = ''): void {
  for (const [name, w] of [['bceWeight', bceWeight], ['softmaxWeight', softmaxWeight]] as const) {
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) throw new RangeError(`${prefix}${name} must be a finite number ≥ 0, got ${w}`);
  }
  if (bceWeight === 0 && softmaxWeight === 0) throw new RangeError(`${prefix}bceWeight and softmaxWeight cannot both be 0 (no loss to train on)`);
}

/**
 * Mean softmax cross-entropy over rows of `logits` [T, C] whose correct class is column 0
 * (the sampled-softmax layout: target first, then the negatives).
 */
export function firstColumnCrossEntropy(logits: tf.Tensor2D): tf.Scalar {
  checkLogits(logits);
  return softmaxOnly(logits);
}

/**
 * The training loss over sampled-softmax logits [T, C] (column 0 = target, the rest = negatives):
 * `softmaxWeight` × mean softmax cross-entropy plus `bceWeight` × the mean binary cross-entropy of
 * the same logits (−log σ(x₀) − mean_j log(1 − σ(x_j)), SASRec's loss averaged over the
 * negatives). A logit of −1e9 (a masked accidental hit) adds nothing to either term. Weights
 * (0, 1) are exactly firstColumnCrossEntropy; (1, 0) is SASRec's BCE alone. Throws RangeError on
 * a bad shape, a weight that is not finite ≥ 0, or both weights 0.
 */
export function sampledLoss(logits: tf.Tensor2D, bceWeight = 0, softmaxWeight = 1): tf.Scalar {
  checkLogits(logits);
  checkLossWeights(bceWeight, softmaxWeight);
  if (bceWeight === 0 && softmaxWeight === 1) return softmaxOnly(logits);
  const key = `${bceWeight}/${softmaxWeight}`;
  let fn = weighted.get(key);
  if (!fn) {
    fn = makeLoss(bceWeight, softmaxWeight);
    weighted.set(key, fn);
  }
  return fn(logits);
}
