// Mean and standard error of per-user differences between two scorings of the same users.

/** Mean of the per-user differences a − b, its standard error, and the number of users. */
export interface PairedDifference {
  mean: number;
  /** Standard error of the mean: sample standard deviation of a − b over √n (0 for n < 2). */
  se: number;
  users: number;
}

/**
 * Paired difference of two per-user metric arrays scored on the same users in the same order
 * (e.g. federated − start NDCG@10): the error of the difference from these users alone, smaller
 * than the two rows' own errors when the scorings are correlated. Throws a RangeError for arrays
 * of different lengths, an empty pair or a non-finite value.
 */
export function pairedDifference(a: ArrayLike<number>, b: ArrayLike<number>): PairedDifference {
  if (a.length !== b.length) throw new RangeError(`pairedDifference: ${a.length} vs ${b.length} users`);
  const n = a.length;
  if (n === 0) throw new RangeError('pairedDifference: no users');
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const d = a[i]! - b[i]!;
    if (!Number.isFinite(d)) throw new RangeError(`pairedDifference: user ${i} has a non-finite value`);
    sum += d;
  }
  const mean = sum / n;
  if (n < 2) return { mean, se: 0, users: n };
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (a[i]! - b[i]! - mean) ** 2;
  return { mean, se: Math.sqrt(ss / (n - 1) / n), users: n };
}
