// Node only: turns a `hearth train` model directory into the server's version-1 seed.
import { loadModel } from '../model/artifacts';
import { readModelDir } from '../model/node-io';
import type { SeedModel } from './server-options';

/** Tensors of the SASRec model the server accepts as sparse rows (item embeddings). */
export const SASREC_SPARSE_TENSORS = ['item_emb'];

/**
 * Loads and verifies (sha256, shapes) a model directory written by `hearth train` — a tfjs
 * backend must be active — and returns its float32 weights as a seed, with the architecture
 * and item vocabulary size in `config`, and the item ids and popularity the train-layout
 * routes (GET /v1/model/manifest.json) need in `trainLayout`.
 */
export async function seedFromModelDir(dir: string): Promise<SeedModel> {
  const { model, manifest } = await loadModel(readModelDir(dir));
  try {
    const w = model.getWeights();
    return {
      tensors: model.weightSpecs().map((s) => ({ name: s.name, shape: s.shape, values: w[s.name]! })),
      sparse: SASREC_SPARSE_TENSORS,
      config: { model: 'sasrec', architecture: { ...manifest.config }, seedModelVersion: manifest.modelVersion },
      trainLayout: {
        config: { ...manifest.config },
        items: [...manifest.items],
        popularity: [...manifest.popularity],
        itemAttributes: manifest.config.attributesPerItem ? model.itemAttributes.slice() : null,
        seedModelVersion: manifest.modelVersion,
      },
    };
  } finally {
    model.dispose();
  }
}
