import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSasRec } from '../../../src/model/sasrec';
import { serializeModel } from '../../../src/model/artifacts';
import { saveModelDir } from '../../../src/model/node-io';
import { seedFromModelDir } from '../../../src/server/seed-from-model-dir';
import { AggregationEngine } from '../../../src/server/aggregation-engine';
import { unpackWeights } from '../../../src/server/model-weights-file';
import { tempStore } from './fixtures';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('seeding the server from a `hearth train` model directory', () => {
  it('version 1 holds exactly the trained weights, item_emb is sparse, the architecture is in the manifest', async () => {
    const config = { numItems: 20, dim: 8, maxLen: 6, blocks: 1, heads: 1, dropout: 0 };
    const model = createSasRec(config, 3);
    const dir = mkdtempSync(join(tmpdir(), 'hearth-seed-'));
    const items = ['', ...Array.from({ length: 20 }, (_, i) => `sku-${i}`)];
    saveModelDir(dir, await serializeModel(model, { items, popularity: new Float32Array(21) }));
    const seed = await seedFromModelDir(dir);
    const engine = new AggregationEngine({ store: tempStore(), seed });
    try {
      const m = engine.manifest();
      expect(m.version).toBe(1);
      expect(m.sparseTensors).toEqual(['item_emb']);
      expect((m.config as { architecture: unknown }).architecture).toEqual(config);
      const stored = unpackWeights(engine.store.model(1)!.weights, m.tensors);
      const w = model.getWeights();
      for (const t of stored) expect(Array.from(t.values)).toEqual(Array.from(w[t.name]!));
    } finally {
      engine.close();
      model.dispose();
    }
    await expect(seedFromModelDir(join(dir, 'missing'))).rejects.toThrow(/missing or unreadable/);
  });
});
