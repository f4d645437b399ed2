/** Ranking quality summed over users; `summarize` turns it into the reported means. */
export interface MetricSums {
  users: number;
  hr10: number;
  ndcg10: number;
  hr20: number;
  ndcg20: number;
  mrr: number;
}

/** The reported metrics (means over users), keyed as in the CLI's JSON contract. */
export interface MetricReport {
  users: number;
  'hr@10': number;
  'ndcg@10': number;
  'hr@20': number;
  'ndcg@20': number;
  mrr: number;
}

/** HR@K for a 0-based rank: 1 if the target is in the top K. */
export function hitAt(rank: number, k: number): number {
  return rank < k ? 1 : 0;
}

/** NDCG@K with one relevant item at 0-based `rank`: 1/log2(rank+2) inside the top K, else 0. */
export function ndcgAt(rank: number, k: number): number {
  return rank < k ? 1 / Math.log2(rank + 2) : 0;
}

/** Reciprocal rank (no cutoff) for a 0-based rank. */
export function reciprocalRank(rank: number): number {
  return 1 / (rank + 1);
}

/** Fresh zeroed sums. */
export function emptySums(): MetricSums {
  return { users: 0, hr10: 0, ndcg10: 0, hr20: 0, ndcg20: 0, mrr: 0 };
}

/** Adds one user's 0-based rank of the held-out item to `sums`. */
export function addRank(sums: MetricSums, rank: number): void {
  if (!Number.isInteger(rank) || rank < 0) throw new RangeError(`rank must be a non-negative integer, got ${rank}`);
  sums.users++;
  sums.hr10 += hitAt(rank, 10);
  sums.ndcg10 += ndcgAt(rank, 10);
  sums.hr20 += hitAt(rank, 20);
  sums.ndcg20 += ndcgAt(rank, 20);
  sums.mrr += reciprocalRank(rank);
}

/** Means over users (all zero when there were none). */
export function summarize(s: MetricSums): MetricReport {
  const n = Math.max(1, s.users);
  return { users: s.users, 'hr@10': s.hr10 / n, 'ndcg@10': s.ndcg10 / n, 'hr@20': s.hr20 / n, 'ndcg@20': s.ndcg20 / n, mrr: s.mrr / n };
}

/**
 * Pessimistic 0-based rank of `scores[target]` among `candidates`: every other candidate with a
 * score ≥ the target's counts as ranked above it (ties lose), as is standard for fair comparison.
 */
export function pessimisticRank(scores: ArrayLike<number>, target: number, candidates: Iterable<number>): number {
  const t = scores[target]!;
  let rank = 0;
  for (const c of candidates) if (c !== target && scores[c]! >= t) rank++;
  return rank;
}

/**
 * Full-ranking pessimistic rank: the target against all items 1..numItems except `exclude`
 * (the user's seen items; the target itself is never excluded). Index 0 is padding.
 */
export function fullRank(scores: ArrayLike<number>, target: number, numItems: number, exclude: ReadonlySet<number>): number {
  const t = scores[target]!;
  // NaN scores would silently win or lose; treat them as a bug in the scorer.
  if (Number.isNaN(t)) throw new RangeError('target score is NaN');
  let rank = 0;
  for (let i = 1; i <= numItems; i++) {
    if (i === target || exclude.has(i)) continue;
    if (scores[i]! >= t) rank++;
  }
  return rank;
}
