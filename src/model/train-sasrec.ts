import * as tf from '@tensorflow/tfjs-core';
import type { Split } from '../data/leave-one-out';
import { evaluate, isProtocol } from '../data/evaluate';
import type { EvalReport, Protocol } from '../data/evaluate';
import { createRng, shuffleInPlace } from '../data/rng';
import type { NamedWeights, SasRec } from './sasrec';
import { makeTrainingBatch, trainingSequences } from './training-batch';
import { checkLossWeights } from './softmax-loss';
import { targetLossScales } from './target-loss-scales';

/** Knobs of the training loop (defaults in DEFAULT_TRAIN). */
export interface TrainOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Adam's β2 (second-moment decay), in (0, 1); default 0.999, SASRec's code uses 0.98. */
  adamBeta2: number;
  /** Shared uniform negatives per step for the sampled softmax. */
  negatives: number;
  /**
   * Weight λ of a binary cross-entropy term added to the sampled softmax over the same logits
   * (target vs each uniform negative, as SASRec's loss); 0 = sampled softmax only.
   */
  bceWeight: number;
  /**
   * Weight μ of the sampled softmax cross-entropy; 0 with bceWeight 1 is SASRec's own loss (BCE
   * of the target against uniform negatives, here averaged over the shared ones). Default 1.
   */
  softmaxWeight: number;
  /**
   * What each step's loss averages over: 'batch' (default: every batch's mean counts the same)
   * or 'target' (each batch's mean scaled by its target count over the epoch's mean, so every
   * target counts the same, as in SASRec's randomly drawn batches; see targetLossScales).
   */
  lossWeighting: LossWeighting;
  /** Stop after this many validations without a better validation NDCG@10. */
  patience: number;
  /** Validate every this many epochs. */
  evalEvery: number;
  /** Validation users (a seeded sample, scored on their valid item). */
  validUsers: number;
  /**
   * Protocol of the validation metric that early stopping watches: `full` (all items) or
   * `sampled100` (the target against 100 seeded unseen items). Match the protocol you report.
   */
  validProtocol: Protocol;
  seed: number;
  /**
   * Also fit each user's validation item (a final refit once settings were chosen on validation;
   * the test item is still never seen). Validation would then score trained-on items, so none
   * runs: no early stopping, `epochs` or the time budget ends training, and the last weights are
   * kept (a resumed checkpoint's best-validation weights are dropped).
   */
  includeValid: boolean;
  /**
   * Wall-clock budget in seconds (default: none): an epoch starts only if the previous epoch
   * (with its validation) would still fit, so training ends within the budget.
   */
  maxSeconds?: number;
}

/** See TrainOptions.lossWeighting. */
export type LossWeighting = 'batch' | 'target';

/** Defaults picked from measured runs on Beauty (see QUALITY.md). */
export const DEFAULT_TRAIN: TrainOptions = {
  epochs: 200,
  batchSize: 256,
  learningRate: 2e-3,
  adamBeta2: 0.999,
  negatives: 256,
  bceWeight: 0,
  softmaxWeight: 1,
  lossWeighting: 'batch',
  patience: 5,
  evalEvery: 2,
  validUsers: 3000,
  validProtocol: 'full',
  seed: 42,
  includeValid: false,
};

/** Adam's β1 (first-moment decay): tfjs's and SASRec's default, fixed. */
export const ADAM_BETA1 = 0.9;

/** Where training stands; enough to resume exactly (with the optimizer state). */
export interface TrainState {
  /** Epochs completed. */
  epoch: number;
  bestNdcg: number;
  bestEpoch: number;
  /** Validations since the best one. */
  staleEvals: number;
  bestWeights: NamedWeights | null;
  history: { epoch: number; loss: number; validNdcg10?: number; seconds: number }[];
}

/** Callbacks: progress per batch, after each epoch (checkpoint here), and a stop request. */
export interface TrainHooks {
  onBatch?: (done: number, total: number, loss: number, epoch: number) => void;
  onEpoch?: (state: TrainState, optimizer: tf.AdamOptimizer) => void | Promise<void>;
}

/** Result: the best validation report and the final state (model holds the best weights). */
export interface TrainResult {
  state: TrainState;
  best: EvalReport | null;
  seconds: number;
}

/** A fresh state (for a new run). */
export function initialTrainState(): TrainState {
  return { epoch: 0, bestNdcg: -1, bestEpoch: 0, staleEvals: 0, bestWeights: null, history: [] };
}

/**
 * Trains `model` on the training part of `split` (plus the validation items with `includeValid`) with Adam and sampled softmax (plus `bceWeight` × BCE), batches bucketed
 * by length (padded only to their own longest sequence), validating on validation NDCG@10
 * (`validProtocol`) and early-stopping on it (neither with `includeValid`); test items are never looked at. Deterministic for a
 * seed on one backend; pass `state`/`optimizer` from a checkpoint to resume. Leaves the best
 * weights in the model.
 */
export async function trainSasRec(
  model: SasRec,
  split: Split,
  options: Partial<TrainOptions> = {},
  hooks: TrainHooks = {},
  resume?: { state: TrainState; optimizer: tf.AdamOptimizer },
): Promise<TrainResult> {
  const o = { ...DEFAULT_TRAIN, ...options };
  validateTrainOptions(o);
  const started = performance.now();
  const sequences = trainingSequences(split.users, o.includeValid);
  if (sequences.length === 0) throw new RangeError('no user has the 2 training interactions a next-item target needs');
  const optimizer = resume?.optimizer ?? tf.train.adam(o.learningRate, ADAM_BETA1, o.adamBeta2);
  const state = resume?.state ?? initialTrainState();
  // A refit never validates, so weights kept from an earlier validation would undo it.
  if (o.includeValid) state.bestWeights = null;
  const numItems = model.config.numItems;
  let best: EvalReport | null = null;
  const validate = () =>
    evaluate(split, (h) => model.scoreBatch(h), {
      protocol: o.validProtocol,
      stage: 'valid',
      seed: o.seed,
      maxUsers: o.validUsers,
      batchSize: 512,
      scoreCandidates: (h, c) => model.scoreCandidates(h, c),
    });
  const deadline = started + (o.maxSeconds ?? Infinity) * 1000;
  // The longest epoch so far (training + validation), to keep the last one inside the budget.
  let longestMs = 0;
  while (state.epoch < o.epochs && (o.includeValid || state.staleEvals < o.patience) && performance.now() + longestMs < deadline) {
    const t0 = performance.now();
    // Each epoch's randomness depends only on (seed, epoch), so a resumed run sees the same batches.
    const rng = createRng(o.seed * 100_003 + state.epoch);
    const batches = bucketBatches(sequences, o.batchSize, rng);
    const scales = o.lossWeighting === 'target' ? targetLossScales(batches, model.config.maxLen) : null;
    let lossSum = 0;
    for (let b = 0; b < batches.length; b++) {
      const negatives = new Int32Array(o.negatives);
      for (let k = 0; k < negatives.length; k++) negatives[k] = 1 + rng.int(numItems);
      const batch = makeTrainingBatch(batches[b]!, model.config.maxLen, negatives);
      batch.seed = state.epoch * 100_000 + b;
      batch.bceWeight = o.bceWeight;
      batch.softmaxWeight = o.softmaxWeight;
      if (scales) batch.lossScale = scales[b];
      const loss = model.trainStep(batch, optimizer);
      if (!Number.isFinite(loss)) throw new Error(`training diverged (loss ${loss}) at epoch ${state.epoch + 1}, batch ${b + 1}`);
      lossSum += loss;
      hooks.onBatch?.(b + 1, batches.length, loss, state.epoch + 1);
    }
    state.epoch++;
    const entry: TrainState['history'][number] = { epoch: state.epoch, loss: lossSum / batches.length, seconds: (performance.now() - t0) / 1000 };
    if (!o.includeValid && (state.epoch % o.evalEvery === 0 || state.epoch === o.epochs)) {
      const report = await validate();
      entry.validNdcg10 = report['ndcg@10'];
      if (report['ndcg@10'] > state.bestNdcg) {
        Object.assign(state, { bestNdcg: report['ndcg@10'], bestEpoch: state.epoch, staleEvals: 0, bestWeights: model.getWeights() });
        best = report;
      } else {
        state.staleEvals++;
      }
    }
    state.history.push(entry);
    await hooks.onEpoch?.(state, optimizer);
    longestMs = Math.max(longestMs, performance.now() - t0);
  }
  if (state.bestWeights) model.setWeights(state.bestWeights);
  return { state, best, seconds: (performance.now() - started) / 1000 };
}

/**
 * Groups sequences of similar length (random order among equal lengths) into batches and
 * shuffles the batch order, so padding stays small without a fixed curriculum.
 */
export function bucketBatches(sequences: readonly number[][], batchSize: number, rng: ReturnType<typeof createRng>): number[][][] {
  const order = shuffleInPlace(sequences.map((_, i) => i), rng);
  order.sort((a, b) => sequences[a]!.length - sequences[b]!.length);
  const batches: number[][][] = [];
  for (let s = 0; s < order.length; s += batchSize) batches.push(order.slice(s, s + batchSize).map((i) => sequences[i]!));
  return shuffleInPlace(batches, rng);
}

function validateTrainOptions(o: TrainOptions): void {
  const pos = (k: keyof TrainOptions, int = true) => {
    const v = o[k];
    if (typeof v !== 'number' || !(v > 0) || (int && !Number.isInteger(v))) throw new RangeError(`train option ${k} must be a positive ${int ? 'integer' : 'number'}, got ${v}`);
  };
  (['epochs', 'batchSize', 'negatives', 'patience', 'evalEvery', 'validUsers'] as const).forEach((k) => pos(k));
  pos('learningRate', false);
  if (typeof o.adamBeta2 !== 'number' || !(o.adamBeta2 > 0 && o.adamBeta2 < 1)) throw new RangeError(`train option adamBeta2 must be in (0, 1), got ${o.adamBeta2}`);
  if (o.maxSeconds !== undefined) pos('maxSeconds', false);
  checkLossWeights(o.bceWeight, o.softmaxWeight, 'train option ');
  if (!isProtocol(o.validProtocol)) throw new RangeError(`train option validProtocol must be 'full' or 'sampled100', got ${String(o.validProtocol)}`);
  if (o.lossWeighting !== 'batch' && o.lossWeighting !== 'target') throw new RangeError(`train option lossWeighting must be 'batch' or 'target', got ${String(o.lossWeighting)}`);
  if (typeof o.includeValid !== 'boolean') throw new RangeError(`train option includeValid must be a boolean, got ${String(o.includeValid)}`);
  if (!Number.isInteger(o.seed)) throw new RangeError(`train option seed must be an integer, got ${o.seed}`);
}
