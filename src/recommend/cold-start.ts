import type { CatalogItem, HistoryEntry, RecommendSource } from '../protocol';
import type { ItemIndex } from './item-index';

/** Scores for a shopper the model cannot personalise for, and which fallback produced them. */
export interface ColdStartScores {
  scores: Float32Array;
  source: Extract<RecommendSource, 'popularity' | 'affinity'>;
}

/**
 * Cold-start scores over `ids` (index space, 0 = padding): popularity (log-scaled to [0, 1])
 * and, when the history touches catalog categories, attribute affinity on top — each item
 * gains the share of the shopper's history in its category, so affinity dominates and
 * popularity orders within a category. `popularity[i]` is the count of index i; missing → 0.
 */
export function coldStartScores(ids: ItemIndex, popularity: ArrayLike<number> | null, history: readonly HistoryEntry[], catalog: ReadonlyMap<string, CatalogItem>): ColdStartScores {
  const n = ids.size;
  const scores = new Float32Array(n + 1);
  let maxLog = 0;
  for (let i = 1; i <= n; i++) {
    const p = popularity?.[i] ?? 0;
    scores[i] = Math.log1p(p > 0 ? p : 0);
    maxLog = Math.max(maxLog, scores[i]!);
  }
  if (maxLog > 0) for (let i = 1; i <= n; i++) scores[i]! /= maxLog;
  const affinity = new Map<string, number>();
  let counted = 0;
  for (const h of history) {
    const c = catalog.get(h.itemId)?.category;
    if (c === undefined) continue;
    affinity.set(c, (affinity.get(c) ?? 0) + 1);
    counted++;
  }
  if (counted === 0) return { scores, source: 'popularity' };
  for (let i = 1; i <= n; i++) {
    const c = catalog.get(ids.toId(i))?.category;
    if (c !== undefined) scores[i]! += 2 * ((affinity.get(c) ?? 0) / counted);
  }
  return { scores, source: 'affinity' };
}

/** Popularity counts by index for a catalog-only universe (from `CatalogItem.popularity`). */
export function catalogPopularity(ids: ItemIndex, catalog: ReadonlyMap<string, CatalogItem>): Float32Array {
  const out = new Float32Array(ids.size + 1);
  for (let i = 1; i <= ids.size; i++) out[i] = catalog.get(ids.toId(i))?.popularity ?? 0;
  return out;
}
