import * as tf from '@tensorflow/tfjs-core';
// Gradients are registered by side effect; tfjs-core alone does not include them.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import type { ModelConfig } from './model-config';
import { layoutOf, validateConfig } from './model-config';
import type { WeightSpec } from './weight-specs';
import { sizeOf, weightSpecs } from './weight-specs';
import type { TrainingBatch } from './training-batch';
import { matMul } from './matmul';
import { sampledLoss } from './softmax-loss';
import { gatherRows } from './gather-rows';
import { dropoutWithSeed } from './dropout-mask';
import { createForwardMemo } from './inference-forward';

/** Named weights as plain arrays (row-major), e.g. for federated diffs or serialisation. */
export type NamedWeights = Record<string, Float32Array>;

const NEG_INF = -1e9;

/**
 * A SASRec-class sequential recommender on tfjs-core (any registered backend): item embeddings
 * shared with the output layer, learned positions counted back from the newest item, causal
 * self-attention blocks with dropout (pre-LN, or SASRec's own layout: ModelConfig.layout),
 * optional attribute embeddings added to each item.
 */
export class SasRec {
  readonly config: ModelConfig;
  /** Item → attribute indices table, [numItems+1, attributesPerItem], 0-padded; empty without attributes. */
  readonly itemAttributes: Int32Array;
  private readonly vars = new Map<string, tf.Variable>();
  private readonly specs: WeightSpec[];
  private readonly attrTable: tf.Tensor2D | null;
  private readonly seed: number;
  private steps = 0;
  private disposed = false;
  /**
   * All item vectors, kept for inference; null until first needed or after weights change.
   * On WASM transposed, [dim, numItems+1] (a row vector times it is ~10x faster there than the
   * other way round); elsewhere [numItems+1, dim] (the faster product on WebGL and CPU).
   */
  private itemMatrix: { t: tf.Tensor2D; transposed: boolean } | null = null;
  /** CPU copies of the weights for the JS inference forward pass; null until needed or after weights change. */
  private cpuWeights: NamedWeights | null = null;
  /** forwardLast remembering its last answer per CPU weight copy: a repeated history skips the transformer. */
  private readonly forwardLast = createForwardMemo();

  /** Use `createSasRec`; this constructor takes already-validated parts. */
  constructor(config: ModelConfig, seed: number, itemAttributes?: Int32Array) {
    this.config = validateConfig(config);
    this.seed = seed;
    this.specs = weightSpecs(config);
    const P = config.attributesPerItem ?? 0;
    if (P > 0) {
      if (!itemAttributes || itemAttributes.length !== (config.numItems + 1) * P) {
        throw new RangeError(`itemAttributes must have (numItems+1)*attributesPerItem = ${(config.numItems + 1) * P} entries`);
      }
      for (const a of itemAttributes) {
        if (!Number.isInteger(a) || a < 0 || a > config.numAttributes!) throw new RangeError(`attribute index ${a} outside [0, ${config.numAttributes}]`);
      }
      this.itemAttributes = itemAttributes;
      this.attrTable = tf.keep(tf.tensor2d(itemAttributes, [config.numItems + 1, P], 'int32'));
    } else {
      this.itemAttributes = new Int32Array(0);
      this.attrTable = null;
    }
    tf.tidy(() => {
      this.specs.forEach((s, k) => this.vars.set(s.name, tf.variable(initialValue(s, seed * 7919 + k), true, `${s.name}_${uid()}`)));
    });
  }

  /** The trainable weight specs in serialisation order. */
  weightSpecs(): WeightSpec[] {
    return this.specs.map((s) => ({ ...s, shape: [...s.shape] }));
  }

  /** Total trainable scalars. */
  parameterCount(): number {
    return this.specs.reduce((n, s) => n + sizeOf(s.shape), 0);
  }

  /** The trainable variables (for an optimizer). */
  trainableVariables(): tf.Variable[] {
    return this.specs.map((s) => this.v(s.name));
  }

  /** Copies of all trainable weights, keyed by spec name. */
  getWeights(): NamedWeights {
    this.alive();
    const out: NamedWeights = {};
    for (const s of this.specs) out[s.name] = this.v(s.name).dataSync() as Float32Array;
    return out;
  }

  /**
   * Overwrites the named weights (a subset is fine). Throws RangeError for an unknown name or a
   * wrong length, before changing anything.
   */
  setWeights(weights: NamedWeights): void {
    this.alive();
    const byName = new Map(this.specs.map((s) => [s.name, s]));
    for (const [name, data] of Object.entries(weights)) {
      const s = byName.get(name);
      if (!s) throw new RangeError(`setWeights: unknown weight '${name}'`);
      if (!(data instanceof Float32Array) || data.length !== sizeOf(s.shape)) {
        throw new RangeError(`setWeights: '${name}' needs a Float32Array of ${sizeOf(s.shape)} values (shape ${s.shape.join('x')}), got ${data?.length}`);
      }
    }
    this.dropItemMatrix();
    for (const [name, data] of Object.entries(weights)) {
      tf.tidy(() => this.v(name).assign(tf.tensor(data, byName.get(name)!.shape, 'float32')));
    }
  }

  /**
   * One optimisation step on `batch` with sampled-softmax cross-entropy: each position's next
   * item against the batch's shared negatives (accidental hits masked), weighted by
   * batch.softmaxWeight (default 1), plus batch.bceWeight × BCE over the same logits (see
   * sampledLoss), times batch.lossScale (default 1). Returns that loss.
   */
  trainStep(batch: TrainingBatch, optimizer: tf.Optimizer): number {
    this.alive();
    checkBatch(batch, this.config.numItems);
    const { batchSize: B, length: L } = batch;
    const positions: number[] = [];
    const tgt: number[] = [];
    batch.targets.forEach((t, i) => {
      if (t !== 0) {
        positions.push(i);
        tgt.push(t);
      }
    });
    if (positions.length === 0) throw new RangeError('trainStep: batch has no targets');
    const scale = batch.lossScale ?? 1;
    const step = batch.seed ?? this.steps++;
    // The step changes item_emb/attr_emb, so the inference matrix is stale.
    this.dropItemMatrix();
    const lossT = tf.tidy(() => {
      const seq = tf.tensor2d(batch.inputs, [B, L], 'int32');
      const posIdx = tf.tensor1d(Int32Array.from(positions), 'int32');
      const tgtIdx = tf.tensor1d(Int32Array.from(tgt), 'int32');
      const negIdx = tf.tensor1d(batch.negatives, 'int32');
      const hitMask = tf.tensor2d(accidentalHits(tgt, batch.negatives), [tgt.length, batch.negatives.length]);
      return optimizer.minimize(
        () => {
          const h = tf.reshape(this.hidden(seq, true, step).h, [B * L, this.config.dim]);
          const hv = gatherRows(h, posIdx);
          const pos = tf.sum(tf.mul(hv, this.itemVectors(tgtIdx)), -1, true);
          const neg = tf.add(matMul(hv, this.itemVectors(negIdx), true), hitMask);
          const loss = sampledLoss(tf.concat([pos, neg], 1) as tf.Tensor2D, batch.bceWeight ?? 0, batch.softmaxWeight ?? 1);
          // Scale 1 skips the multiply, so unscaled training runs exactly the kernels it ran before.
          return scale === 1 ? loss : tf.mul(loss, scale);
        },
        true,
        this.trainableVariables(),
      )!;
    });
    const loss = lossT.dataSync()[0]!;
    lossT.dispose();
    return loss;
  }

  /**
   * Scores every item (index 0 = padding, ignore it) for each history of item indices (oldest
   * first; only the last maxLen count). Returns one Float32Array of numItems+1 scores each.
   */
  scoreBatch(histories: readonly (readonly number[])[]): Float32Array[] {
    this.alive();
    if (!Array.isArray(histories)) throw new TypeError('scoreBatch: histories must be an array of item-index arrays');
    if (histories.length === 0) return [];
    const N = this.config.numItems + 1;
    // tf.tidy must return the tensor, not its data: it walks returned containers element by element.
    const scores = tf.tidy(() => {
      const { seq, B, L } = this.padHistories(histories);
      const h = this.hidden(seq, false, 0).h;
      const last = tf.reshape(tf.slice(h, [0, L - 1, 0], [B, 1, this.config.dim]), [B, this.config.dim]);
      return matMul(last, this.itemTable(), true);
    });
    const data = scores.dataSync() as Float32Array;
    scores.dispose();
    return histories.map((_, b) => data.subarray(b * N, (b + 1) * N));
  }

  /**
   * Scores only `candidates[b]` (item indices) for `histories[b]`: one Float32Array per history,
   * in candidate order — the same values scoreBatch gives for those items, at a fraction of the cost.
   */
  scoreCandidates(histories: readonly (readonly number[])[], candidates: readonly (readonly number[])[]): Float32Array[] {
    this.alive();
    if (!Array.isArray(candidates) || candidates.length !== histories.length) throw new RangeError('scoreCandidates: one candidate list per history');
    if (histories.length === 0) return [];
    const C = candidates[0]!.length;
    const flat = new Int32Array(histories.length * C);
    candidates.forEach((list, b) => {
      if (list.length !== C) throw new RangeError('scoreCandidates: candidate lists must have equal length');
      list.forEach((i: number, k: number) => {
        if (!Number.isInteger(i) || i < 1 || i > this.config.numItems) throw new RangeError(`candidate ${i} outside [1, ${this.config.numItems}]`);
        flat[b * C + k] = i;
      });
    });
    const scores = tf.tidy(() => {
      const { seq, B, L } = this.padHistories(histories);
      const h = this.hidden(seq, false, 0).h;
      const last = tf.reshape(tf.slice(h, [0, L - 1, 0], [B, 1, this.config.dim]), [B, 1, this.config.dim]);
      const cand = this.itemVectors(tf.tensor2d(flat, [B, C], 'int32'));
      return tf.sum(tf.mul(cand, last), -1);
    });
    const data = scores.dataSync() as Float32Array;
    scores.dispose();
    return histories.map((_, b) => data.subarray(b * C, (b + 1) * C));
  }

  /** Scores over all items for one history (index 0 = padding). */
  scoreAll(history: readonly number[]): Float32Array {
    return this.scoreBatch([history])[0]!;
  }

  /**
   * "Because you viewed …": how much each history position drove the next-item prediction — the
   * last block's attention from the newest position, averaged over heads. Same length as
   * `history`; positions older than maxLen get 0; the rest sum to 1.
   */
  explain(history: readonly number[]): Float32Array {
    this.alive();
    const out = new Float32Array(history.length);
    if (history.length === 0) return out;
    let att: Float32Array | null = null;
    tf.tidy(() => {
      const { seq, L } = this.padHistories([history]);
      const { attention } = this.hidden(seq, false, 0, true);
      // attention: [1, H, L, L] → the newest query row, mean over heads → [L].
      if (attention) att = tf.mean(tf.slice(attention, [0, 0, L - 1, 0], [1, this.config.heads, 1, L]), [0, 1, 2]).dataSync() as Float32Array;
    });
    const weights = att as Float32Array | null;
    const n = Math.min(history.length, this.config.maxLen);
    for (let t = 0; t < n; t++) out[history.length - n + t] = weights ? weights[weights.length - n + t]! : 1 / n;
    return out;
  }

  /**
   * Inference fast path: scores over all items (index 0 = padding) AND the `explain` attention
   * for one history. The transformer runs in plain JS on CPU copies of the weights (forwardLast:
   * dozens of tiny kernels cost more than their arithmetic on WebGL/WASM); the backend does only
   * the catalog-sized product, against a cached all-item matrix (see itemMatrix), with one read.
   * Both caches are built on first use and dropped by setWeights, trainStep and dispose. Same
   * values as scoreAll(history) and explain(history), to float32 rounding.
   */
  scoreAndExplain(history: readonly number[]): { scores: Float32Array; attention: Float32Array } {
    this.alive();
    if (!Array.isArray(history)) throw new TypeError('scoreAndExplain: history must be an array of item indices');
    const { dim: d, maxLen, numItems } = this.config;
    const N = numItems + 1;
    const n = Math.min(history.length, maxLen);
    const window = history.slice(history.length - n);
    for (const item of window) if (!Number.isInteger(item) || item < 1 || item > numItems) throw new RangeError(`history 0: item index ${item} outside [1, ${numItems}]`);
    const table = this.cachedItemMatrix();
    const out = new Float32Array(history.length);
    if (n === 0) {
      // No item to attend to: the empty history's vector is the padding position's (as scoreAll).
      return { scores: this.scoreAll(history), attention: out };
    }
    const { vector, attention } = this.forwardLast(this.cachedCpuWeights(), this.config, this.itemAttributes, window);
    const scores = tf.tidy(() => tf.reshape(table.transposed ? tf.matMul(tf.tensor2d(vector, [1, d]), table.t) : tf.matMul(table.t, tf.tensor2d(vector, [d, 1])), [N]));
    const data = scores.dataSync() as Float32Array;
    scores.dispose();
    out.set(attention, history.length - n);
    return { scores: data, attention: out };
  }

  /**
   * Builds the cached inference matrix now (one kept tensor) so the first scoreAndExplain is as
   * fast as the rest and the tensor count is fixed from here on.
   */
  warmInference(): void {
    this.alive();
    this.cachedItemMatrix();
    this.cachedCpuWeights();
  }

  /**
   * The CPU copies of all weights that scoreAndExplain runs on, read from the backend once per
   * weight version (a later setWeights/trainStep makes a new copy; this one is not updated).
   * Callers must not modify them.
   */
  inferenceWeights(): Readonly<NamedWeights> {
    this.alive();
    return this.cachedCpuWeights();
  }

  /** Frees every tensor the model owns; the model is unusable afterwards. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.dropItemMatrix();
    for (const v of this.vars.values()) v.dispose();
    this.attrTable?.dispose();
  }

  /** The kept item matrix in the layout the active backend multiplies fastest, built once per weight version. */
  private cachedItemMatrix(): { t: tf.Tensor2D; transposed: boolean } {
    if (!this.itemMatrix) {
      const transposed = tf.getBackend() === 'wasm';
      this.itemMatrix = { t: tf.keep(tf.tidy(() => (transposed ? tf.transpose(this.itemTable()) : tf.clone(this.itemTable())) as tf.Tensor2D)), transposed };
    }
    return this.itemMatrix;
  }

  private dropItemMatrix(): void {
    this.itemMatrix?.t.dispose();
    this.itemMatrix = null;
    this.cpuWeights = null;
  }

  /** CPU copies of every weight (one read per weight version), for forwardLast. */
  private cachedCpuWeights(): NamedWeights {
    return (this.cpuWeights ??= this.getWeights());
  }

  private alive(): void {
    if (this.disposed) throw new Error('SasRec: model was disposed');
  }

  private v(name: string): tf.Variable {
    return this.vars.get(name)!;
  }

  /** Item vectors for any int32 index tensor: the embedding row plus the mean of its attributes. */
  private itemVectors(idx: tf.Tensor): tf.Tensor {
    const e = gatherRows(this.v('item_emb'), idx);
    if (!this.attrTable) return e;
    const a = tf.gather(this.attrTable, idx);
    const present = tf.cast(tf.notEqual(a, 0), 'float32');
    const vecs = tf.mul(gatherRows(this.v('attr_emb'), a), tf.expandDims(present, -1));
    return tf.add(e, tf.div(tf.sum(vecs, -2), tf.maximum(tf.sum(present, -1, true), 1)));
  }

  /** All item vectors [numItems+1, dim] (the output layer). */
  private itemTable(): tf.Tensor2D {
    if (!this.attrTable) return this.v('item_emb') as tf.Tensor2D;
    return this.itemVectors(tf.range(0, this.config.numItems + 1, 1, 'int32')) as tf.Tensor2D;
  }

  private padHistories(histories: readonly (readonly number[])[]): { seq: tf.Tensor2D; B: number; L: number } {
    const { maxLen, numItems } = this.config;
    let L = 1;
    histories.forEach((h, b) => {
      if (!Array.isArray(h)) throw new TypeError(`history ${b} is not an array`);
      L = Math.max(L, Math.min(maxLen, h.length));
    });
    const B = histories.length;
    const buf = new Int32Array(B * L);
    histories.forEach((h, b) => {
      const n = Math.min(L, h.length);
      for (let t = 0; t < n; t++) {
        const item = h[h.length - n + t]!;
        if (!Number.isInteger(item) || item < 1 || item > numItems) throw new RangeError(`history ${b}: item index ${item} outside [1, ${numItems}]`);
        buf[b * L + L - n + t] = item;
      }
    });
    return { seq: tf.tensor2d(buf, [B, L], 'int32'), B, L };
  }

  /** The transformer stack: returns hidden states [B, L, dim] (and the last block's attention). */
  private hidden(seq: tf.Tensor2D, training: boolean, step: number, capture = false): { h: tf.Tensor3D; attention: tf.Tensor | null } {
    const { dim: d, heads: H, maxLen, dropout } = this.config;
    const [B, L] = seq.shape;
    const dh = d / H;
    let dropCalls = 0;
    const drop = (x: tf.Tensor): tf.Tensor =>
      training && dropout > 0 ? dropoutWithSeed(x, dropout, this.seed * 1_000_003 + step * 1009 + dropCalls++) : x;
    const mask = tf.expandDims(tf.cast(tf.notEqual(seq, 0), 'float32'), -1);
    const pos = tf.slice(this.v('pos_emb'), [maxLen - L, 0], [L, d]);
    const sasrec = layoutOf(this.config) === 'sasrec';
    // SASRec scales the input item vectors by √d, so positions weigh less against them.
    const items = sasrec ? tf.mul(this.itemVectors(seq), Math.sqrt(d)) : this.itemVectors(seq);
    let x = tf.mul(drop(tf.add(items, pos)), mask);
    // Attention bias: 0 where query i may see key j (j ≤ i and j is a real item), −1e9 elsewhere.
    const allowed = tf.mul(tf.reshape(causalMask(L), [1, 1, L, L]), tf.reshape(mask, [B, 1, 1, L]));
    const bias = tf.mul(tf.sub(allowed, 1), -NEG_INF);
    let attention: tf.Tensor | null = null;
    const dense = (h: tf.Tensor, w: string, b: string) => tf.add(matMul(h, this.v(w)), this.v(b));
    const split = (t: tf.Tensor) => tf.transpose(tf.reshape(t, [B, L, H, dh]), [0, 2, 1, 3]);
    const rows = (t: tf.Tensor) => tf.reshape(t, [B * L, d]);
    for (let k = 0; k < this.config.blocks; k++) {
      const p = `block${k}/`;
      const n1 = layerNorm(x, this.v(`${p}ln1_gamma`), this.v(`${p}ln1_beta`));
      const h = rows(n1);
      // SASRec reads keys and values from the un-normalised stream, queries from its layer norm.
      const kv = sasrec ? rows(x) : h;
      const q = split(dense(h, `${p}wq`, `${p}bq`));
      const kk = split(dense(kv, `${p}wk`, `${p}bk`));
      const vv = split(dense(kv, `${p}wv`, `${p}bv`));
      const w = tf.softmax(tf.add(tf.mul(matMul(q, kk, true), 1 / Math.sqrt(dh)), bias));
      if (capture && k === this.config.blocks - 1) attention = w;
      const o = tf.reshape(tf.transpose(matMul(drop(w), vv), [0, 2, 1, 3]), [B * L, d]);
      // SASRec: no output projection, and the residual adds the normalised input.
      x = sasrec ? tf.add(n1, tf.reshape(o, [B, L, d])) : tf.add(x, tf.reshape(drop(dense(o, `${p}wo`, `${p}bo`)), [B, L, d]));
      const n2 = layerNorm(x, this.v(`${p}ln2_gamma`), this.v(`${p}ln2_beta`));
      const h2 = rows(n2);
      if (sasrec) {
        const f = drop(dense(drop(tf.relu(dense(h2, `${p}w1`, `${p}b1`))), `${p}w2`, `${p}b2`));
        x = tf.mul(tf.add(n2, tf.reshape(f, [B, L, d])), mask);
      } else {
        const f = dense(tf.relu(dense(h2, `${p}w1`, `${p}b1`)), `${p}w2`, `${p}b2`);
        x = tf.mul(tf.add(x, tf.reshape(drop(f), [B, L, d])), mask);
      }
    }
    const out = layerNorm(x, this.v('final_ln_gamma'), this.v('final_ln_beta')) as tf.Tensor3D;
    return { h: out, attention };
  }
}

/**
 * Creates a freshly initialised model. Same config + seed ⇒ identical weights and, with the same
 * batches, identical training (on the same backend). `itemAttributes` is required when the
 * config has attributes: [numItems+1, attributesPerItem] attribute indices, 0-padded.
 */
export function createSasRec(config: ModelConfig, seed: number, itemAttributes?: Int32Array): SasRec {
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  return new SasRec(config, seed, itemAttributes);
}

let uidCounter = 0;
function uid(): number {
  return ++uidCounter;
}

function initialValue(s: WeightSpec, seed: number): tf.Tensor {
  switch (s.init) {
    case 'embedding':
      return tf.randomNormal(s.shape, 0, 0.05, 'float32', seed);
    case 'glorot': {
      const limit = Math.sqrt(6 / (s.shape[0]! + s.shape[1]!));
      return tf.randomUniform(s.shape, -limit, limit, 'float32', seed);
    }
    case 'ones':
      return tf.ones(s.shape);
    case 'zeros':
      return tf.zeros(s.shape);
  }
}

function layerNorm(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, 1e-6))), gamma), beta);
}

function causalMask(L: number): tf.Tensor2D {
  const m = new Float32Array(L * L);
  for (let i = 0; i < L; i++) for (let j = 0; j <= i; j++) m[i * L + j] = 1;
  return tf.tensor2d(m, [L, L]);
}

/**
 * −1e9 where a negative equals the row's target (an accidental hit must not be pushed down),
 * 0 elsewhere. Built in JS: a broadcast int32 Equal is the slowest kernel of a step on WASM.
 */
function accidentalHits(targets: readonly number[], negatives: Int32Array): Float32Array {
  const S = negatives.length;
  const cols = new Map<number, number[]>();
  negatives.forEach((n, j) => {
    const list = cols.get(n);
    if (list) list.push(j);
    else cols.set(n, [j]);
  });
  const mask = new Float32Array(targets.length * S);
  targets.forEach((t, i) => {
    for (const j of cols.get(t) ?? []) mask[i * S + j] = NEG_INF;
  });
  return mask;
}

function checkBatch(b: TrainingBatch, numItems: number): void {
  const { batchSize: B, length: L } = b;
  if (!Number.isInteger(B) || B < 1 || !Number.isInteger(L) || L < 1) throw new RangeError('trainStep: batchSize and length must be positive integers');
  if (b.inputs?.length !== B * L || b.targets?.length !== B * L) throw new RangeError(`trainStep: inputs and targets need ${B * L} entries`);
  if (!(b.negatives instanceof Int32Array) || b.negatives.length < 1) throw new RangeError('trainStep: needs at least one negative');
  if (b.lossScale !== undefined && !(typeof b.lossScale === 'number' && b.lossScale > 0 && Number.isFinite(b.lossScale))) throw new RangeError(`trainStep: lossScale must be a finite number > 0, got ${String(b.lossScale)}`);
  for (const arr of [b.inputs, b.targets, b.negatives]) {
    for (const i of arr) if (!(i >= 0 && i <= numItems)) throw new RangeError(`trainStep: item index ${i} outside [0, ${numItems}]`);
  }
}
