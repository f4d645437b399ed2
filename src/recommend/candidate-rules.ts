import type { CatalogItem, HistoryEntry, RecommendOptions } from '../protocol';

/**
 * The business rules as one predicate over shop item ids: never recommend what the shopper
 * bought or has in the cart, nor anything in `options.exclude`; with `filter.inStock` keep only
 * items the catalog marks in stock; with `filter.categories` keep only those categories.
 * Items the catalog does not describe fail any catalog-based filter (we cannot prove they pass).
 */
export function candidateRule(history: readonly HistoryEntry[], options: RecommendOptions, catalog: ReadonlyMap<string, CatalogItem>): (itemId: string) => boolean {
  const banned = new Set(options.exclude ?? []);
  for (const h of history) if (h.kind === 'purchase' || h.kind === 'cart') banned.add(h.itemId);
  const inStock = options.filter?.inStock === true;
  const categories = options.filter?.categories ? new Set(options.filter.categories) : null;
  return (itemId) => {
    if (banned.has(itemId)) return false;
    if (!inStock && !categories) return true;
    const meta = catalog.get(itemId);
    if (!meta) return false;
    if (inStock && meta.inStock !== true) return false;
    if (categories && (meta.category === undefined || !categories.has(meta.category))) return false;
    return true;
  };
}
