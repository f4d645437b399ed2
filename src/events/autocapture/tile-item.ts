import type { ScrapedItem } from './json-ld-products';

/**
 * Reads a product tile marked `data-hearth-item="ID"` (optional data-hearth-name, -category,
 * -brand, -price, -currency) and its list (`data-hearth-list` on an ancestor) and position.
 * `el` must carry data-hearth-item (callers find tiles by that attribute).
 */
export function tileItem(el: HTMLElement): { item: ScrapedItem; list?: string; position?: number } {
  const d = el.dataset;
  const listEl = el.closest<HTMLElement>('[data-hearth-list]');
  // -1 when there is no list (or the tile is the list element itself).
  const pos = listEl ? [...listEl.querySelectorAll('[data-hearth-item]')].indexOf(el) : -1;
  return {
    item: { id: d.hearthItem!, name: d.hearthName, category: d.hearthCategory, brand: d.hearthBrand, price: d.hearthPrice, currency: d.hearthCurrency },
    list: listEl?.dataset.hearthList,
    position: pos >= 0 ? pos : undefined,
  };
}
