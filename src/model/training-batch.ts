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
