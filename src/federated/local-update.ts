// One device's federated contribution: start from the global weights, fine-tune locally, and
// turn the difference into a clipped, decoy-padded update. The fine-tuned weights stay local.
import type { ModelUpdate, Quantisation } from '../protocol';
import type { NamedWeights, SasRec } from '../model/sasrec';
import { buildModelUpdate } from './build-update';
import { fineTuneCompact } from './compact-fine-tune';
import type { CompactScratch } from './compact-fine-tune';
import { fineTuneOnHistory } from './local-training';
import type { LocalTrainingOptions } from './local-training';
import type { NamedTensor } from './named-weights';
import type { Random } from './random';

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
  update: ModelUpdate;
  personalWeights: NamedWeights;
  loss: number;
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
 * `model` is left holding the fine-tuned weights (this device's personalisation), unless
 * `leaveModel` is set (a simulator's scratch model: skips copying ~all weights into it);
 * `scratch` reuses one compact model across calls (see `createCompactScratch`).
 */
export function computeLocalUpdate(
  model: SasRec,
  global: NamedWeights,
  baseVersion: number,
  history: readonly number[],
  privacy: UploadPrivacy,
  training: LocalTrainingOptions & { updateId: string; random: Random; leaveModel?: boolean; scratch?: CompactScratch },
): LocalUpdateResult {
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
    personalWeights = { ...tuned.dense, item_emb: table };
    loss = tuned.loss;
    touchedRows = new Map([['item_emb', moved]]);
    if (!training.leaveModel) model.setWeights(personalWeights);
  } else {
    model.setWeights(global);
    loss = fineTuneOnHistory(model, history, training).loss;
    personalWeights = model.getWeights();
  }
  const update = buildModelUpdate({
    baseVersion,
    base: namedTensorsOf(model, global),
    local: namedTensorsOf(model, personalWeights),
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
