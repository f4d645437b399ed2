// Statistical check that samples are standard normal (shared by the noise and optimizer tests).
import { expect } from 'vitest';

// Standard normal CDF (Abramowitz & Stegun 7.1.26 for erf, |error| < 1.5e-7).
function phi(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

// Moments, tails and a chi-square over 40 equal-probability bins, each with ~6σ (or p ≈ 1e-8) margins.
/** Moments, both tails and a 40-bin χ² of `z` against N(0, 1), each with ~6σ margins. */
export function expectStandardNormal(z: Float64Array): void {
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

