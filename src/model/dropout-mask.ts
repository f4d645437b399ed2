import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '../data/rng';

/**
 * Inverted dropout with a mask drawn in JS from a seeded mulberry32 stream: tf.dropout's seeded
 * RNG costs ~25 ms per 80k values on this machine (measured), this ~1 ms. Same seed ⇒ same mask.
 */
export function dropoutWithSeed(x: tf.Tensor, rate: number, seed: number): tf.Tensor {
  if (rate <= 0) return x;
  const rng = createRng(seed);
  const keep = 1 / (1 - rate);
  const mask = new Float32Array(x.size);
  for (let i = 0; i < mask.length; i++) mask[i] = rng.next() >= rate ? keep : 0;
  return tf.mul(x, tf.tensor(mask, x.shape, 'float32'));
}
