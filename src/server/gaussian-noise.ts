// Bulk standard-normal noise for DP rounds, written into a Float64Array a chunk at a time: a
// ziggurat over node:crypto bits for the server, the polar method over a caller's uniforms.
import { randomFillSync } from 'node:crypto';
import type { Random } from '../federated/random';

/** Fills `out` with independent N(0, 1) samples. */
export type GaussianFill = (out: Float64Array) => void;

// 2^-53: a 53-bit integer times this is a uniform on [0, 1) with every double of that grid.
const TWO_POW_M53 = 1 / 9007199254740992;

// Polar method on a stream of uniforms in [0, 1): u, v ∈ [-1, 1) accepted when 0 < s = u² + v² < 1,
// then u·√(−2 ln s / s) and v·√(−2 ln s / s) are independent standard normals (exactly, for
// continuous uniforms). `next` supplies uniforms; the loop is one small function V8 optimises.
function polarFill(out: Float64Array, next: () => number): void {
  const n = out.length;
  let i = 0;
  while (i < n) {
    const u = 2 * next() - 1;
    const v = 2 * next() - 1;
    const s = u * u + v * v;
    if (s >= 1 || s === 0) continue;
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    out[i++] = u * f;
    if (i < n) out[i++] = v * f;
  }
}

/**
 * Gaussian noise drawn from a caller's uniform source (seeded simulations and tests). Same method
 * as `cryptoGaussianFill`; as unpredictable as `random` is, no more.
 */
export function gaussianFillFrom(random: Random): GaussianFill {
  if (typeof random !== 'function') throw new TypeError('gaussianFillFrom: random must be a function returning uniforms in [0, 1)');
  return (out) => polarFill(out, random);
}

// Ziggurat tables (Marsaglia & Tsang 2000, 128 layers): layer i is the rectangle of half-width
// X[i] between heights f(X[i]) and f(X[i+1]), f(x) = exp(−x²/2); layer 0 is the base strip holding
// the tail beyond R, X[0] = V / f(R). Every layer has area V.
const ZIG_R = 3.442619855899;
const ZIG_V = 9.91256303526217e-3;
const ZIG_X = new Float64Array(129);
const ZIG_F = new Float64Array(129);
ZIG_X[0] = ZIG_V / Math.exp(-0.5 * ZIG_R * ZIG_R);
ZIG_X[1] = ZIG_R;
for (let i = 2; i < 128; i++) ZIG_X[i] = Math.sqrt(-2 * Math.log(ZIG_V / ZIG_X[i - 1]! + Math.exp(-0.5 * ZIG_X[i - 1]! * ZIG_X[i - 1]!)));
ZIG_X[128] = 0;
for (let i = 0; i < 129; i++) ZIG_F[i] = Math.exp(-0.5 * ZIG_X[i]! * ZIG_X[i]!);

// Rare ziggurat draws (~1 %): the tail of the base layer, or a wedge of layer i at x. `open01`
// gives uniforms in (0, 1) from bits independent of the ones that chose i and x.
function zigguratSlow(i: number, x: number, open01: () => number): number | null {
  if (i === 0) {
    // Tail beyond R (Marsaglia 1964): exact, accepted with probability ≈ 0.9.
    for (;;) {
      const a = -Math.log(open01()) / ZIG_R;
      const b = -Math.log(open01());
      if (b + b > a * a) return x < 0 ? -(ZIG_R + a) : ZIG_R + a;
    }
  }
  // Wedge of layer i: accept under the curve.
  return ZIG_F[i]! + open01() * (ZIG_F[i + 1]! - ZIG_F[i]!) < Math.exp(-0.5 * x * x) ? x : null;
}

// Fills out[j…) from the word pairs words[at[0]…): stops when `out` is full or the words are used
// up, and leaves the next unused word's index in at[0]. Returns the next j. Loop state lives in
// locals (the closure variables it used before were a memory load and store per sample).
function zigguratBlock(out: Float64Array, j: number, words: Uint32Array, at: Int32Array, open01: () => number): number {
  const n = out.length;
  const end = words.length - 1;
  let k = at[0]!;
  while (j < n && k < end) {
    const w0 = words[k]!;
    const w1 = words[k + 1]!;
    k += 2;
    const i = w1 & 127;
    // 28 + 25 = 53 bits not used by the layer index: a uniform in (−1, 1), symmetric about 0.
    const x = (((w0 >>> 4) * 33554432 + (w1 >>> 7) + 0.5) * 2 * TWO_POW_M53 - 1) * ZIG_X[i]!;
    if (Math.abs(x) < ZIG_X[i + 1]!) { out[j++] = x; continue; }
    const z = zigguratSlow(i, x, open01);
    if (z !== null) out[j++] = z;
  }
  at[0] = k;
  return j;
}

/**
 * Gaussian noise from the OS CSPRNG (node:crypto randomFillSync, 64 KiB batches), so it is
 * unpredictable to anyone, the operator's code included. Ziggurat method with independent bits
 * for the layer (7) and the 53-bit signed uniform (Doornik 2005): exact N(0, 1) up to the 2^-52
 * grid of the uniforms, ~99 % of samples cost one table compare and a multiply (no log, no trig).
 */
export function cryptoGaussianFill(): GaussianFill {
  const words = new Uint32Array(16384);
  const at = new Int32Array([words.length]);
  // The rare wedge and tail draws take their uniforms from a separate CSPRNG buffer.
  const extra = new Uint32Array(2048);
  let e = extra.length;
  const open01 = (): number => {
    if (e + 2 > extra.length) { randomFillSync(extra); e = 0; }
    const m = (extra[e]! >>> 5) * 67108864 + (extra[e + 1]! >>> 6);
    e += 2;
    return (m + 0.5) * TWO_POW_M53;
  };
  return (out) => {
    let j = 0;
    while (j < out.length) {
      if (at[0]! + 2 > words.length) { randomFillSync(words); at[0] = 0; }
      j = zigguratBlock(out, j, words, at, open01);
    }
  };
}
