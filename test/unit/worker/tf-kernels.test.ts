// The worker registers a kernel subset (tf-kernels.ts). With ONLY that subset on the CPU backend,
// inference, explanations and local fine-tuning must run, and every kernel they use must exist
// on WebGL and WASM too — so a model change that needs a new kernel fails here, not in a shop.
import * as tf from '@tensorflow/tfjs-core';
import '../../../src/worker/tf-kernels';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../../src/model/artifacts';
import { registerWasmKernels } from '../../../src/model/wasm-kernels';
import { fineTuneOnHistory } from '../../../src/federated/local-training';
import { tinyArtifacts } from './support/tiny-model';

describe('worker kernel subset', () => {
  it('runs scoring, explanations and fine-tuning, and every kernel exists on all three backends', async () => {
    expect(await tf.setBackend('cpu')).toBe(true);
    registerWasmKernels();
    const artifacts = await tinyArtifacts(5);
    const used = await tf.profile(async () => {
      const { model } = await loadModel(artifacts);
      expect(model.scoreAll([1, 2, 3, 4]).length).toBe(41);
      expect(model.explain([1, 2, 3]).length).toBe(3);
      fineTuneOnHistory(model, [1, 2, 3, 4, 5, 6, 7], { steps: 2, learningRate: 0.05, negatives: 8, random: Math.random } as never);
      model.dispose();
    });
    const kernels = used.kernelNames.filter((k) => /^[A-Z]/.test(k));
    expect(kernels.length).toBeGreaterThan(10);
    for (const backend of ['cpu', 'webgl', 'wasm']) {
      expect(kernels.filter((k) => !tf.getKernel(k, backend)), backend).toEqual([]);
    }
  });
});
