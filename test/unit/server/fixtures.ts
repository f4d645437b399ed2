// Small seed models and updates for server tests (the tests make their own data).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ModelUpdate } from '../../../src/protocol';
import type { SeedModel } from '../../../src/server/server-options';

/** A seed with one 2-D item embedding (sparse) and one dense kernel. */
export function tinySeed(): SeedModel {
  return {
    tensors: [
      { name: 'item_emb', shape: [50, 4], values: new Float32Array(200).fill(0.1) },
      { name: 'w', shape: [3, 2], values: new Float32Array(6) },
    ],
    sparse: ['item_emb'],
    config: { numItems: 49, dim: 4 },
  };
}

/** A valid update of `tinySeed` with norm ≤ 1. */
export function tinyUpdate(id: string, baseVersion = 1, scale = 0.1): ModelUpdate {
  return {
    baseVersion,
    updateId: id,
    clipNorm: 1,
    quantisation: 'fp16',
    dense: [{ name: 'w', shape: [3, 2], values: new Float32Array([1, 2, 3, 4, 5, 6].map((x) => x * scale * 0.1)) }],
    sparse: [{ name: 'item_emb', rows: 50, dim: 4, rowIds: Uint32Array.from([2, 7]), values: new Float32Array(8).fill(scale) }],
  };
}

/** A fresh temporary SQLite path. */
export function tempStore(): string {
  return join(mkdtempSync(join(tmpdir(), 'hearth-server-')), 'sync.db');
}
