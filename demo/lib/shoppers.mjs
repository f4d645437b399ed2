// Synthetic shoppers with latent tastes: each prefers one or two departments, a few brands and
// a price band, and browses in sessions that mostly stay on taste. Their histories are the demo
// model's training data, so recommendations visibly follow what a visitor browses.
import { createRandom } from './random.mjs';

/**
 * Simulates shoppers over a catalog. Promises: `users` histories in time order, each with
 * between `minLength` and `maxLength` interactions, never the same item twice in a row; the
 * same output for the same arguments. Users are numbered 1..users.
 * @param {import('./catalog.mjs').Product[]} catalog
 * @param {{ seed?: number, users?: number, minLength?: number, maxLength?: number }} [options]
 * @returns {{ user: number, items: string[] }[]}
 */
export function simulateShoppers(catalog, { seed = 11, users = 1500, minLength = 6, maxLength = 24 } = {}) {
  if (!Array.isArray(catalog) || catalog.length === 0) throw new TypeError('simulateShoppers: catalog must be a non-empty array');
  if (!Number.isInteger(users) || users < 1) throw new RangeError(`simulateShoppers: users must be a positive integer, got ${users}`);
  if (!(Number.isInteger(minLength) && Number.isInteger(maxLength) && minLength >= 1 && maxLength >= minLength)) {
    throw new RangeError('simulateShoppers: need 1 <= minLength <= maxLength');
  }
  const rnd = createRandom(seed);
  const byCategory = groupBy(catalog, (p) => p.category);
  const categories = [...byCategory.keys()];
  // A fixed popularity per item (Zipf-like), shared by every shopper: bestsellers exist.
  const popularity = new Map(catalog.map((p) => [p.id, 1 / Math.pow(1 + rnd.int(catalog.length), 0.6)]));
  const histories = [];
  for (let u = 1; u <= users; u++) {
    const taste = latentTaste(rnd, categories, byCategory);
    const length = minLength + rnd.int(maxLength - minLength + 1);
    const items = [];
    let current = taste.categories[0];
    while (items.length < length) {
      // Mostly stay in the department, sometimes hop to another liked one, rarely wander.
      const r = rnd.next();
      if (r < 0.12) current = taste.categories[rnd.int(taste.categories.length)];
      else if (r < 0.16) current = rnd.pick(categories);
      const pool = byCategory.get(current);
      const weights = pool.map((p) => popularity.get(p.id) * (taste.brands.has(p.brand) ? 4 : 1) * priceFit(p.price, taste.priceBand));
      const item = pool[rnd.weighted(weights)].id;
      if (item !== items[items.length - 1]) items.push(item);
    }
    histories.push({ user: u, items });
  }
  return histories;
}

/** One shopper's hidden preferences. */
function latentTaste(rnd, categories, byCategory) {
  const first = rnd.pick(categories);
  const liked = [first];
  if (rnd.next() < 0.5) {
    const second = rnd.pick(categories);
    if (second !== first) liked.push(second);
  }
  const brands = new Set();
  for (const c of liked) {
    const catBrands = [...new Set(byCategory.get(c).map((p) => p.brand))];
    brands.add(rnd.pick(catBrands));
    if (rnd.next() < 0.5) brands.add(rnd.pick(catBrands));
  }
  return { categories: liked, brands, priceBand: rnd.int(3) };
}

// Budget shoppers like cheap items, premium ones dear items; the middle band is indifferent.
function priceFit(price, band) {
  if (band === 0) return price < 40 ? 2 : 0.6;
  if (band === 2) return price > 80 ? 2 : 0.6;
  return 1;
}

function groupBy(items, key) {
  const out = new Map();
  for (const it of items) {
    const k = key(it);
    if (!out.has(k)) out.set(k, []);
    out.get(k).push(it);
  }
  return out;
}

/**
 * The histories as the `user item` text `hearth train --data` reads: one interaction a line,
 * each user's lines in time order.
 * @param {{ user: number, items: string[] }[]} histories
 */
export function toInteractionLines(histories) {
  return histories.flatMap((h) => h.items.map((it) => `${h.user} ${it}`)).join('\n') + '\n';
}

/**
 * The `{ "item": [attribute ids] }` JSON `hearth train --attributes` reads: each item's
 * category and brand as small positive integers (categories first, then brands).
 * @param {import('./catalog.mjs').Product[]} catalog
 */
export function toAttributes(catalog) {
  const ids = new Map();
  const idOf = (key) => {
    if (!ids.has(key)) ids.set(key, ids.size + 1);
    return ids.get(key);
  };
  for (const p of catalog) idOf(`category:${p.category}`);
  /** @type {Record<string, number[]>} */
  const out = {};
  for (const p of catalog) out[p.id] = [idOf(`category:${p.category}`), idOf(`brand:${p.brand}`)];
  return out;
}
