import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSasRec } from '../../../src/model/sasrec';
import { fineTuneOnHistory } from '../../../src/federated/local-training';
import { computeLocalUpdate, namedTensorsOf } from '../../../src/federated/local-update';
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
