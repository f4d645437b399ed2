import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSasRec } from '../../../src/model/sasrec';
import { leaveOneOut } from '../../../src/data/leave-one-out';
import { runFederatedSimulation } from '../../../src/server/federated-simulation';
import { plantedDataset } from '../model/support/planted';

// 40 items, each with one of 5 attributes (row 0 is the padding item).
const ARCH = { numItems: 40, dim: 16, maxLen: 10, blocks: 1, heads: 1, dropout: 0, numAttributes: 5, attributesPerItem: 1 };
const TABLE = Int32Array.from({ length: ARCH.numItems + 1 }, (_, i) => (i === 0 ? 0 : 1 + (i % 5)));

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('federated simulation with item attributes', () => {
  it('clients fine-tune the attribute embeddings and the server aggregates them into the global model', async () => {
    const split = leaveOneOut(plantedDataset(ARCH.numItems, 120, 4));
    const evalModel = createSasRec(ARCH, 7, TABLE);
    const clientModel = createSasRec(ARCH, 8, TABLE);
    const seedWeights = evalModel.getWeights();
    const seedAttr = seedWeights.attr_emb!.slice();
    try {
      const out = await runFederatedSimulation(split, split.users, { evalModel, clientModel, seedWeights }, {
        rounds: 2, clientsPerRound: 40, noiseMultiplier: 0, delta: 1e-6, clipNorm: 1, localSteps: 2, localLearningRate: 0.5, localNegatives: 8,
        rowsPerUpdate: 16, quantisation: 'int8', aggregator: 'mean', trimFraction: 0.1, serverLearningRate: 1, evalUsers: 50, evalEvery: 2,
        poisonFraction: 0, poisonMode: 'flip', poisonScale: 1, seed: 5,
      }, () => {});
      expect(out.rounds.every((r) => r.participants > 0 && r.rejected === 0 && r.accepted === r.participants)).toBe(true);
      const attr = out.finalWeights.attr_emb!;
      expect(attr.length).toBe((ARCH.numAttributes + 1) * ARCH.dim);
      expect(attr.every(Number.isFinite)).toBe(true);
      // Every real attribute row moved: clients' steps reached them and their deltas were aggregated.
      for (let a = 1; a <= ARCH.numAttributes; a++) {
        const row = (w: Float32Array) => Array.from(w.subarray(a * ARCH.dim, (a + 1) * ARCH.dim));
        expect(row(attr), `attribute ${a}`).not.toEqual(row(seedAttr));
      }
      // The update carried attr_emb densely: more bytes than the same model's tensors without it would need.
      const denseValues = Object.entries(seedWeights).filter(([n]) => n !== 'item_emb').reduce((s, [, v]) => s + v.length, 0);
      expect(out.bytesPerUpdate).toBeGreaterThan(denseValues);
      expect(out.rounds[1]!['ndcg@10']).not.toBeNull();
    } finally {
      evalModel.dispose();
      clientModel.dispose();
    }
  }, 300_000);
});
