// The page for a product id or path that does not exist: it explains and offers a way on.
import { html } from './html.mjs';
import { layout } from './layout.mjs';
import { tileList } from './tile.mjs';

/**
 * Not-found page. Promises: a message naming what was not found, and popular products.
 * @param {{ what: string, popular: import('../lib/catalog.mjs').Product[] }} data
 */
export function notFoundPage({ what, popular }) {
  const body = html`<h1>We couldn’t find ${what}</h1>
<p class="explain">It may have been removed, or the link is mistyped. Try the search box, or one of these popular products.</p>
${tileList(popular.slice(0, 8), 'Popular products')}`;
  return layout({ title: 'Not found', page: 'not-found', body });
}
