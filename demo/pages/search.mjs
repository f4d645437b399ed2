// Search results; an empty query explains itself and shows best sellers instead.
import { html } from './html.mjs';
import { layout } from './layout.mjs';
import { tileList } from './tile.mjs';

/**
 * Search page. Promises: for an empty query, an explanation and popular products; otherwise
 * the matches (or a "nothing found" message with popular products).
 * @param {{ query: string, results: import('../lib/catalog.mjs').Product[], popular: import('../lib/catalog.mjs').Product[] }} data
 */
export function searchPage({ query, results, popular }) {
  let body;
  if (!query) {
    body = html`<h1>Search</h1><p class="explain">Type a product, brand or department in the search box. Meanwhile, here is what is popular.</p>${tileList(popular.slice(0, 12), 'Popular products')}`;
  } else if (results.length === 0) {
    body = html`<h1>No results for “${query}”</h1><p class="explain">Nothing matched. Try a shorter word, or browse what is popular.</p>${tileList(popular.slice(0, 12), 'Popular products')}`;
  } else {
    body = html`<h1>${results.length} results for “${query}”</h1><div data-hearth-search="${query}"></div>${tileList(results.slice(0, 60), `Results for ${query}`)}`;
  }
  return layout({ title: query ? `Search: ${query}` : 'Search', page: 'search', body, query });
}
