// Browser entry of the federated e2e page: the real model module, IndexedDB outbox and sync
// client, fine-tuning in the page on tfjs's CPU backend.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { createSasRec } from '../../../src/model/sasrec';
import type { ModelConfig } from '../../../src/model/model-config';
import { openHearthDb } from '../../../src/store/open-hearth-db';
import { createDeviceFederation } from '../../../src/federated/device-federation';

/** Runs one device round trip and reports what happened (called by the Playwright test). */
async function runFederatedRound(serverUrl: string, history: number[], rowsPerUpdate: number) {
  await tf.setBackend('cpu');
  const db = await openHearthDb('hearth-federated-e2e');
  const fed = createDeviceFederation({ serverUrl, db, hasConsent: () => true, rowsPerUpdate, steps: 3, learningRate: 0.1, negatives: 8, clientKey: 'e2e-device' });
  const start = await fed.refresh();
  if (!start) throw new Error('no global model');
  const model = createSasRec((start.manifest.config as { architecture: ModelConfig }).architecture, 1);
  const before = tf.memory().numTensors;
  const contributed = await fed.contribute(model, history);
  // Personalisation stays local: the fine-tuned weights serve this device's own ranking.
  const personal = Array.from(model.scoreBatch([history])[0]!.slice(0, 5));
  const sync = await fed.sync();
  let newVersion = start.manifest.version;
  for (let i = 0; i < 100 && newVersion === start.manifest.version; i++) {
    const m = await fed.refresh();
    if (m) newVersion = m.manifest.version;
    else await new Promise((r) => setTimeout(r, 100));
  }
  const leaked = tf.memory().numTensors - before;
  model.dispose();
  db.close();
  return { startVersion: start.manifest.version, newVersion, contributed, sync, personal, leaked, epsilon: fed.current()!.manifest.privacy.epsilon };
}

(globalThis as unknown as { runFederatedRound: typeof runFederatedRound }).runFederatedRound = runFederatedRound;
