/** Upper edges of the price bands, in the shop's currency: [0,10), [10,25), … [1000,∞). */
export const PRICE_BAND_EDGES = [10, 25, 50, 100, 250, 500, 1000] as const;

/** The band index (0 … PRICE_BAND_EDGES.length) of a price. Pure. */
export function priceBand(price: number): number {
  let i = 0;
  while (i < PRICE_BAND_EDGES.length && price >= PRICE_BAND_EDGES[i]!) i++;
  return i;
}

/** The most-weighted band of a histogram, or null when it is empty. Pure. */
export function preferredBand(histogram: readonly number[]): number | null {
  let best = -1;
  let bestW = 0;
  histogram.forEach((w, i) => { if (w > bestW) { best = i; bestW = w; } });
  return best < 0 ? null : best;
}
