import type { Split, Stage } from './leave-one-out';

/**
 * Item interaction counts visible at a stage (index 0 unused): training items for `valid`,
 * training + validation items for `test` — never the held-out item being evaluated.
 */
export function popularityCounts(split: Split, stage: Stage): Float32Array {
  const counts = new Float32Array(split.numItems + 1);
  for (const u of split.users) {
    for (const i of u.train) counts[i]!++;
    if (stage === 'test') counts[u.valid]!++;
  }
  return counts;
}
