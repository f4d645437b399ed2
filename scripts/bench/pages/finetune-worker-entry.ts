// Bench worker (bundled by scripts/bench/finetune.ts with esbuild): one on-device fine-tune round
// through the real federated device loop (src/federated/device-federation.ts): fetch the global
// model from a real aggregation server, fine-tune on this device's history, build and queue the
// private update in IndexedDB, upload it. Runs in a worker, as Hearth runs training.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createDeviceFederation } from '../../../src/federated/device-federation';
import type { ModelConfig } from '../../../src/model/model-config';
import { createSasRec } from '../../../src/model/sasrec';
import { registerWasmKernels } from '../../../src/model/wasm-kernels';
import { openHearthDb } from '../../../src/store/open-hearth-db';

interface Request { serverUrl: string; history: number[]; reps: number; backend: 'wasm' | 'cpu'; wasmPath: string }

async function useBackend(name: 'wasm' | 'cpu', wasmPath: string): Promise<string> {
  if (name === 'wasm') {
    setWasmPaths(wasmPath);
    registerWasmKernels();
    if (await tf.setBackend('wasm').catch(() => false)) return 'wasm';
  }
  await tf.setBackend('cpu');
  return 'cpu';
}

async function run(r: Request) {
  const backend = await useBackend(r.backend, r.wasmPath);
  const db = await openHearthDb('hearth-bench-federation');
  const fed = createDeviceFederation({ serverUrl: r.serverUrl, db, hasConsent: () => true, clientKey: 'bench-device' });
  const start = await fed.refresh();
  if (!start) throw new Error('the aggregation server has no global model');
  const model = createSasRec((start.manifest.config as { architecture: ModelConfig }).architecture, 1);
  const ms: number[] = [];
  let queued = 0;
  try {
    for (let i = 0; i < r.reps; i++) {
      const t0 = performance.now();
      const c = await fed.contribute(model, r.history);
      ms.push(performance.now() - t0);
      if (c.queued) queued++;
    }
    const sync = await fed.sync();
    return { ms, backend, queued, sync };
  } finally {
    model.dispose();
    db.close();
  }
}

self.onmessage = async (ev: MessageEvent<Request>) => {
  try {
    self.postMessage({ ok: true, result: await run(ev.data) });
  } catch (e) {
    self.postMessage({ ok: false, error: (e as Error)?.message ?? String(e) });
  }
};
