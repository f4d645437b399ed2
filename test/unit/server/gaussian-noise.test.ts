import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/federated/random';
import { cryptoGaussianFill, gaussianFillFrom, noisyStep } from '../../../src/server/gaussian-noise';
import type { GaussianFill } from '../../../src/server/gaussian-noise';

// Standard normal CDF (Abramowitz & Stegun 7.1.26 for erf, |error| < 1.5e-7).
function phi(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

function draw(fill: GaussianFill, n: number): Float64Array {
  const out = new Float64Array(n);
  // Uneven chunks, as noisyStep's last chunk is.
  for (let s = 0; s < n; s += 70001) fill(out.subarray(s, Math.min(n, s + 70001)));
  return out;
}

// Moments, tails and a chi-square over 40 equal-probability bins, each with ~6σ (or p ≈ 1e-8) margins.
function expectStandardNormal(z: Float64Array): void {
  const n = z.length;
  let s = 0;
  let s2 = 0;
  let s4 = 0;
  for (const x of z) { s += x; s2 += x * x; s4 += x ** 4; }
  expect(Math.abs(s / n)).toBeLessThan(6 / Math.sqrt(n));
  expect(Math.abs(s2 / n - 1)).toBeLessThan(6 * Math.sqrt(2 / n));
  expect(Math.abs(s4 / n - 3)).toBeLessThan(6 * Math.sqrt(96 / n));
  // Tails: beyond the ziggurat's base layer (R = 3.4426) and beyond 4.
  for (const t of [3.442619855899, 4]) {
    const expected = 2 * (1 - phi(t)) * n;
    const seen = z.filter((x) => Math.abs(x) > t).length;
    expect(Math.abs(seen - expected)).toBeLessThan(6 * Math.sqrt(expected));
  }
  const bins = 40;
  const counts = new Float64Array(bins);
  for (const x of z) counts[Math.min(bins - 1, Math.floor(phi(x) * bins))]!++;
  const e = n / bins;
  const chi2 = counts.reduce((a, c) => a + (c - e) ** 2 / e, 0);
  expect(chi2).toBeLessThan(110); // 39 degrees of freedom: P(χ² > 110) ≈ 1e-8
}

describe('DP noise samplers', () => {
  it('the crypto ziggurat draws standard normals (moments, both tails, 40-bin χ²), different every time', () => {
    const fill = cryptoGaussianFill();
    const z = draw(fill, 2_000_000);
    expectStandardNormal(z);
    const again = draw(cryptoGaussianFill(), 1000);
    expect(again.some((x, i) => x !== z[i])).toBe(true);
    expect(new Set(again).size).toBe(1000);
  });

  it('the polar method over a seeded source draws standard normals, reproducibly', () => {
    expectStandardNormal(draw(gaussianFillFrom(seededRandom(9)), 1_000_000));
    expect(draw(gaussianFillFrom(seededRandom(5)), 100)).toEqual(draw(gaussianFillFrom(seededRandom(5)), 100));
    expect(() => gaussianFillFrom(42 as never)).toThrow(TypeError);
  });

  it('noisyStep adds lr·(d + sd·N(0,1)) to every coordinate, over chunk boundaries, and exactly lr·d without noise', () => {
    const n = 300_001;
    const d = Float32Array.from({ length: n }, (_, i) => (i % 7) * 0.01);
    const w = new Float32Array(n).fill(1);
    noisyStep(w, d, 2, 0, cryptoGaussianFill(), new Float64Array(4096));
    expect(w.every((x, i) => x === Math.fround(1 + 2 * d[i]!))).toBe(true);
    const v = new Float32Array(n);
    noisyStep(v, d, 2, 0.5, cryptoGaussianFill(), new Float64Array(4096));
    const z = Float64Array.from(v, (x, i) => (x - 2 * d[i]!) / (2 * 0.5));
    expectStandardNormal(z);
    expect(() => noisyStep(new Float32Array(3), new Float32Array(4), 1, 1, cryptoGaussianFill(), new Float64Array(8))).toThrow(RangeError);
  });
});
