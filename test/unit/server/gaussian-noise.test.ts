import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/federated/random';
import { cryptoGaussianFill, gaussianFillFrom } from '../../../src/server/gaussian-noise';
import type { GaussianFill } from '../../../src/server/gaussian-noise';
import { expectStandardNormal } from './normal-check';

function draw(fill: GaussianFill, n: number): Float64Array {
  const out = new Float64Array(n);
  // Uneven chunks, as noisyStep's last chunk is.
  for (let s = 0; s < n; s += 70001) fill(out.subarray(s, Math.min(n, s + 70001)));
  return out;
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
});
