import { describe, expect, it } from 'vitest';
import { calibrateNoiseMultiplier, composeEpsilon, computeEpsilon, rdpSampledGaussian } from '../../../src/server/privacy-accountant';

// Complementary error function (Numerical Recipes erfcc, relative error < 1.2e-7).
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? r : 2 - r;
}
const Phi = (x: number) => 0.5 * erfc(-x / Math.SQRT2);

// Exact ε of one Gaussian mechanism (Balle & Wang 2018): smallest ε with δ(ε) ≤ δ.
function exactGaussianEpsilon(sigma: number, delta: number): number {
  const d = (e: number) => Phi(-e * sigma + 1 / (2 * sigma)) - Math.exp(e) * Phi(-e * sigma - 1 / (2 * sigma));
  let lo = 0;
  let hi = 100;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (d(mid) > delta) lo = mid;
    else hi = mid;
  }
  return hi;
}

describe('RDP accountant (sampled Gaussian)', () => {
  it('matches the closed forms: q = 1 gives α/(2σ²); α = 2 gives log(1 + q²(e^{1/σ²} − 1))', () => {
    expect(rdpSampledGaussian(1, 2, 8)).toBeCloseTo(8 / 8, 12);
    for (const [q, s] of [[0.01, 1], [0.1, 0.8], [0.5, 2]] as const) {
      expect(rdpSampledGaussian(q, s, 2)).toBeCloseTo(Math.log(1 + q * q * (Math.exp(1 / (s * s)) - 1)), 10);
    }
  });

  it('is a valid but tight upper bound on the exact Gaussian mechanism', () => {
    for (const sigma of [0.8, 1, 2, 5]) {
      const exact = exactGaussianEpsilon(sigma, 1e-5);
      const rdp = computeEpsilon({ noiseMultiplier: sigma, sampleRate: 1, rounds: 1, delta: 1e-5 });
      expect(rdp).toBeGreaterThanOrEqual(exact);
      expect(rdp).toBeLessThan(exact * 1.35);
    }
  });

  it('reproduces the DP-SGD MNIST example (σ=1.1, q=256/60000, 60 epochs, δ=1e-5) at ε ≈ 2.6–3.0', () => {
    // TF Privacy reports 3.01 with the older RDP→(ε,δ) conversion; the tighter one gives ≈ 2.6.
    const eps = computeEpsilon({ noiseMultiplier: 1.1, sampleRate: 256 / 60000, rounds: Math.round((60 * 60000) / 256), delta: 1e-5 });
    expect(eps).toBeGreaterThan(2.4);
    expect(eps).toBeLessThan(3.01);
  });

  it('composes heterogeneous rounds, is monotone, and calibrates noise to a target ε', () => {
    const p = { sampleRate: 0.02, delta: 1e-6 };
    expect(computeEpsilon({ ...p, noiseMultiplier: 1, rounds: 0 })).toBe(0);
    expect(computeEpsilon({ ...p, noiseMultiplier: 0, rounds: 3 })).toBe(Infinity);
    const e10 = computeEpsilon({ ...p, noiseMultiplier: 1, rounds: 10 });
    const e20 = computeEpsilon({ ...p, noiseMultiplier: 1, rounds: 20 });
    expect(e20).toBeGreaterThan(e10);
    expect(composeEpsilon(Array.from({ length: 10 }, () => ({ noiseMultiplier: 1, sampleRate: 0.02 })), 1e-6)).toBeCloseTo(e10, 10);
    const z = calibrateNoiseMultiplier(8, { ...p, rounds: 100 });
    expect(computeEpsilon({ ...p, noiseMultiplier: z, rounds: 100 })).toBeLessThanOrEqual(8);
    expect(computeEpsilon({ ...p, noiseMultiplier: z * 0.99, rounds: 100 })).toBeGreaterThan(8);
    expect(() => computeEpsilon({ ...p, noiseMultiplier: 1, rounds: 1, delta: 0 })).toThrow(/delta/);
  });
});
