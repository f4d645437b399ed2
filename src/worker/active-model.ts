import { loadModel } from '../model/artifacts';
import { ArtifactError } from '../model/artifact-error';
import type { ModelArtifacts, ModelManifest } from '../model/model-manifest';
import type { SasRec } from '../model/sasrec';
import { createItemIndex, type ItemIndex } from '../recommend/item-index';
import { RecommendError } from '../recommend/recommend-error';

/** A verified model built on the current backend, with what ranking needs around it. */
export interface ActiveModel {
  readonly version: string;
  readonly manifest: ModelManifest;
  readonly artifacts: ModelArtifacts;
  readonly ids: ItemIndex;
  readonly popularity: Float32Array;
  /** The underlying model (federated fine-tuning trains it in place). */
  readonly sasrec: SasRec;
  /** Scores over all indices (0 = padding) for a history of indices, oldest first. */
  score(history: readonly number[]): Float32Array;
  /** Evidence per history position for one recommended index: attention × item similarity. */
  evidence(history: readonly number[], target: number, attention: Float32Array): Float32Array;
  /** The model's attention over the history from the newest position (sums to 1). */
  attention(history: readonly number[]): Float32Array;
  /** score() and attention() from one forward pass over a cached item matrix (the recommend() path). */
  scoreWithAttention(history: readonly number[]): { scores: Float32Array; attention: Float32Array };
  /** Cosine similarity of two items' embeddings (for MMR). */
  similarity(a: number, b: number): number;
  dispose(): void;
}

/**
 * Verifies (every shard's sha256, shapes, sizes) and builds a model from artifacts on the active
 * tfjs backend. Integrity failures reject with RecommendError('model_integrity'). Item
 * embeddings are kept on the CPU side too, for reasons and MMR without extra GPU reads.
 */
export async function buildActiveModel(artifacts: ModelArtifacts): Promise<ActiveModel> {
  let model: SasRec;
  let manifest: ModelManifest;
  try {
    ({ model, manifest } = await loadModel(artifacts));
  } catch (e) {
    if (e instanceof ArtifactError) throw new RecommendError('model_integrity', `model rejected: ${e.message}`);
    throw e;
  }
  // Build the cached item matrix at install, not on the first recommend() (latency, fixed tensor count).
  model.warmInference();
  const ids = createItemIndex(manifest.items);
  const dim = model.config.dim;
  // The inference path's CPU copy (no second 4·N·dim-byte copy of the item table). After a
  // personal fine-tune (setWeights) the model makes a new copy: similarity follows it, so reasons
  // and MMR use the same item vectors the scores came from.
  let emb = model.inferenceWeights().item_emb!;
  let inv = inverseNorms(emb, ids.size + 1, dim);
  const similarity = (a: number, b: number) => {
    const e = model.inferenceWeights().item_emb!;
    if (e !== emb) { emb = e; inv = inverseNorms(e, ids.size + 1, dim); }
    let s = 0;
    for (let j = 0; j < dim; j++) s += e[a * dim + j]! * e[b * dim + j]!;
    return s * inv[a]! * inv[b]!;
  };
  return {
    version: manifest.modelVersion,
    manifest,
    artifacts,
    ids,
    popularity: Float32Array.from(manifest.popularity),
    sasrec: model,
    score: (history) => model.scoreAll(history),
    attention: (history) => model.explain(history),
    scoreWithAttention: (history) => model.scoreAndExplain(history),
    evidence(history, target, attention) {
      const out = new Float32Array(history.length);
      for (let t = 0; t < history.length; t++) out[t] = attention[t]! * Math.max(0, similarity(history[t]!, target));
      return out;
    },
    similarity,
    dispose: () => {
      // On a lost WebGL context freeing may fail; the backend is being dropped anyway.
      try { model.dispose(); } catch { /* ignore */ }
    },
  };
}

// Inverse L2 norm of each of `rows` item vectors, so cosine similarity is a dot product.
function inverseNorms(emb: Float32Array, rows: number, dim: number): Float32Array {
  const inv = new Float32Array(rows);
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let j = 0; j < dim; j++) s += emb[i * dim + j]! ** 2;
    inv[i] = s > 0 ? 1 / Math.sqrt(s) : 0;
  }
  return inv;
}
