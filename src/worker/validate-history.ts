import type { StoredEvent } from '../events/schema';
import type { HistoryEntry } from '../protocol';
import { historyFromEvents } from '../recommend/history-from-events';
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

/** Checks stored events sent by the page and turns them into a history (newest MAX_HISTORY). */
export function historyFromPageEvents(raw: unknown): HistoryEntry[] {
  if (!Array.isArray(raw)) throw new RecommendError('invalid_argument', 'recommend: events must be an array (from hearth.events())');
  raw.forEach((e, i) => {
    const ok = e && typeof e === 'object' && typeof e.type === 'string' && typeof e.ts === 'number' && (e.type === 'purchase' ? Array.isArray(e.items) : !('item' in e) || typeof e.item?.id === 'string');
    if (!ok) throw new RecommendError('invalid_argument', `recommend: events[${i}] is not a stored Hearth event`);
  });
  return validateHistory(historyFromEvents(raw as StoredEvent[]));
}
