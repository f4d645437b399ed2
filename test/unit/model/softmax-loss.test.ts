import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { sampledLoss, firstColumnCrossEntropy } from '../../../src/model/softmax-loss';
import { wasmBackend } from './support/wasm';

beforeAll(wasmBackend);

const softplus = (x: number) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));

/** The loss written out in plain JS (float64), row by row, as the doc comment defines it. */
function reference(rows: number[][], lambda: number, mu = 1): number {
  let total = 0;
  for (const r of rows) {
    const m = Math.max(...r);
    const lse = m + Math.log(r.reduce((s, v) => s + Math.exp(v - m), 0));
    const bce = softplus(-r[0]!) + r.slice(1).reduce((s, v) => s + softplus(v), 0) / (r.length - 1);
    total += mu * (lse - r[0]!) + lambda * bce;
  }
  return total / rows.length;
}

const rows = [
  [1.5, -0.3, 0.8, 2.1, -1.2],
  [-0.4, 0.2, -2.0, 0.0, 1.1],
  [0.3, 3.0, -0.7, 0.5, -0.1],
];

/** sampledLoss's gradient on `rows` equals the reference's central differences (float64), entry by entry. */
function expectGradientOfReference(lambda: number, mu = 1): void {
  const g = tf.tidy(() => tf.grad((x: tf.Tensor) => sampledLoss(x as tf.Tensor2D, lambda, mu))(tf.tensor2d(rows)).arraySync() as number[][]);
  const h = 1e-5;
  rows.forEach((r, i) =>
    r.forEach((_, j) => {
      const plus = rows.map((q) => q.slice());
      const minus = rows.map((q) => q.slice());
      plus[i]![j]! += h;
      minus[i]![j]! -= h;
      const numeric = (reference(plus, lambda, mu) - reference(minus, lambda, mu)) / (2 * h);
      expect(g[i]![j]!, `λ=${lambda} μ=${mu} [${i},${j}]`).toBeCloseTo(numeric, 4);
    }),
  );
}

describe('sampledLoss (sampled softmax + λ·BCE)', () => {
  it('matches the formula written out in float64, for several λ', () => {
    for (const lambda of [0, 0.5, 2]) {
      const v = tf.tidy(() => sampledLoss(tf.tensor2d(rows), lambda).dataSync()[0]!);
      expect(v, `λ=${lambda}`).toBeCloseTo(reference(rows, lambda), 4);
    }
    // λ = 1 on one row, by hand: target logit 0 against one negative logit 0 → ln 2 (softmax) + 2·ln 2 (BCE).
    expect(tf.tidy(() => sampledLoss(tf.tensor2d([[0, 0]]), 1).dataSync()[0]!)).toBeCloseTo(3 * Math.LN2, 5);
  });

  it('has the gradient of its value (central differences in float64)', () => {
    for (const lambda of [0, 0.7]) {
      expectGradientOfReference(lambda);
    }
  });

  it('λ = 0 is the plain sampled softmax; a masked negative (−1e9) adds nothing to value or gradient', () => {
    tf.tidy(() => {
      const z = tf.tensor2d(rows);
      expect(sampledLoss(z, 0).dataSync()[0]).toBe(firstColumnCrossEntropy(z).dataSync()[0]);
      // Same rows with one extra masked column: the BCE mean is over S = 5 negatives instead of 4.
      const masked = tf.concat([z, tf.fill([3, 1], -1e9)], 1) as tf.Tensor2D;
      const expected = reference(rows.map((r) => [...r, -50]), 0.5);
      expect(sampledLoss(masked, 0.5).dataSync()[0]).toBeCloseTo(expected, 4);
      const g = tf.grad((x: tf.Tensor) => sampledLoss(x as tf.Tensor2D, 0.5))(masked).arraySync() as number[][];
      for (const r of g) {
        expect(r[5]).toBe(0);
        expect(Number.isFinite(r.reduce((a, b) => a + b, 0))).toBe(true);
      }
    });
  });

  it('weights the softmax by μ: μ = 0 is BCE alone (SASRec), value and gradient', () => {
    for (const [lambda, mu] of [
      [1, 0],
      [0.5, 2],
      [0, 0.3],
    ] as const) {
      const v = tf.tidy(() => sampledLoss(tf.tensor2d(rows), lambda, mu).dataSync()[0]!);
      expect(v, `λ=${lambda} μ=${mu}`).toBeCloseTo(reference(rows, lambda, mu), 4);
      expectGradientOfReference(lambda, mu);
    }
    // BCE alone by hand: target logit 0 against one negative logit 0 → softplus(0) + softplus(0) = 2·ln 2.
    expect(tf.tidy(() => sampledLoss(tf.tensor2d([[0, 0]]), 1, 0).dataSync()[0]!)).toBeCloseTo(2 * Math.LN2, 5);
  });

  it('rejects a bad weight or shape', () => {
    tf.tidy(() => {
      const z = tf.tensor2d(rows);
      for (const bad of [-0.1, Number.NaN, Infinity]) expect(() => sampledLoss(z, bad)).toThrow(/bceWeight must be a finite number ≥ 0/);
      for (const bad of [-1, Number.NaN]) expect(() => sampledLoss(z, 1, bad)).toThrow(/softmaxWeight must be a finite number ≥ 0/);
      expect(() => sampledLoss(z, 0, 0)).toThrow(/cannot both be 0/);
      expect(() => sampledLoss(tf.zeros([3, 1]) as tf.Tensor2D, 1)).toThrow(/C ≥ 2/);
    });
  });
});
