import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSasRec } from '../../../src/model/sasrec';
import { leaveOneOut } from '../../../src/data/leave-one-out';
import { evaluateFull, evaluatePerUser } from '../../../src/server/federated-simulation';
import { evaluatedUsers, meanOf, perUserNdcg, userNdcg } from '../../../src/server/per-user-ndcg';
import { plantedDataset } from '../model/support/planted';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('per-user NDCG@10', () => {
  it('averages to evaluate()’s NDCG@10 on the same seeded users, for both stages', async () => {
    const split = leaveOneOut(plantedDataset(40, 150, 3));
    const model = createSasRec({ numItems: 40, dim: 16, maxLen: 10, blocks: 1, heads: 1, dropout: 0 }, 4);
    try {
      for (const stage of ['valid', 'test'] as const) {
        const per = await evaluatePerUser(model, split, 60, 9, stage);
        expect(per).toHaveLength(60);
        expect(meanOf(per)).toBeCloseTo(await evaluateFull(model, split, 60, 9, stage), 12);
      }
    } finally {
      model.dispose();
    }
  });

  it('scores each user on the held-out item of the stage, excluding the history it saw', async () => {
    const split = { users: [{ user: 0, train: [1, 2], valid: 3, test: 4 }], numItems: 5, skippedUsers: 0 };
    // Item 4 scores highest, then 3, then the history items 1 and 2 (excluded), then 5.
    const scores = Float32Array.from([0, 9, 8, 7, 10, 1]);
    expect(userNdcg(scores, split.users[0]!, 'valid', 5)).toBeCloseTo(1 / Math.log2(3), 12); // 3 is behind 4
    expect(userNdcg(scores, split.users[0]!, 'test', 5)).toBe(1); // 4 is first
    const per = await perUserNdcg((h) => h.map(() => scores), split.users, split, 'valid');
    expect(Array.from(per)).toEqual([1 / Math.log2(3)]);
    expect(() => userNdcg(scores.subarray(0, 3), split.users[0]!, 'valid', 5)).toThrow(RangeError);
    expect(() => evaluatedUsers(split, 0, 1)).toThrow(RangeError);
    await expect(perUserNdcg(() => [], split.users, split, 'valid')).rejects.toThrow(/0 score arrays for 1 users/);
  });
});
