import type { Dataset } from '../../../../src/data/dataset';
import { createRng } from '../../../../src/data/rng';

/**
 * A synthetic dataset with a planted sequential pattern: every user walks a fixed random
 * permutation cycle of the items (next = succ[current]) from a random start, so popularity is
 * flat but the next item is fully predictable from the last one.
 */
export function plantedDataset(numItems = 40, users = 300, seed = 1): Dataset {
  const rng = createRng(seed);
  const perm = Array.from({ length: numItems }, (_, i) => i + 1);
  for (let i = perm.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [perm[i], perm[j]] = [perm[j]!, perm[i]!];
  }
  const succ = new Map(perm.map((item, k) => [item, perm[(k + 1) % numItems]!]));
  const sequences: number[][] = [];
  for (let u = 0; u < users; u++) {
    const len = 6 + rng.int(8);
    const seq = [1 + rng.int(numItems)];
    while (seq.length < len) seq.push(succ.get(seq[seq.length - 1]!)!);
    sequences.push(seq);
  }
  return {
    items: ['', ...Array.from({ length: numItems }, (_, i) => `sku-${i + 1}`)],
    users: sequences.map((_, u) => `user-${u}`),
    sequences,
    source: 'planted',
  };
}
