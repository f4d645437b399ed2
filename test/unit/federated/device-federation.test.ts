import 'fake-indexeddb/auto';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDeviceFederation } from '../../../src/federated/device-federation';
import { namedTensorsOf } from '../../../src/federated/local-update';
import { seededRandom } from '../../../src/federated/random';
import { createSasRec } from '../../../src/model/sasrec';
import type { NamedWeights } from '../../../src/model/sasrec';
import { decodeUpdate } from '../../../src/protocol';
import { startServer } from '../../../src/server/index';
import { openHearthDb } from '../../../src/store/open-hearth-db';
import { listOutbox } from '../../../src/store/outbox';
import { tempStore } from '../server/fixtures';

const ARCH = { numItems: 30, dim: 8, maxLen: 10, blocks: 1, heads: 1, dropout: 0 };
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});
beforeAll(async () => {
  await tf.setBackend('cpu');
});

function plain(w: NamedWeights): Record<string, number[]> {
  return Object.fromEntries(Object.entries(w).map(([k, v]) => [k, Array.from(v)]));
}

describe('device federation: what the device shows vs what it queues', () => {
  it('after contribute the model holds global + α·(fine-tuned − global); the queued update is the same for every α', async () => {
    const seedModel = createSasRec(ARCH, 4);
    cleanup.push(() => seedModel.dispose());
    const global = seedModel.getWeights();
    const s = await startServer({ store: tempStore(), seed: { tensors: namedTensorsOf(seedModel), sparse: ['item_emb'], config: { ...ARCH } }, minUpdates: 100, noiseMultiplier: 0 });
    cleanup.push(() => s.close());
    const history = [2, 5, 7, 11, 13];
    const outcome = async (personalWeight: number, n: number) => {
      const db = await openHearthDb(`hearth-device-federation-${n}`);
      cleanup.push(() => db.close());
      const fed = createDeviceFederation({ serverUrl: s.url, db, hasConsent: () => true, steps: 3, learningRate: 0.5, negatives: 4, rowsPerUpdate: 16, random: seededRandom(9), personalWeight });
      const model = createSasRec(ARCH, 77); // its own weights are replaced by the global ones
      cleanup.push(() => model.dispose());
      const r = await fed.contribute(model, history);
      expect(r.queued).toBe(true);
      const [record] = await listOutbox(db);
      const { updateId, ...update } = decodeUpdate(new Uint8Array(record!.body as ArrayBuffer));
      expect(updateId).toBe(r.updateId);
      return { shown: model.getWeights(), update, loss: r.loss };
    };
    const full = await outcome(1, 1);
    const none = await outcome(0, 2);
    const half = await outcome(0.5, 3);
    expect(plain(none.shown)).toEqual(plain(global));
    expect(plain(full.shown)).not.toEqual(plain(global));
    for (const [name, g] of Object.entries(global)) {
      const t = full.shown[name]!;
      const h = half.shown[name]!;
      for (let i = 0; i < g.length; i++) expect(Math.abs(h[i]! - (g[i]! + t[i]!) / 2)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(g[i]!)));
    }
    expect(none.update).toEqual(full.update);
    expect(half.update).toEqual(full.update);
    expect(half.loss).toBe(full.loss);
  }, 60_000);

  it('rejects a personal weight outside [0, 1] when created', async () => {
    const db = await openHearthDb('hearth-device-federation-bad');
    cleanup.push(() => db.close());
    for (const personalWeight of [-0.5, 1.01, Number.NaN]) {
      expect(() => createDeviceFederation({ serverUrl: 'http://127.0.0.1:9', db, hasConsent: () => true, personalWeight })).toThrow(RangeError);
    }
  });
});
