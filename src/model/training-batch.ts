import type { UserSplit } from '../data/leave-one-out';

/**
 * One training step's input: `batchSize` left-padded sequences of `length` items (row-major,
 * 0 = padding), the next-item target at each position (0 = no loss there), and the shared
 * negatives of the sampled softmax.
 */
export interface TrainingBatch {
  batchSize: number;
  length: number;
  inputs: Int32Array;
  targets: Int32Array;
  /** Item indices (1..numItems) every position is contrasted against; duplicates allowed. */
  negatives: Int32Array;
  /** Seed for this step's dropout noise (deterministic training and resume); default: a step counter. */
  seed?: number;
  /** Weight of the binary cross-entropy added to the sampled softmax (see sampledLoss); default 0. */
  bceWeight?: number;
  /** Weight of the sampled softmax cross-entropy (see sampledLoss); default 1, 0 = BCE alone. */
  softmaxWeight?: number;
  /** Factor on this step's mean loss (> 0; see targetLossScales); default 1. */
  lossScale?: number;
}

/**
 * Builds the next-item batch for `sequences` (each a user's training items in time order): the
 * inputs are seq[0..n-2], the targets seq[1..n-1], both truncated to the last `maxLen` steps
 * and left-padded only to the longest sequence in this batch (not to maxLen: padding is waste).
 */
export function makeTrainingBatch(sequences: readonly (readonly number[])[], maxLen: number, negatives: Int32Array): TrainingBatch {
  let length = 1;
  for (const s of sequences) length = Math.max(length, Math.min(maxLen, s.length - 1));
  const B = sequences.length;
  const inputs = new Int32Array(B * length);
  const targets = new Int32Array(B * length);
  sequences.forEach((s, b) => {
    const n = Math.min(maxLen, s.length - 1);
    const off = s.length - 1 - n;
    const row = b * length + (length - n);
    for (let t = 0; t < n; t++) {
      inputs[row + t] = s[off + t]!;
      targets[row + t] = s[off + t + 1]!;
    }
  });
  return { batchSize: B, length, inputs, targets, negatives };
}

/**
 * The per-user sequences the trainer fits, in time order: each user's training items, plus the
 * validation item when `includeValid` (a refit after settings were chosen on validation) — never
 * the test item. Users left with fewer than 2 items (no next-item target) are left out.
 */
export function trainingSequences(users: readonly UserSplit[], includeValid: boolean): number[][] {
  if (!Array.isArray(users)) throw new TypeError('trainingSequences: users must be an array');
  const out: number[][] = [];
  for (const u of users) {
    const seq = includeValid ? [...u.train, u.valid] : u.train;
    if (seq.length >= 2) out.push(seq);
  }
  return out;
}
