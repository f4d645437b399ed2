import { describe, expect, it } from 'vitest';
import { rankRecommendations } from '../../../src/recommend/rank-recommendations';
import { candidateRule } from '../../../src/recommend/candidate-rules';
import { coldStartScores } from '../../../src/recommend/cold-start';
import { createItemIndex } from '../../../src/recommend/item-index';
import type { CatalogItem, HistoryEntry } from '../../../src/protocol';

const ids = createItemIndex(['', 'a', 'b', 'c', 'd', 'e']);
const catalog = new Map<string, CatalogItem>([
  ['a', { id: 'a', category: 'shoes', inStock: true }],
  ['b', { id: 'b', category: 'shoes', inStock: false }],
  ['c', { id: 'c', category: 'hats', inStock: true }],
  ['d', { id: 'd', category: 'hats', inStock: true }],
]);
const scores = Float32Array.from([0, 5, 4, 3, 2, 1]);

describe('rules + ranking', () => {
  it('excludes purchased, in-cart and explicitly excluded items', () => {
    const history: HistoryEntry[] = [{ itemId: 'a', kind: 'purchase' }, { itemId: 'b', kind: 'cart' }, { itemId: 'c', kind: 'view' }];
    const rule = candidateRule(history, { k: 3, exclude: ['d'] }, catalog);
    expect(rankRecommendations({ scores, ids, rule, k: 3 }).map((r) => r.itemId)).toEqual(['c', 'e']);
  });
  it('applies in-stock and category filters (unknown catalog items fail them)', () => {
    expect(rankRecommendations({ scores, ids, rule: candidateRule([], { k: 5, filter: { inStock: true } }, catalog), k: 5 }).map((r) => r.itemId)).toEqual(['a', 'c', 'd']);
    expect(rankRecommendations({ scores, ids, rule: candidateRule([], { k: 5, filter: { categories: ['hats'] } }, catalog), k: 5 }).map((r) => r.itemId)).toEqual(['c', 'd']);
  });
  it('re-ranks for diversity with MMR and attaches reasons', () => {
    const sim = (x: number, y: number) => (catalog.get(ids.toId(x))?.category === catalog.get(ids.toId(y))?.category ? 1 : 0);
    const out = rankRecommendations({ scores, ids, rule: () => true, k: 2, diversity: 0.7, similarity: sim, reasonsFor: (i) => [{ itemId: `why${i}`, weight: 1 }] });
    expect(out.map((r) => r.itemId)).toEqual(['a', 'c']);
    expect(out[1]!.reasons).toEqual([{ itemId: 'why3', weight: 1 }]);
  });
});

describe('coldStartScores', () => {
  it('uses popularity with no history', () => {
    const r = coldStartScores(ids, [0, 1, 100, 10, 0, 5], [], catalog);
    expect(r.source).toBe('popularity');
    expect(rankRecommendations({ scores: r.scores, ids, rule: () => true, k: 2 }).map((x) => x.itemId)).toEqual(['b', 'c']);
  });
  it('adds attribute affinity when the history touches categories', () => {
    const r = coldStartScores(ids, [0, 1, 100, 10, 0, 5], [{ itemId: 'c', kind: 'view' }], catalog);
    expect(r.source).toBe('affinity');
    expect(rankRecommendations({ scores: r.scores, ids, rule: () => true, k: 2 }).map((x) => x.itemId)).toEqual(['c', 'd']);
  });
});

describe('createItemIndex', () => {
  it('maps both ways and rejects duplicates', () => {
    expect(ids.toIndex('c')).toBe(3);
    expect(ids.toIndex('zzz')).toBeUndefined();
    expect(ids.toId(1)).toBe('a');
    expect(() => ids.toId(6)).toThrow(/out of range/);
    expect(() => createItemIndex(['', 'a', 'a'])).toThrow(/twice/);
  });
});
