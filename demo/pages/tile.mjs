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
  return html`<li class="tile" data-hearth-item="${p.id}"${rec ? html` data-hearth-rec="${p.id}"` : ''}>
  <a href="/product/${encodeURIComponent(p.id)}"><img src="/thumbs/${encodeURIComponent(p.id)}.svg" alt="${p.name}" width="160" height="160" loading="lazy">
  <span class="name">${p.name}</span></a>
  <span class="meta"><span class="brand">${p.brand}</span> · <span class="price">${money(p.price)}</span>${p.inStock ? '' : html` · <span class="oos">out of stock</span>`}</span>
  ${rec ? html`<details class="why"><summary>Why this?</summary><p>${why ?? 'Popular with shoppers right now.'}</p></details>` : ''}
</li>`;
}

/** A list of tiles with an accessible name. */
export function tileList(products, label, options) {
  return html`<ul class="tiles" aria-label="${label}">${products.map((p) => tile(p, options))}</ul>`;
}
