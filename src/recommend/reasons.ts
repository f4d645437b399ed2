import type { RecommendReason } from '../protocol';

/**
 * Turns per-history-position evidence (attention weights or contributions, one per entry of
 * `historyIds`) into at most `n` reasons: the past items with the highest evidence, weights
 * normalised to sum to 1 over the positive evidence, repeated items merged. Items with no
 * positive evidence are never given as a reason.
 */
export function topReasons(evidence: ArrayLike<number>, historyIds: readonly string[], n = 3): RecommendReason[] {
  if (evidence.length !== historyIds.length) throw new RangeError(`evidence has ${evidence.length} entries for ${historyIds.length} history items`);
  const byItem = new Map<string, number>();
  for (let i = 0; i < historyIds.length; i++) {
    const w = evidence[i]!;
    if (!(w > 0)) continue;
    byItem.set(historyIds[i]!, (byItem.get(historyIds[i]!) ?? 0) + w);
  }
  let total = 0;
  for (const w of byItem.values()) total += w;
  return [...byItem.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, n)
    .map(([itemId, w]) => ({ itemId, weight: w / total }));
}
