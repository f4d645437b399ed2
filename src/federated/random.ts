// Seedable randomness for decoys, noise and jitter (reproducible simulations and tests).

/** A uniform [0,1) source. */
export type Random = () => number;

/** Mulberry32: a small, fast, seeded uniform generator (not cryptographic). */
export function seededRandom(seed: number): Random {
  if (!Number.isFinite(seed)) throw new TypeError('seededRandom: seed must be a finite number');
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal sampler (Box–Muller) drawing from `random`. */
export function gaussianSampler(random: Random): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) { const s = spare; spare = null; return s; }
    let u = 0;
    while (u <= Number.EPSILON) u = random();
    const v = random();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}
