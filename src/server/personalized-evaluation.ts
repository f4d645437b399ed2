// What a device shows: the global model moved a share α towards its fine-tune on that device's own
// history (the SDK's on-device step), scored on the user's held-out item.
import type { Split, Stage, UserSplit } from '../data/leave-one-out';
import { evalCase } from '../data/leave-one-out';
import type { ModelConfig } from '../model/model-config';
import { forwardLast } from '../model/inference-forward';
import type { NamedWeights, SasRec } from '../model/sasrec';
import type { Quantisation } from '../protocol';
import { createCompactScratch } from '../federated/compact-fine-tune';
import { planFineTune } from '../federated/local-training';
import { computeLocalUpdate } from '../federated/local-update';
import { checkPersonalWeight } from '../federated/personal-weight';
import { seededRandom } from '../federated/random';
import { userNdcg } from './per-user-ndcg';

/** The on-device fine-tune to evaluate: unset steps / lr / negatives take the SDK's defaults. */
export interface PersonalizationOptions {
  steps?: number;
  learningRate?: number;
  negatives?: number;
  /** Personal weight α in [0, 1] the device shows its fine-tune with (default: the SDK's). */
  personalWeight?: number;
  /** Upload settings the device's call also gets (they shape only the update, not the kept weights). */
  clipNorm: number;
  rowsPerUpdate: number;
  quantisation: Quantisation;
  /** Seeds each user's negatives and dropout (user k gets the same draws from any start weights). */
  seed: number;
}

/** The fine-tune settings in force once the SDK's defaults fill the unset ones. */
export interface ResolvedFineTune {
  steps: number;
  learningRate: number;
  negatives: number;
  personalWeight: number;
}

/** Per-user personalised NDCG@10 and what it took. */
export interface PersonalizedResult {
  /** Element k belongs to users[k]. */
  ndcg: Float64Array;
  /** Users whose history allowed a fine-tune (≥ 2 items); the others keep the global model, as a device does. */
  personalized: number;
  fineTune: ResolvedFineTune;
  /** CPU milliseconds per user: fine-tune (with the update the device builds) and scoring. */
  cpuMsPerUser: number;
}

/**
 * Resolves the fine-tune settings the way the device does (`planFineTune`'s defaults and
 * `DEFAULT_PERSONAL_WEIGHT` for unset values); throws a RangeError for invalid ones.
 */
export function resolveFineTune(o: Pick<PersonalizationOptions, 'steps' | 'learningRate' | 'negatives' | 'personalWeight'>): ResolvedFineTune {
  const plan = planFineTune(2, [1, 2], { steps: o.steps, learningRate: o.learningRate, negatives: o.negatives, random: seededRandom(0) });
  const personalWeight = checkPersonalWeight(o.personalWeight, 'personalWeight');
  return { steps: plan.steps, learningRate: plan.learningRate, negatives: plan.negatives[0]!.length, personalWeight };
}

/**
 * Scores of every item (index 0 = padding) for a user vector under `w`: item row plus the mean of
 * its present attribute rows, dotted with `vector` — SasRec's output layer, in plain JS, so a
 * per-user weight set costs no catalogue-sized tensor work. Agrees with `scoreBatch` to float32 rounding.
 */
export function allItemScores(w: NamedWeights, config: ModelConfig, itemAttributes: Int32Array, vector: Float32Array): Float32Array {
  const d = config.dim;
  const n = config.numItems + 1;
  const item = w.item_emb;
  if (!(item instanceof Float32Array) || item.length !== n * d) throw new RangeError(`allItemScores: item_emb must hold ${n * d} values`);
  if (vector.length !== d) throw new RangeError(`allItemScores: vector must hold ${d} values`);
  const P = config.attributesPerItem ?? 0;
  let attrDot: Float64Array | null = null;
  if (P > 0) {
    const attr = w.attr_emb;
    if (!(attr instanceof Float32Array) || attr.length % d !== 0) throw new RangeError('allItemScores: attr_emb missing or misshaped');
    if (itemAttributes.length !== n * P) throw new RangeError(`allItemScores: itemAttributes must hold ${n * P} entries`);
    attrDot = new Float64Array(attr.length / d);
    for (let a = 0; a < attrDot.length; a++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += vector[j]! * attr[a * d + j]!;
      attrDot[a] = s;
    }
  }
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += vector[j]! * item[i * d + j]!;
    if (attrDot) {
      let sa = 0;
      let present = 0;
      for (let k = 0; k < P; k++) {
        const a = itemAttributes[i * P + k]!;
        if (a !== 0) { sa += attrDot[a]!; present++; }
      }
      s += sa / Math.max(present, 1);
    }
    out[i] = s;
  }
  return out;
}

/** Scores of every item for `history` (oldest first, ≥ 1 item) under weights `w`, as recommend() computes them. */
export function scoreWithWeights(w: NamedWeights, config: ModelConfig, itemAttributes: Int32Array, history: readonly number[]): Float32Array {
  if (history.length < 1) throw new RangeError('scoreWithWeights: history needs at least 1 item');
  const { vector } = forwardLast(w, config, itemAttributes, history.slice(-config.maxLen));
  return allItemScores(w, config, itemAttributes, vector);
}

function cpuMs(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

/**
 * For each user: starting from `global`, runs the fine-tune the device runs (`computeLocalUpdate`,
 * the call `DeviceFederation.contribute` makes, with the SDK's step count, learning rate and
 * negatives and personal weight unless overridden) on exactly the history the global model is
 * scored with — train items for stage 'valid', train + valid for 'test' — and scores that user's
 * held-out item with the personal weights it keeps (global + α·(fine-tuned − global)). Never
 * sees the held-out item. `model` is a scratch model of the same config (left holding the last
 * user's weights); with dropout its construction seed also seeds the dropout masks, so compare
 * runs on one scratch model. Users with < 2 history items keep `global`.
 */
export function personalizedNdcg(model: SasRec, global: NamedWeights, users: readonly UserSplit[], split: Split, stage: Stage, o: PersonalizationOptions, onProgress?: (done: number, total: number) => void): PersonalizedResult {
  if (stage !== 'valid' && stage !== 'test') throw new RangeError(`personalizedNdcg: stage must be valid or test, got '${String(stage)}'`);
  if (model.config.numItems !== split.numItems) throw new RangeError(`personalizedNdcg: model has ${model.config.numItems} items, the split ${split.numItems}`);
  if (!Number.isFinite(o.seed)) throw new RangeError('personalizedNdcg: seed must be finite');
  const fineTune = resolveFineTune(o);
  const { config, itemAttributes } = model;
  // Models with attribute embeddings fine-tune in full (computeLocalUpdate ignores a scratch for them).
  const scratch = config.numAttributes ? undefined : createCompactScratch(config, fineTune.steps, fineTune.negatives);
  const ndcg = new Float64Array(users.length);
  let personalized = 0;
  const c0 = cpuMs();
  try {
    users.forEach((u, k) => {
      const { history } = evalCase(u, stage);
      let weights = global;
      if (history.length >= 2) {
        // Per-user seed: the same negatives and dropout whatever the start weights (paired comparison).
        const random = seededRandom((Math.imul(o.seed + 1, 0x9e3779b1) + Math.imul(u.user + 1, 0x85ebca6b)) >>> 0);
        weights = computeLocalUpdate(model, global, 0, history, { clipNorm: o.clipNorm, sparseTensors: ['item_emb'], rowsPerUpdate: o.rowsPerUpdate, quantisation: o.quantisation }, {
          ...fineTune, random, updateId: `personal-${u.user}`, leaveModel: true, scratch,
        }).personalWeights;
        personalized++;
      }
      ndcg[k] = userNdcg(scoreWithWeights(weights, config, itemAttributes, history), u, stage, split.numItems);
      if (onProgress && ((k + 1) % 250 === 0 || k + 1 === users.length)) onProgress(k + 1, users.length);
    });
  } finally {
    scratch?.dispose();
  }
  return { ndcg, personalized, fineTune, cpuMsPerUser: users.length ? (cpuMs() - c0) / users.length : 0 };
}
