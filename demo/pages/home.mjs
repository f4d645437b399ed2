// The home page: the "for you" rail, then a few departments.
import { CATEGORIES } from '../lib/catalog.mjs';
import { html } from './html.mjs';
import { layout } from './layout.mjs';
import { tileList } from './tile.mjs';

/**
 * Home. Promises: a rail (`[data-hearth-recs]`) pre-filled with popular products, labelled as
 * popularity, which the storefront script replaces with on-device recommendations when the
 * model is available; plus best sellers per department.
 * @param {{ popular: import('../lib/catalog.mjs').Product[], byCategory: Map<string, import('../lib/catalog.mjs').Product[]> }} data
 */
export function homePage({ popular, byCategory }) {
  const body = html`
<section class="rail" aria-labelledby="rail-title">
  <h1 id="rail-title"><span class="rail-label">Popular right now</span></h1>
  <p class="rail-source" data-source="popularity">Showing popularity across all shoppers until your on-device model is ready.</p>
  <div data-hearth-recs data-k="8">${tileList(popular.slice(0, 8), 'Recommended products', { rec: true })}</div>
</section>
${CATEGORIES.slice(0, 4).map((c) => html`
<section class="dept" aria-labelledby="dept-${c.id}">
  <h2 id="dept-${c.id}"><a href="/category/${c.id}">${c.label}</a></h2>
  ${tileList((byCategory.get(c.id) ?? []).slice(0, 6), `${c.label} best sellers`)}
</section>`)}`;
  return layout({ title: 'Home', page: 'home', body });
}
