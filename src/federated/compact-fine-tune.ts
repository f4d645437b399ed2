// Fine-tuning on a compact copy of the model: only the item rows a device's steps can reach.
import { createSasRec } from '../model/sasrec';
import type { NamedWeights, SasRec } from '../model/sasrec';
import type { ModelConfig } from '../model/model-config';
import { layoutOf } from '../model/model-config';
import { planFineTune, runFineTunePlan } from './local-training';
import type { LocalTrainingOptions } from './local-training';

/** Result of `fineTuneCompact`. */
export interface CompactFineTuneResult {
  /** Rows of `item_emb` the steps could reach (0 = padding, then the items), ascending. */
  rows: Int32Array;
  /** Fine-tuned values of those rows, [rows.length, dim] row-major. */
  itemRows: Float32Array;
  /** Fine-tuned values of every other weight tensor (full size). */
  dense: NamedWeights;
  loss: number;
  steps: number;
}

/**
 * A reusable compact model for `fineTuneCompact` (creating one per call costs more than a short
 * fine-tune on WASM). Holds tfjs variables: call `dispose()` when done.
 */
export interface CompactScratch {
  readonly model: SasRec;
  dispose(): void;
}

/** Rows a fine-tune with these settings can reach at most: padding, maxLen + 1 items, negatives. */
export function compactCapacity(config: ModelConfig, steps: number, negatives: number): number {
  return 1 + Math.min(config.numItems, config.maxLen + 1 + steps * negatives);
}

/**
 * Creates a compact model for fine-tunes of `config` with up to `steps` × `negatives` sampled
 * negatives (RangeError for bad values).
 */
export function createCompactScratch(config: ModelConfig, steps: number, negatives: number): CompactScratch {
  if (!Number.isInteger(steps) || steps < 1 || !Number.isInteger(negatives) || negatives < 1) throw new RangeError('createCompactScratch: steps and negatives must be integers ≥ 1');
  if (config.numAttributes) throw new RangeError('createCompactScratch: models with attribute embeddings need full fine-tuning');
  const model = createSasRec({ ...config, numItems: compactCapacity(config, steps, negatives) - 1 }, 1);
  return { model, dispose: () => model.dispose() };
}

/**
 * Fine-tunes like `fineTuneOnHistory` on a model of `config` holding `global`, but builds the
 * model over only the item rows the steps can reach: the last maxLen + 1 history items, the
 * sampled negatives and the padding row. A SASRec reads item rows only by lookup, and plain SGD
 * moves only rows with a gradient, so the result equals full-table fine-tuning (same loss,
 * same moved rows, up to float rounding), at a cost that no longer grows with the catalogue:
 * no pass over the full item table per step, no full weight copy in or out.
 * Not for models with attribute embeddings (their item vectors mix in a shared table); throws a
 * RangeError for those and for bad input; `global` is not modified. With `scratch` (from
 * `createCompactScratch` with at least these steps and negatives) no model is created.
 */
export function fineTuneCompact(config: ModelConfig, global: NamedWeights, history: readonly number[], o: LocalTrainingOptions, scratch?: CompactScratch): CompactFineTuneResult {
  if (config.numAttributes) throw new RangeError('fineTuneCompact: models with attribute embeddings need full fine-tuning');
  const { numItems, dim, maxLen } = config;
  const table = global.item_emb;
  if (!(table instanceof Float32Array) || table.length !== (numItems + 1) * dim) throw new RangeError(`fineTuneCompact: global item_emb must hold ${(numItems + 1) * dim} values`);
  const plan = planFineTune(numItems, history, o);
  // Only the last maxLen + 1 items feed a training batch (inputs and targets).
  const window = history.slice(-(maxLen + 1));
  const reach = new Set<number>([0, ...window]);
  for (const neg of plan.negatives) for (const n of neg) reach.add(n);
  const rows = Int32Array.from(reach).sort();
  const local = new Map<number, number>();
  rows.forEach((r, k) => local.set(r, k));
  // A scratch model has a fixed row count; rows past the reached ones stay zero and unused.
  const capacity = scratch ? scratch.model.config.numItems + 1 : rows.length;
  if (scratch && (scratch.model.config.dim !== dim || scratch.model.config.maxLen !== maxLen || scratch.model.config.blocks !== config.blocks || scratch.model.config.heads !== config.heads || layoutOf(scratch.model.config) !== layoutOf(config))) {
    throw new RangeError('fineTuneCompact: scratch model has another architecture');
  }
  if (capacity < rows.length) throw new RangeError(`fineTuneCompact: scratch model holds ${capacity} rows, this fine-tune reaches ${rows.length}`);
  const compactTable = new Float32Array(capacity * dim);
  rows.forEach((r, k) => compactTable.set(table.subarray(r * dim, (r + 1) * dim), k * dim));
  const model = scratch?.model ?? createSasRec({ ...config, numItems: rows.length - 1 }, plan.seeds[0]!);
  try {
    model.setWeights({ ...global, item_emb: compactTable });
    const mapped = { ...plan, negatives: plan.negatives.map((neg) => neg.map((n) => local.get(n)!)) };
    const loss = runFineTunePlan(model, window.map((i) => local.get(i)!), mapped);
    const after = model.getWeights();
    const { item_emb: itemRows, ...dense } = after;
    return { rows, itemRows: itemRows!.subarray(0, rows.length * dim), dense, loss, steps: plan.steps };
  } finally {
    if (!scratch) model.dispose();
  }
}
