import type { ScrapedItem } from './json-ld-products';

/**
 * Reads a product tile marked `data-hearth-item="ID"` (optional data-hearth-name, -category,
 * -brand, -price, -currency) and its list (`data-hearth-list` on an ancestor) and position.
 */
export function tileItem(el: HTMLElement): { item: ScrapedItem; list?: string; position?: number } {
  const d = el.dataset;
  const listEl = el.closest<HTMLElement>('[data-hearth-list]');
  const tiles = listEl ? [...listEl.querySelectorAll('[data-hearth-item]')] : [];
  const pos = tiles.indexOf(el);
  return {
    item: { id: d.hearthItem ?? '', name: d.hearthName, category: d.hearthCategory, brand: d.hearthBrand, price: d.hearthPrice, currency: d.hearthCurrency },
    list: listEl?.dataset.hearthList,
    position: pos >= 0 ? pos : undefined,
  };
}
