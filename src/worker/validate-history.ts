import type { HistoryEntry } from '../protocol';
import { RecommendError } from '../recommend/recommend-error';

const KINDS = new Set<HistoryEntry['kind']>(['view', 'click', 'cart', 'purchase', 'other']);
/** Longest history the worker reads; the model looks at far fewer (maxLen). */
export const MAX_HISTORY = 2000;

/** Checks a history sent by the page; keeps the newest MAX_HISTORY entries. Throws RecommendError. */
export function validateHistory(raw: unknown): HistoryEntry[] {
  if (!Array.isArray(raw)) throw new RecommendError('invalid_argument', 'recommend: history must be an array');
  return raw.slice(-MAX_HISTORY).map((h, i) => {
    const e = h as Partial<HistoryEntry> | null;
    if (!e || typeof e.itemId !== 'string' || e.itemId === '' || !KINDS.has(e.kind as HistoryEntry['kind'])) {
      throw new RecommendError('invalid_argument', `recommend: history[${i}] must be { itemId: string, kind: view|click|cart|purchase|other }`);
    }
    return { itemId: e.itemId, kind: e.kind! };
  });
}
