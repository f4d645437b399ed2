// A department page: every product of one category, best sellers first.
import { html } from './html.mjs';
import { layout } from './layout.mjs';
import { tileList } from './tile.mjs';

/**
 * Category page. Promises: a heading with the department's name and all its products.
 * @param {{ label: string, products: import('../lib/catalog.mjs').Product[] }} data
 */
export function categoryPage({ label, products }) {
  const body = html`<h1>${label}</h1><p>${products.length} products, best sellers first.</p>${tileList(products, `${label} products`)}`;
  return layout({ title: label, page: 'category', body });
}
