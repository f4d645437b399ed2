// Order statistics for benchmark samples. Machines are noisy, so every figure reports a median
// (or a percentile) of repeated runs, never a single run or a mean.

/** Sorted copy of finite samples; throws if none are finite so a broken run cannot pass as 0. */
function sortedFinite(samples: readonly number[]): number[] {
  if (!Array.isArray(samples)) throw new TypeError('samples must be an array of numbers');
  const xs = samples.filter((x) => typeof x === 'number' && Number.isFinite(x));
  if (xs.length === 0) throw new RangeError('no finite samples to summarise');
  return xs.sort((a, b) => a - b);
}

/**
 * The p-th percentile (0 ≤ p ≤ 100) of the finite samples, linearly interpolated between the
 * closest ranks (the "type 7" definition used by NumPy and R), so p50 of [1, 2] is 1.5.
 * Throws on an empty/all-non-finite input or p outside [0, 100].
 */
export function percentile(samples: readonly number[], p: number): number {
  if (typeof p !== 'number' || !Number.isFinite(p) || p < 0 || p > 100) throw new RangeError(`percentile must be in [0, 100], got ${String(p)}`);
  const xs = sortedFinite(samples);
  const rank = (p / 100) * (xs.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return xs[lo]! + (xs[hi]! - xs[lo]!) * (rank - lo);
}

/** The median of the finite samples (percentile 50). */
export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

/** A summary of repeated measurements: the median plus the spread, with the count behind it. */
export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  min: number;
  max: number;
}

/** Summarises the finite samples (n counts only those); throws when there are none. */
export function summarise(samples: readonly number[]): Summary {
  const xs = sortedFinite(samples);
  return { n: xs.length, p50: percentile(xs, 50), p95: percentile(xs, 95), p99: percentile(xs, 99), min: xs[0]!, max: xs[xs.length - 1]! };
}
