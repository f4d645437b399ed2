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

/** What fine-tuning did: mean loss and the number of steps. */
export interface LocalTrainingResult {
  loss: number;
  steps: number;
}

/** The resolved plan of a fine-tune: per step its sampled negatives and dropout seed. */
export interface FineTunePlan {
  steps: number;
  learningRate: number;
  negatives: Int32Array[];
  seeds: number[];
}

/**
 * Validates the options and `history` against `numItems` (RangeError naming the problem) and
 * draws every step's negatives (uniform over 1..numItems) and dropout seed from `o.random`, in
 * step order, so that a fine-tune is reproducible from one seeded source.
 */
export function planFineTune(numItems: number, history: readonly number[], o: LocalTrainingOptions): FineTunePlan {
  const steps = o.steps ?? 5;
  const lr = o.learningRate ?? 0.05;
  const nNeg = o.negatives ?? 64;
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError('fineTuneOnHistory: steps must be an integer ≥ 1');
  if (!(lr > 0 && Number.isFinite(lr))) throw new RangeError('fineTuneOnHistory: learningRate must be > 0');
  if (!Number.isInteger(nNeg) || nNeg < 1) throw new RangeError('fineTuneOnHistory: negatives must be an integer ≥ 1');
  if (typeof o.random !== 'function') throw new TypeError('fineTuneOnHistory: random must be a function');
  if (!Array.isArray(history) || history.length < 2) throw new RangeError('fineTuneOnHistory: history needs at least 2 items');
  for (const i of history) if (!Number.isInteger(i) || i < 1 || i > numItems) throw new RangeError(`fineTuneOnHistory: item index ${i} outside 1..${numItems}`);
  const negatives: Int32Array[] = [];
  const seeds: number[] = [];
  for (let s = 0; s < steps; s++) {
    const neg = new Int32Array(nNeg);
    for (let k = 0; k < nNeg; k++) neg[k] = 1 + Math.floor(o.random() * numItems);
    negatives.push(neg);
    seeds.push(Math.floor(o.random() * 2 ** 31));
  }
  return { steps, learningRate: lr, negatives, seeds };
}

/**
 * Runs a plan's SGD steps on `model` over one item sequence (indices valid for this model) with
 * the same `trainStep` the offline trainer uses. Returns the mean loss.
 */
export function runFineTunePlan(model: SasRec, history: readonly number[], plan: FineTunePlan): number {
  const optimizer = tf.train.sgd(plan.learningRate);
  let loss = 0;
  try {
    for (let s = 0; s < plan.steps; s++) {
      const batch = makeTrainingBatch([history], model.config.maxLen, plan.negatives[s]!);
      batch.seed = plan.seeds[s]!;
      loss += model.trainStep(batch, optimizer);
    }
  } finally {
    optimizer.dispose();
  }
  return loss / plan.steps;
}

/**
 * Fine-tunes `model` in place on one user's item sequence (item indices, oldest first; needs
 * ≥ 2 items) with the same `trainStep` the offline trainer uses. Throws a RangeError on bad input.
 */
export function fineTuneOnHistory(model: SasRec, history: readonly number[], o: LocalTrainingOptions): LocalTrainingResult {
  const plan = planFineTune(model.config.numItems, history, o);
  return { loss: runFineTunePlan(model, history, plan), steps: plan.steps };
}
