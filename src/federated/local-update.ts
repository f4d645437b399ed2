// One device's federated contribution: start from the global weights, fine-tune locally, and
// turn the difference into a clipped, decoy-padded update. What the device keeps and shows is the
// global model moved a share α (the personal weight) of the way to the fine-tuned one.
import type { ModelUpdate, Quantisation } from '../protocol';
import type { NamedWeights, SasRec } from '../model/sasrec';
import { buildModelUpdate } from './build-update';
import { fineTuneCompact } from './compact-fine-tune';
import type { CompactScratch } from './compact-fine-tune';
import { fineTuneOnHistory } from './local-training';
import type { LocalTrainingOptions } from './local-training';
import type { NamedTensor } from './named-weights';
import type { Random } from './random';
import { checkPersonalWeight } from './personal-weight';

/** Privacy settings of the upload (from the server manifest). */
export interface UploadPrivacy {
  clipNorm: number;
  sparseTensors: readonly string[];
  /** Rows per sparse tensor in every update, real + decoy (default 256). */
  rowsPerUpdate?: number;
  quantisation?: Quantisation;
}

/** Result: the update to queue and this device's personal weights to keep using locally. */
export interface LocalUpdateResult {
  /** Computed from the full fine-tune: the same whatever the personal weight. */
  update: ModelUpdate;
  /** global + α·(fine-tuned − global): what this device shows. */
  personalWeights: NamedWeights;
  loss: number;
}

function blendValues(g: Float32Array, t: Float32Array, alpha: number, out: Float32Array, from = 0, to = g.length): void {
  for (let i = from; i < to; i++) {
    const a = g[i]!;
    const b = t[i]!;
    out[i] = a === b ? a : a + alpha * (b - a);
  }
}

/**
 * Per tensor, new arrays holding global + α·(tuned − global), rounded to float32; the inputs are
 * not modified. α = 0 gives the global values exactly, α = 1 the tuned ones exactly (bit for bit).
 * Throws a RangeError for α outside [0, 1] or tensors missing or of different lengths.
 */
export function blendPersonalWeights(global: NamedWeights, tuned: NamedWeights, alpha: number): NamedWeights {
  checkPersonalWeight(alpha, 'blendPersonalWeights: alpha');
  const out: NamedWeights = {};
  for (const [name, t] of Object.entries(tuned)) {
    const g = global[name];
    if (!g || g.length !== t.length) throw new RangeError(`blendPersonalWeights: tensor '${name}' missing or of another size in global`);
    if (alpha === 1) out[name] = t.slice();
    else if (alpha === 0) out[name] = g.slice();
    else {
      const o = new Float32Array(t.length);
      blendValues(g, t, alpha, o);
      out[name] = o;
    }
  }
  return out;
}

/** The model's weights as named tensors with shapes. */
export function namedTensorsOf(model: SasRec, weights: NamedWeights = model.getWeights()): NamedTensor[] {
  return model.weightSpecs().map((s) => ({ name: s.name, shape: s.shape, values: weights[s.name]! }));
}

/**
 * Fine-tunes a model holding `global` on `history` and returns the private update (delta vs
 * global; sparse rows padded with decoys; clipped to C) plus the fine-tuned weights.
 * Without attribute embeddings the steps run on a compact copy holding only the item rows they
 * can reach (`fineTuneCompact`: same result, cost independent of the catalogue size).
 * The update is the same for every `personalWeight` α (default `DEFAULT_PERSONAL_WEIGHT`, in
 * [0, 1], else a RangeError); the returned `personalWeights` are global + α·(fine-tuned − global)
 * and `model` is left holding them (this device's personalisation), unless `leaveModel` is set (a
 * simulator's scratch model: skips copying ~all weights into it; it may then hold any weights);
 * `scratch` reuses one compact model across calls (see `createCompactScratch`).
 */
export function computeLocalUpdate(
  model: SasRec,
  global: NamedWeights,
  baseVersion: number,
  history: readonly number[],
  privacy: UploadPrivacy,
  training: LocalTrainingOptions & { updateId: string; random: Random; leaveModel?: boolean; scratch?: CompactScratch; personalWeight?: number },
): LocalUpdateResult {
  const alpha = checkPersonalWeight(training.personalWeight, 'computeLocalUpdate: personalWeight');
  let tunedWeights: NamedWeights;
  let personalWeights: NamedWeights;
  let loss: number;
  let touchedRows: Map<string, number[]> | undefined;
  if (!model.config.numAttributes) {
    const dim = model.config.dim;
    const tuned = fineTuneCompact(model.config, global, history, training, training.scratch);
    const table = global.item_emb!.slice();
    const moved: number[] = [];
    tuned.rows.forEach((r, k) => {
      const after = tuned.itemRows.subarray(k * dim, (k + 1) * dim);
      for (let j = 0; j < dim; j++) {
        if (after[j] !== table[r * dim + j]) {
          moved.push(r);
          break;
        }
      }
      table.set(after, r * dim);
    });
    tunedWeights = { ...tuned.dense, item_emb: table };
    if (alpha === 1) personalWeights = tunedWeights;
    else {
      // Only the moved rows differ from global: blend those, and the small dense tensors in full.
      const shown = global.item_emb!.slice();
      for (const r of moved) blendValues(global.item_emb!, table, alpha, shown, r * dim, (r + 1) * dim);
      personalWeights = { ...blendPersonalWeights(global, tuned.dense, alpha), item_emb: shown };
    }
    loss = tuned.loss;
    touchedRows = new Map([['item_emb', moved]]);
    if (!training.leaveModel) model.setWeights(personalWeights);
  } else {
    model.setWeights(global);
    loss = fineTuneOnHistory(model, history, training).loss;
    tunedWeights = model.getWeights();
    personalWeights = alpha === 1 ? tunedWeights : blendPersonalWeights(global, tunedWeights, alpha);
    if (alpha !== 1 && !training.leaveModel) model.setWeights(personalWeights);
  }
  const update = buildModelUpdate({
    baseVersion,
    base: namedTensorsOf(model, global),
    local: namedTensorsOf(model, tunedWeights),
    sparseTensors: privacy.sparseTensors,
    rowsPerUpdate: privacy.rowsPerUpdate ?? 256,
    clipNorm: privacy.clipNorm,
    quantisation: privacy.quantisation ?? 'int8',
    updateId: training.updateId,
    random: training.random,
    touchedRows,
  });
  return { update, personalWeights, loss };
}
