import { describe, expect, it } from 'vitest';
import { makeTrainingBatch, trainingSequences } from '../../../src/model/training-batch';
import type { UserSplit } from '../../../src/data/leave-one-out';

const users: UserSplit[] = [
  { user: 0, train: [1, 2, 3], valid: 4, test: 5 },
  { user: 1, train: [6], valid: 7, test: 8 },
  { user: 2, train: [9, 10], valid: 11, test: 12 },
];

describe('trainingSequences', () => {
  it('fits the training items only by default, dropping users without a next-item target', () => {
    expect(trainingSequences(users, false)).toEqual([[1, 2, 3], [9, 10]]);
  });

  it('appends the validation item with includeValid and never the test item', () => {
    const seqs = trainingSequences(users, true);
    expect(seqs).toEqual([[1, 2, 3, 4], [6, 7], [9, 10, 11]]);
    for (const t of [5, 8, 12]) expect(seqs.flat()).not.toContain(t);
  });

  it('leaves the split untouched and rejects a non-array', () => {
    trainingSequences(users, true);
    expect(users[0]!.train).toEqual([1, 2, 3]);
    expect(() => trainingSequences('users' as never, true)).toThrow(TypeError);
  });
});

describe('makeTrainingBatch', () => {
  it('makes every position a target, keeps repeats, and truncates to the most recent maxLen', () => {
    // SASRec's sampler: inputs seq[..n-2], targets seq[1..], the last maxLen steps, left-padded.
    const b = makeTrainingBatch([[1, 2, 2, 3, 4, 5], [7, 7]], 3, Int32Array.from([9]));
    expect(b.length).toBe(3);
    expect(Array.from(b.inputs)).toEqual([2, 3, 4, 0, 0, 7]);
    expect(Array.from(b.targets)).toEqual([3, 4, 5, 0, 0, 7]);
  });
});
