// Client-side product tiles, the same markup the server renders (demo/pages/tile.mjs).

const money = (n) => `€${Number(n).toFixed(2)}`;

/**
 * A recommended tile: `data-hearth-item` and `data-hearth-rec` carry the id; "Why this?"
 * explains it in words.
 */
export function recTile(product, why) {
  const li = document.createElement('li');
  li.className = 'tile';
  // The same data-hearth-* details the server's tiles carry, for autocapture.
  Object.assign(li.dataset, { hearthItem: product.id, hearthName: product.name, hearthCategory: product.category, hearthBrand: product.brand, hearthPrice: String(product.price), hearthCurrency: 'EUR', hearthRec: product.id });
  const a = document.createElement('a');
  a.href = `/product/${encodeURIComponent(product.id)}`;
  const img = document.createElement('img');
  Object.assign(img, { src: `/thumbs/${encodeURIComponent(product.id)}.svg`, alt: product.name, width: 160, height: 160, loading: 'lazy' });
  const name = document.createElement('span');
  name.className = 'name';
  name.textContent = product.name;
  a.append(img, name);
  const meta = document.createElement('span');
  meta.className = 'meta';
  meta.textContent = `${product.brand} · ${money(product.price)}${product.inStock ? '' : ' · out of stock'}`;
  const details = document.createElement('details');
  details.className = 'why';
  const summary = document.createElement('summary');
  summary.textContent = 'Why this?';
  const p = document.createElement('p');
  p.textContent = why;
  details.append(summary, p);
  li.append(a, meta, details);
  return li;
}

export { money };
