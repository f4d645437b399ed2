// The popularity ranking: the fallback the storefront shows whenever the on-device model is not
// available, computed from the demo's own shopper data.

/**
 * Ranks catalog items by how many synthetic shoppers interacted with them. Promises: every
 * catalog id exactly once, most popular first, ties broken by id so the order is stable.
 * @param {import('./catalog.mjs').Product[]} catalog
 * @param {{ items: string[] }[]} histories
 * @returns {string[]}
 */
export function popularityRanking(catalog, histories) {
  if (!Array.isArray(catalog) || !Array.isArray(histories)) throw new TypeError('popularityRanking: catalog and histories must be arrays');
  const counts = new Map(catalog.map((p) => [p.id, 0]));
  for (const h of histories) for (const it of h.items) if (counts.has(it)) counts.set(it, counts.get(it) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || Number(a[0]) - Number(b[0])).map(([id]) => id);
}
