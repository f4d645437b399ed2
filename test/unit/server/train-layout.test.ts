import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { encodeUpdate } from '../../../src/protocol';
import type { ModelUpdate } from '../../../src/protocol';
import { createSasRec } from '../../../src/model/sasrec';
import { loadModel, serializeModel } from '../../../src/model/artifacts';
import { saveModelDir } from '../../../src/model/node-io';
import { fetchArtifacts } from '../../../src/worker/fetch-artifacts';
import { seedFromModelDir } from '../../../src/server/seed-from-model-dir';
import { unpackWeights } from '../../../src/server/model-weights-file';
import { startServer } from '../../../src/server/index';
import type { StartedServer } from '../../../src/server/index';
import { checkTrainLayout } from '../../../src/server/train-layout';
import { seededRandom } from '../../../src/federated/random';
import { tempStore, tinySeed } from './fixtures';

const CONFIG = { numItems: 20, dim: 8, maxLen: 6, blocks: 1, heads: 1, dropout: 0 };
const ITEMS = ['', ...Array.from({ length: 20 }, (_, i) => `sku-${i}`)];

let running: StartedServer | null = null;
beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterEach(async () => {
  await running?.close();
  running = null;
});

async function seedDir(): Promise<string> {
  const model = createSasRec(CONFIG, 3);
  const dir = mkdtempSync(join(tmpdir(), 'hearth-tl-'));
  saveModelDir(dir, await serializeModel(model, { items: ITEMS, popularity: Float32Array.from({ length: 21 }, (_, i) => 21 - i) }));
  model.dispose();
  return dir;
}

// An update moving rows 3 and 5 of item_emb and nothing else (norm 0.4 ≤ C = 1).
function rowUpdate(id: string, baseVersion: number): ModelUpdate {
  return { baseVersion, updateId: id, clipNorm: 1, quantisation: 'fp16', dense: [], sparse: [{ name: 'item_emb', rows: 21, dim: 8, rowIds: Uint32Array.from([3, 5]), values: new Float32Array(16).fill(0.1) }] };
}

describe('the head model in the `hearth train` layout (/v1/model/manifest.json)', () => {
  it('loads with loadModel, scores exactly like the server head weights, and follows new versions via ETag', async () => {
    const seed = await seedDir();
    running = await startServer({ store: tempStore(), seed: await seedFromModelDir(seed), minUpdates: 1, noiseMultiplier: 0, random: seededRandom(1) });
    const { url, server } = running;
    const manifestUrl = `${url}/v1/model/manifest.json`;
    const first = await fetchArtifacts(manifestUrl);
    if (first.notModified) throw new Error('expected a model');
    expect(first.artifacts.manifest.items).toEqual(ITEMS);
    expect((await fetchArtifacts(manifestUrl, { etag: first.etag })).notModified).toBe(true);

    expect((await fetch(`${url}/v1/updates`, { method: 'POST', body: encodeUpdate(rowUpdate('tl-1', 1)) })).status).toBe(202);
    for (let i = 0; i < 100 && server.engine.version === 1; i++) await new Promise((r) => setTimeout(r, 20));
    expect(server.engine.version).toBe(2);

    const second = await fetchArtifacts(manifestUrl, { etag: first.etag });
    if (second.notModified) throw new Error('the new version must replace the cached one');
    expect(second.etag).not.toBe(first.etag);
    expect(second.artifacts.manifest.modelVersion).not.toBe(first.artifacts.manifest.modelVersion);
    const { model: served } = await loadModel(second.artifacts);
    const head = server.engine.store.model(2)!;
    const direct = createSasRec(CONFIG, 0);
    direct.setWeights(Object.fromEntries(unpackWeights(head.weights, head.tensors).map((t) => [t.name, t.values])));
    const { model: seedModel } = await loadModel((await import('../../../src/model/node-io')).readModelDir(seed));
    try {
      for (const history of [[1, 3], [5, 7, 9], [3]]) {
        const a = served.scoreAll(history);
        expect(Array.from(a)).toEqual(Array.from(direct.scoreAll(history)));
        // …and the round really changed the model the SDK gets.
        expect(Array.from(a)).not.toEqual(Array.from(seedModel.scoreAll(history)));
      }
    } finally {
      served.dispose();
      direct.dispose();
      seedModel.dispose();
    }
    // Older versions stay downloadable (immutable folders); unknown ones are 404s.
    expect((await fetch(`${url}/v1/model/v/1/model.json`)).status).toBe(200);
    const missing = await fetch(`${url}/v1/model/v/9/manifest.json`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { reason: string }).reason).toBe('unknown_version');
  });

  it('answers 404 no_train_layout when seeded without one, and refuses a layout that does not match the weights', async () => {
    running = await startServer({ store: tempStore(), seed: tinySeed() });
    const r = await fetch(`${running.url}/v1/model/manifest.json`);
    expect(r.status).toBe(404);
    expect(((await r.json()) as { reason: string }).reason).toBe('no_train_layout');
    const tensors = [{ name: 'item_emb', shape: [21, 8], offset: 0 }];
    expect(checkTrainLayout({ config: CONFIG, items: ITEMS, popularity: new Array(21).fill(0) }, tensors)).toMatch(/no tensor pos_emb/);
    expect(checkTrainLayout({ config: CONFIG, items: ITEMS.slice(1), popularity: new Array(21).fill(0) }, tensors)).toMatch(/items must list/);
    await expect(startServer({ store: tempStore(), seed: { ...tinySeed(), trainLayout: { config: CONFIG, items: ITEMS, popularity: new Array(21).fill(0) } } })).rejects.toThrow(/trainLayout does not match/);
  });
});
