import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSasRec } from '../../../src/model/sasrec';
import { fineTuneOnHistory } from '../../../src/federated/local-training';
import { blendPersonalWeights, computeLocalUpdate, namedTensorsOf } from '../../../src/federated/local-update';
import type { NamedWeights } from '../../../src/model/sasrec';
import { encodeForUpload } from '../../../src/federated/encode-for-upload';
import { seededRandom } from '../../../src/federated/random';
import { updateNorm } from '../../../src/federated/update-norm';
import { decodeUpdate } from '../../../src/protocol';
import { packWeights } from '../../../src/server/model-weights-file';
import { validateUpdateAgainstModel } from '../../../src/server/update-validation';
import { leaveOneOut } from '../../../src/data/leave-one-out';
import { runFederatedSimulation, evaluateFull } from '../../../src/server/federated-simulation';
import { plantedDataset } from '../model/support/planted';

const ARCH = { numItems: 40, dim: 16, maxLen: 10, blocks: 1, heads: 1, dropout: 0 };
const ATTR = { ...ARCH, numAttributes: 5, attributesPerItem: 2 };
const TABLE = Int32Array.from({ length: (ARCH.numItems + 1) * 2 }, (_, k) => (k < 2 ? 0 : 1 + (k % 5)));

function plain(w: NamedWeights): Record<string, number[]> {
  return Object.fromEntries(Object.entries(w).map(([k, v]) => [k, Array.from(v)]));
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('on-device fine-tuning and the local update', () => {
  it('SGD fine-tuning moves only the item rows this device touched', () => {
    const m = createSasRec(ARCH, 1);
    const before = m.getWeights();
    const history = [3, 9, 14, 27];
    fineTuneOnHistory(m, history, { steps: 2, learningRate: 0.1, negatives: 4, random: seededRandom(2) });
    const after = m.getWeights();
    let changedRows = 0;
    for (let r = 0; r <= ARCH.numItems; r++) {
      let moved = false;
      for (let j = 0; j < ARCH.dim; j++) if (after.item_emb![r * ARCH.dim + j] !== before.item_emb![r * ARCH.dim + j]) moved = true;
      if (moved) changedRows++;
    }
    expect(changedRows).toBeGreaterThanOrEqual(history.length);
    expect(changedRows).toBeLessThanOrEqual(history.length + 8); // + at most 2×4 sampled negatives
    expect(() => fineTuneOnHistory(m, [5], { random: seededRandom(1) })).toThrow(/at least 2/);
    expect(() => fineTuneOnHistory(m, [5, 999], { random: seededRandom(1) })).toThrow(/outside/);
    m.dispose();
  });

  it('keeps personal weights locally and uploads a fixed-size, clipped update the server accepts', () => {
    const m = createSasRec(ARCH, 1);
    const global = m.getWeights();
    const numTensors = tf.memory().numTensors;
    const { update, personalWeights } = computeLocalUpdate(m, global, 4, [1, 2, 3, 5, 8], { clipNorm: 0.05, sparseTensors: ['item_emb'], rowsPerUpdate: 16 }, { steps: 3, learningRate: 0.5, negatives: 4, random: seededRandom(3), updateId: 'dev-a' });
    expect(tf.memory().numTensors).toBe(numTensors);
    expect(personalWeights.w1 ?? personalWeights['block0/w1']).not.toEqual(global['block0/w1']);
    expect(update.sparse[0]!.rowIds.length).toBe(16);
    expect(updateNorm(update)).toBeLessThanOrEqual(0.05 + 1e-7);
    const decoded = decodeUpdate(encodeForUpload(update, seededRandom(1)));
    const layout = packWeights(namedTensorsOf(m, global)).tensors;
    expect(validateUpdateAgainstModel(decoded, layout, ['item_emb'], 0.05)).toBeNull();
    m.dispose();
  });

  it('personal weight α: the device keeps global + α·(fine-tuned − global), the queued update is the same for every α', () => {
    // Compact path (item rows only) and full path (attribute embeddings).
    for (const [config, table] of [[ARCH, undefined], [ATTR, TABLE]] as const) {
      const m = createSasRec(config, 1, table);
      const global = m.getWeights();
      const run = (personalWeight: number) => {
        const r = computeLocalUpdate(m, global, 4, [1, 2, 3, 5, 8], { clipNorm: 0.05, sparseTensors: ['item_emb'], rowsPerUpdate: 16 }, { steps: 3, learningRate: 0.5, negatives: 4, random: seededRandom(3), updateId: 'dev-a', personalWeight });
        return { ...r, held: m.getWeights() };
      };
      const full = run(1);
      const none = run(0);
      const half = run(0.5);
      const tenth = run(0.1);
      const label = config === ARCH ? 'compact' : 'attributes';
      // α = 0: the global weights exactly; α = 1: the fine-tuned ones (which moved).
      expect(plain(none.personalWeights), label).toEqual(plain(global));
      expect(plain(none.held), label).toEqual(plain(global));
      expect(plain(full.personalWeights), label).not.toEqual(plain(global));
      expect(plain(full.held), label).toEqual(plain(full.personalWeights));
      // α = 0.5 the midpoint, α = 0.1 a tenth of the way, element by element (float32 rounding).
      let moved = 0;
      for (const [name, g] of Object.entries(global)) {
        const t = full.personalWeights[name]!;
        const h = half.personalWeights[name]!;
        const p = tenth.personalWeights[name]!;
        for (let i = 0; i < g.length; i++) {
          if (t[i] !== g[i]) moved++;
          expect(Math.abs(h[i]! - (g[i]! + t[i]!) / 2)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(g[i]!)));
          expect(Math.abs(p[i]! - (g[i]! + 0.1 * (t[i]! - g[i]!)))).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(g[i]!)));
        }
      }
      expect(moved, label).toBeGreaterThan(0);
      expect(plain(half.held), label).toEqual(plain(half.personalWeights));
      // The update (what is queued and uploaded) does not depend on α.
      for (const other of [none, half, tenth]) {
        expect(other.update, label).toEqual(full.update);
        expect(other.loss, label).toBe(full.loss);
      }
      expect(full.update.sparse[0]!.rowIds.length).toBe(16);
      expect(() => run(1.5)).toThrow(/personalWeight/);
      expect(() => run(-0.01)).toThrow(/personalWeight/);
      expect(() => run(Number.NaN)).toThrow(/personalWeight/);
      m.dispose();
    }
  });

  it('blendPersonalWeights: exact at α = 0 and 1, leaves its inputs alone, validates', () => {
    const g = { a: Float32Array.from([0.1, -2, 3]), b: Float32Array.from([5]) };
    const t = { a: Float32Array.from([0.3, -2, 2]), b: Float32Array.from([7]) };
    expect(plain(blendPersonalWeights(g, t, 0))).toEqual(plain(g));
    expect(plain(blendPersonalWeights(g, t, 1))).toEqual(plain(t));
    const half = blendPersonalWeights(g, t, 0.5);
    expect(half.a![0]).toBeCloseTo(0.2, 6);
    expect(Array.from(half.a!.subarray(1))).toEqual([-2, 2.5]);
    expect(Array.from(half.b!)).toEqual([6]);
    expect(half.a).not.toBe(g.a);
    expect(Array.from(g.a)).toEqual(Array.from(Float32Array.from([0.1, -2, 3])));
    expect(() => blendPersonalWeights(g, t, 2)).toThrow(RangeError);
    expect(() => blendPersonalWeights(g, { c: Float32Array.from([1]) }, 0.5)).toThrow(/'c'/);
    expect(() => blendPersonalWeights(g, { a: Float32Array.from([1]) }, 0.5)).toThrow(/'a'/);
  });

  it('the simulator improves a weak start model on planted data without noise', async () => {
    const split = leaveOneOut(plantedDataset(40, 300, 4));
    const evalModel = createSasRec(ARCH, 7);
    const clientModel = createSasRec(ARCH, 8);
    const start = await evaluateFull(evalModel, split, 300, 1);
    const out = await runFederatedSimulation(split, split.users, { evalModel, clientModel, seedWeights: evalModel.getWeights() }, {
      rounds: 3, clientsPerRound: 60, noiseMultiplier: 0, delta: 1e-6, clipNorm: 1, localSteps: 3, localLearningRate: 0.5, localNegatives: 16,
      rowsPerUpdate: 16, quantisation: 'int8', aggregator: 'mean', trimFraction: 0.1, serverLearningRate: 1, evalUsers: 300, evalEvery: 3,
      poisonFraction: 0, poisonMode: 'flip', poisonScale: 1, seed: 5,
    }, () => {});
    expect(out.rounds).toHaveLength(3);
    expect(out.rounds.every((r) => r.rejected === 0 && r.accepted === r.participants)).toBe(true);
    expect(out.rounds[2]!['ndcg@10']!).toBeGreaterThan(start * 1.3);
    evalModel.dispose();
    clientModel.dispose();
  }, 300_000);
});
