// The product page, with schema.org Product JSON-LD so Hearth's autocapture records the view.
import { categoryLabel } from '../lib/catalog.mjs';
import { html, money, raw } from './html.mjs';
import { layout } from './layout.mjs';
import { tileList } from './tile.mjs';

/**
 * Product page. Promises: schema.org Product JSON-LD (sku, name, brand, category, offer), an
 * add-to-cart button carrying the product's data, and a "more like this" rail container.
 * @param {{ product: import('../lib/catalog.mjs').Product, related: import('../lib/catalog.mjs').Product[] }} data
 */
export function productPage({ product: p, related }) {
  const ld = {
    '@context': 'https://schema.org',
    '@type': 'Product',
    sku: p.id,
    productID: p.id,
    name: p.name,
    brand: { '@type': 'Brand', name: p.brand },
    category: p.category,
    image: `/thumbs/${p.id}.svg`,
    offers: { '@type': 'Offer', price: p.price.toFixed(2), priceCurrency: 'EUR', availability: `https://schema.org/${p.inStock ? 'InStock' : 'OutOfStock'}` },
  };
  // "<" escaped so product text can never close the script element.
  const head = html`<script type="application/ld+json">${raw(JSON.stringify(ld).replace(/</g, '\\u003c'))}</script>`;
  const label = categoryLabel(p.category) ?? p.category;
  const body = html`
<nav aria-label="Breadcrumb" class="crumbs"><a href="/">Home</a> › <a href="/category/${p.category}">${label}</a></nav>
<article class="product" data-product-id="${p.id}">
  <img src="/thumbs/${p.id}.svg" alt="${p.name}" width="320" height="320">
  <div>
    <h1>${p.name}</h1>
    <p class="brand">by ${p.brand}</p>
    <p class="price">${money(p.price)}</p>
    <p class="stock">${p.inStock ? 'In stock' : 'Out of stock'}</p>
    <button type="button" class="add-to-cart" data-id="${p.id}" data-name="${p.name}" data-price="${p.price}" ${p.inStock ? '' : 'disabled'}>Add to cart</button>
    <p class="added" role="status" aria-live="polite"></p>
  </div>
</article>
<section class="rail" aria-labelledby="more-title">
  <h2 id="more-title">More from ${label}</h2>
  ${tileList(related, `More from ${label}`)}
</section>`;
  return layout({ title: p.name, page: 'product', head, body });
}
