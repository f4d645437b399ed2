// A product tile: the unit every list and rail in the shop is made of.
import { html, money } from './html.mjs';

/**
 * One product tile. Promises: a list item carrying `data-hearth-item` (so autocapture sees
 * impressions and clicks), a link to the product page and an image with alt text. With
 * `rec`, it also carries `data-hearth-rec` and a "Why this?" disclosure with the given reason.
 * @param {import('../lib/catalog.mjs').Product} p
 * @param {{ rec?: boolean, why?: string }} [options]
 */
export function tile(p, { rec = false, why } = {}) {
  // data-hearth-* lets autocapture record impressions and clicks with the product's details.
  return html`<li class="tile" data-hearth-item="${p.id}" data-hearth-name="${p.name}" data-hearth-category="${p.category}" data-hearth-brand="${p.brand}" data-hearth-price="${p.price}" data-hearth-currency="EUR"${rec ? html` data-hearth-rec="${p.id}"` : ''}>
  <a href="/product/${encodeURIComponent(p.id)}"><img src="/thumbs/${encodeURIComponent(p.id)}.svg" alt="${p.name}" width="160" height="160" loading="lazy">
  <span class="name">${p.name}</span></a>
  <span class="meta"><span class="brand">${p.brand}</span> · <span class="price">${money(p.price)}</span>${p.inStock ? '' : html` · <span class="oos">out of stock</span>`}</span>
  ${rec ? html`<details class="why"><summary>Why this?</summary><p>${why ?? 'Popular with shoppers right now.'}</p></details>` : ''}
</li>`;
}

/** A list of tiles with an accessible name; `data-hearth-list` names it for autocapture. */
export function tileList(products, label, options) {
  return html`<ul class="tiles" aria-label="${label}" data-hearth-list="${label}">${products.map((p) => tile(p, options))}</ul>`;
}
