// Node only: training checkpoints (model + Adam state + loop state) for `hearth train --resume`.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type { SasRec, NamedWeights } from '../model/sasrec';
import type { TrainState } from '../model/train-sasrec';
import { ADAM_BETA1, DEFAULT_TRAIN } from '../model/train-sasrec';
import { CliError } from './cli-error';

interface CheckpointMeta {
  state: Omit<TrainState, 'bestWeights'>;
  hasBest: boolean;
  optimizer: { shape: number[] }[];
  options: unknown;
}

/** Writes `dir/checkpoint.json` + `.bin` atomically (write, then rename). */
export async function saveCheckpoint(dir: string, model: SasRec, state: TrainState, optimizer: tf.Optimizer, options: unknown): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const opt = await optimizer.getWeights();
  const parts: Float32Array[] = [...Object.values(model.getWeights())];
  if (state.bestWeights) parts.push(...Object.values(state.bestWeights));
  for (const w of opt) parts.push((await w.tensor.data()) as Float32Array);
  const meta: CheckpointMeta = {
    state: { epoch: state.epoch, bestNdcg: state.bestNdcg, bestEpoch: state.bestEpoch, staleEvals: state.staleEvals, history: state.history },
    hasBest: state.bestWeights !== null,
    optimizer: opt.map((w) => ({ shape: w.tensor.shape })),
    options,
  };
  const total = parts.reduce((n, p) => n + p.length, 0);
  const buf = new Float32Array(total);
  let o = 0;
  for (const p of parts) {
    buf.set(p, o);
    o += p.length;
  }
  writeFileSync(join(dir, 'checkpoint.bin.tmp'), new Uint8Array(buf.buffer));
  writeFileSync(join(dir, 'checkpoint.json.tmp'), JSON.stringify(meta));
  renameSync(join(dir, 'checkpoint.bin.tmp'), join(dir, 'checkpoint.bin'));
  renameSync(join(dir, 'checkpoint.json.tmp'), join(dir, 'checkpoint.json'));
}

/**
 * Restores a checkpoint into `model` and returns the loop state and an Adam optimizer with its
 * moments. Throws CliError when missing or not matching the model's shape.
 */
export async function loadCheckpoint(dir: string, model: SasRec, learningRate: number, adamBeta2 = DEFAULT_TRAIN.adamBeta2): Promise<{ state: TrainState; optimizer: tf.AdamOptimizer; options: unknown }> {
  if (!existsSync(join(dir, 'checkpoint.json'))) throw new CliError(`--resume: no checkpoint in ${dir}`);
  const meta = JSON.parse(readFileSync(join(dir, 'checkpoint.json'), 'utf8')) as CheckpointMeta;
  const raw = readFileSync(join(dir, 'checkpoint.bin'));
  const buf = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  const specs = model.weightSpecs();
  const modelSize = specs.reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1), 0);
  const optSize = meta.optimizer.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0);
  if (buf.length !== modelSize * (meta.hasBest ? 2 : 1) + optSize) throw new CliError(`--resume: checkpoint in ${dir} does not match this model's dimensions`);
  let o = 0;
  const take = (n: number) => buf.slice(o, (o += n));
  const readWeights = (): NamedWeights => Object.fromEntries(specs.map((s) => [s.name, take(s.shape.reduce((a, b) => a * b, 1))]));
  model.setWeights(readWeights());
  const bestWeights = meta.hasBest ? readWeights() : null;
  const optimizer = tf.train.adam(learningRate, ADAM_BETA1, adamBeta2);
  // Adam matches its state to variables by position, so names need not survive the restart.
  await optimizer.setWeights(meta.optimizer.map((w, i) => ({ name: `w${i}`, tensor: tf.tensor(take(w.shape.reduce((a, b) => a * b, 1)), w.shape) })));
  restoreBiasCorrection(optimizer);
  return { state: { ...meta.state, bestWeights }, optimizer, options: meta.options };
}

type AdamInternals = { iterations: number; beta1: number; beta2: number; accBeta1: tf.Variable; accBeta2: tf.Variable };

/**
 * Sets Adam's bias-correction powers β₁ᵗ⁺¹, β₂ᵗ⁺¹ to the float32 running products an
 * uninterrupted run accumulates (one multiply per step). tfjs's setWeights uses pow(), which
 * rounds differently at some step counts, so a resumed run drifted from the uninterrupted one.
 */
export function restoreBiasCorrection(optimizer: tf.AdamOptimizer): void {
  const adam = optimizer as unknown as AdamInternals;
  const product = (beta: number): number => {
    const b = Math.fround(beta);
    let acc = b;
    // float32 × float32 is exact in float64, so fround gives the backend's float32 product.
    for (let t = 0; t < adam.iterations; t++) acc = Math.fround(acc * b);
    return acc;
  };
  tf.tidy(() => {
    adam.accBeta1.assign(tf.scalar(product(adam.beta1)));
    adam.accBeta2.assign(tf.scalar(product(adam.beta2)));
  });
}
