import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSasRec } from '../../../src/model/sasrec';
import type { Split } from '../../../src/data/leave-one-out';
import { evaluatePerUser } from '../../../src/server/federated-simulation';
import { meanOf } from '../../../src/server/per-user-ndcg';
import { allItemScores, personalizedNdcg, resolveFineTune, scoreWithWeights } from '../../../src/server/personalized-evaluation';
import { DEFAULT_PERSONAL_WEIGHT } from '../../../src/federated/personal-weight';

const ARCH = { numItems: 60, dim: 16, maxLen: 10, blocks: 1, heads: 1, dropout: 0 };
const ATTR = { ...ARCH, numAttributes: 4, attributesPerItem: 2 };
const TABLE = Int32Array.from({ length: (ARCH.numItems + 1) * 2 }, (_, k) => (k < 2 ? 0 : k % 2 === 0 ? 1 + ((k >> 1) % 4) : (k >> 1) % 3 === 0 ? 0 : 1 + ((k >> 1) % 3)));

// A per-user pattern no global model holds: user u alternates its own two items a_u, b_u
// (a b a b a b | valid a | test b); no other user has them, so only fine-tuning on u's own
// history can rank them.
function pairSplit(users: number): Split {
  return {
    users: Array.from({ length: users }, (_, u) => {
      const a = 1 + 2 * u;
      const b = 2 + 2 * u;
      return { user: u, train: [a, b, a, b, a, b], valid: a, test: b };
    }),
    numItems: 2 * users,
    skippedUsers: 0,
  };
}

// Personal weight 1: the device shows its full fine-tune (these tests are about the fine-tune).
const OPTS = { steps: 10, learningRate: 0.5, negatives: 8, personalWeight: 1, clipNorm: 1, rowsPerUpdate: 16, quantisation: 'int8' as const, seed: 3 };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('personalised evaluation (the device fine-tune, then the held-out item)', () => {
  it('scores items as the model does, with and without attribute embeddings', () => {
    for (const [config, table] of [[ARCH, undefined], [ATTR, TABLE]] as const) {
      const m = createSasRec(config, 2, table);
      try {
        const w = m.getWeights();
        for (const h of [[3], [5, 9, 14], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]]) {
          const want = m.scoreBatch([h])[0]!;
          const got = scoreWithWeights(w, m.config, m.itemAttributes, h);
          expect(got).toHaveLength(want.length);
          for (let i = 1; i < want.length; i++) expect(got[i]).toBeCloseTo(want[i]!, 4);
        }
        expect(() => allItemScores(w, m.config, m.itemAttributes, new Float32Array(3))).toThrow(RangeError);
      } finally {
        m.dispose();
      }
    }
  });

  it('learns a pattern only the user’s own history has: personalised > global, deterministic under the seed', async () => {
    const split = pairSplit(16);
    const model = createSasRec({ ...ARCH, numItems: split.numItems }, 5);
    const scratch = createSasRec({ ...ARCH, numItems: split.numItems }, 6);
    try {
      const global = model.getWeights();
      for (const stage of ['valid', 'test'] as const) {
        const plain = await evaluatePerUser(model, split, 16, 1, stage);
        const users = split.users;
        // evaluatePerUser's seeded order for 16 of 16 users is the split's order.
        const p = personalizedNdcg(scratch, global, users, split, stage, OPTS);
        expect(p.personalized).toBe(16);
        expect(meanOf(p.ndcg), stage).toBeGreaterThan(meanOf(plain) + 0.3);
        expect(meanOf(p.ndcg), stage).toBeGreaterThan(0.6);
        if (stage === 'valid') {
          const again = personalizedNdcg(scratch, global, users, split, stage, OPTS);
          expect(Array.from(again.ndcg)).toEqual(Array.from(p.ndcg));
          // Personal weight 0: the device shows the global model, per user exactly its NDCG.
          const none = personalizedNdcg(scratch, global, users, split, stage, { ...OPTS, personalWeight: 0 });
          expect(none.fineTune.personalWeight).toBe(0);
          expect(Array.from(none.ndcg)).toEqual(Array.from(plain));
          const half = personalizedNdcg(scratch, global, users, split, stage, { ...OPTS, personalWeight: 0.5 });
          expect(half.fineTune.personalWeight).toBe(0.5);
          expect(meanOf(half.ndcg)).toBeGreaterThan(meanOf(plain) + 0.3);
        }
      }
      // Fine-tuning never starts from the scratch model's own weights: only `global` counts.
      const other = createSasRec({ ...ARCH, numItems: split.numItems }, 99);
      try {
        const a = personalizedNdcg(scratch, global, split.users.slice(0, 5), split, 'valid', OPTS);
        const b = personalizedNdcg(other, global, split.users.slice(0, 5), split, 'valid', OPTS);
        expect(Array.from(b.ndcg)).toEqual(Array.from(a.ndcg));
      } finally {
        other.dispose();
      }
    } finally {
      model.dispose();
      scratch.dispose();
    }
  }, 120_000);

  it('never sees a later item: valid-stage results do not depend on the test item', () => {
    const split = pairSplit(6);
    const model = createSasRec({ ...ARCH, numItems: split.numItems }, 5);
    try {
      const global = model.getWeights();
      // Same users, but each test item swapped for another user's item: valid-stage results cannot move.
      const swapped: Split = { ...split, users: split.users.map((u) => ({ ...u, test: 1 + ((u.test + 4) % split.numItems) })) };
      const a = personalizedNdcg(model, global, split.users, split, 'valid', OPTS);
      const b = personalizedNdcg(model, global, swapped.users, swapped, 'valid', OPTS);
      expect(Array.from(b.ndcg)).toEqual(Array.from(a.ndcg));
    } finally {
      model.dispose();
    }
  }, 120_000);

  it('defaults to the SDK’s on-device setting and validates its input', () => {
    expect(resolveFineTune({})).toEqual({ steps: 5, learningRate: 0.05, negatives: 64, personalWeight: DEFAULT_PERSONAL_WEIGHT });
    expect(resolveFineTune({ steps: 2, learningRate: 0.1, negatives: 3, personalWeight: 0.25 })).toEqual({ steps: 2, learningRate: 0.1, negatives: 3, personalWeight: 0.25 });
    expect(() => resolveFineTune({ steps: 0 })).toThrow(RangeError);
    for (const bad of [-0.1, 1.5, Number.NaN, Infinity]) expect(() => resolveFineTune({ personalWeight: bad })).toThrow(/personalWeight/);
    const split = pairSplit(3);
    const m = createSasRec({ ...ARCH, numItems: 10 }, 1);
    try {
      expect(() => personalizedNdcg(m, m.getWeights(), split.users, split, 'valid', OPTS)).toThrow(/10 items, the split 6/);
      expect(() => personalizedNdcg(m, m.getWeights(), [], { ...split, numItems: 10 }, 'train' as never, OPTS)).toThrow(/stage/);
    } finally {
      m.dispose();
    }
  });
});
