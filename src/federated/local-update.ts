// One device's federated contribution: start from the global weights, fine-tune locally, and
// turn the difference into a clipped, decoy-padded update. The fine-tuned weights stay local.
import type { ModelUpdate, Quantisation } from '../protocol';
import type { NamedWeights, SasRec } from '../model/sasrec';
import { buildModelUpdate } from './build-update';
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
 * Loads `global` (version `baseVersion`) into `model`, fine-tunes on `history`, and returns the
 * private update (delta vs global; sparse rows padded with decoys; clipped to C) plus the
 * fine-tuned weights. `model` is left holding the fine-tuned weights.
 */
export function computeLocalUpdate(
  model: SasRec,
  global: NamedWeights,
  baseVersion: number,
  history: readonly number[],
  privacy: UploadPrivacy,
  training: LocalTrainingOptions & { updateId: string; random: Random },
): LocalUpdateResult {
  model.setWeights(global);
  const { loss } = fineTuneOnHistory(model, history, training);
  const personalWeights = model.getWeights();
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
  });
  return { update, personalWeights, loss };
}
