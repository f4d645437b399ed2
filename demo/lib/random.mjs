// Seeded randomness for the demo's generators: the same seed always gives the same catalog and
// the same shoppers, so the cached model stays valid and tests are reproducible.

/**
 * A deterministic random source (mulberry32). Promises: the same seed yields the same sequence
 * on every machine; `next()` is uniform in [0, 1).
 * @param {number} seed a 32-bit integer
 */
export function createRandom(seed) {
  if (!Number.isInteger(seed)) throw new TypeError(`createRandom: seed must be an integer, got ${seed}`);
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** An integer in [0, n). */
    int: (n) => Math.floor(next() * n),
    /** One element of a non-empty array. */
    pick: (items) => items[Math.floor(next() * items.length)],
    /** An index drawn in proportion to non-negative weights. */
    weighted: (weights) => {
      const total = weights.reduce((a, b) => a + b, 0);
      let r = next() * total;
      for (let i = 0; i < weights.length; i++) {
        r -= weights[i];
        if (r < 0) return i;
      }
      return weights.length - 1;
    },
  };
}
