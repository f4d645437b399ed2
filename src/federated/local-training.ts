// On-device fine-tuning: a few SGD steps of the shared model module on this device's history.
import * as tf from '@tensorflow/tfjs-core';
import type { SasRec } from '../model/sasrec';
import { makeTrainingBatch } from '../model/training-batch';
import type { Random } from './random';

/** Knobs of local fine-tuning. */
export interface LocalTrainingOptions {
  /** Optimisation steps on this device's sequence (default 5). */
  steps?: number;
  /** SGD learning rate (default 0.05). Plain SGD keeps no state, and only touched rows move. */
  learningRate?: number;
  /** Sampled-softmax negatives per step (default 64). */
  negatives?: number;
  random: Random;
}

/** What fine-tuning did: mean loss and the item rows it touched (history + negatives). */
export interface LocalTrainingResult {
  loss: number;
  steps: number;
}

/**
 * Fine-tunes `model` in place on one user's item sequence (item indices, oldest first; needs
 * ≥ 2 items) with the same `trainStep` the offline trainer uses. Throws a RangeError on bad input.
 */
export function fineTuneOnHistory(model: SasRec, history: readonly number[], o: LocalTrainingOptions): LocalTrainingResult {
  const steps = o.steps ?? 5;
  const lr = o.learningRate ?? 0.05;
  const nNeg = o.negatives ?? 64;
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError('fineTuneOnHistory: steps must be an integer ≥ 1');
  if (!(lr > 0 && Number.isFinite(lr))) throw new RangeError('fineTuneOnHistory: learningRate must be > 0');
  if (!Number.isInteger(nNeg) || nNeg < 1) throw new RangeError('fineTuneOnHistory: negatives must be an integer ≥ 1');
  const numItems = model.config.numItems;
  if (!Array.isArray(history) || history.length < 2) throw new RangeError('fineTuneOnHistory: history needs at least 2 items');
  for (const i of history) if (!Number.isInteger(i) || i < 1 || i > numItems) throw new RangeError(`fineTuneOnHistory: item index ${i} outside 1..${numItems}`);
  const optimizer = tf.train.sgd(lr);
  let loss = 0;
  try {
    for (let s = 0; s < steps; s++) {
      const negatives = new Int32Array(nNeg);
      for (let k = 0; k < nNeg; k++) negatives[k] = 1 + Math.floor(o.random() * numItems);
      const batch = makeTrainingBatch([history], model.config.maxLen, negatives);
      batch.seed = Math.floor(o.random() * 2 ** 31);
      loss += model.trainStep(batch, optimizer);
    }
  } finally {
    optimizer.dispose();
  }
  return { loss: loss / steps, steps };
}
