// The device's whole federated loop in one object, for the worker (and tests): keep the global
// model current, contribute a private update from local history, upload when allowed.
import type { HearthDbHandle } from '../store/db-schema';
import type { NamedWeights, SasRec } from '../model/sasrec';
import type { Quantisation } from '../protocol';
import { computeLocalUpdate } from './local-update';
import { checkPersonalWeight } from './personal-weight';
import type { Random } from './random';
import { createSyncClient } from './sync-client';
import type { FetchedModel, FlushReport, SyncClientOptions } from './sync-client';

/** Settings of `createDeviceFederation`. */
export interface DeviceFederationOptions extends Pick<SyncClientOptions, 'serverUrl' | 'db' | 'hasConsent' | 'isOnline' | 'fetch' | 'maxOutbox' | 'maxAttempts' | 'clientKey'> {
  db: HearthDbHandle;
  /** Local fine-tuning: SGD steps, learning rate, negatives (defaults 5, 0.05, 64). */
  steps?: number;
  learningRate?: number;
  negatives?: number;
  /**
   * Personal weight α in [0, 1]: after `contribute` the model shows global + α·(fine-tuned − global)
   * (default `DEFAULT_PERSONAL_WEIGHT`). The queued update does not depend on it.
   */
  personalWeight?: number;
  /** Item-embedding rows per update, real + decoy (default 256). */
  rowsPerUpdate?: number;
  quantisation?: Quantisation;
  random?: Random;
}

/** What `contribute` did. */
export interface ContributeResult {
  queued: boolean;
  updateId: string | null;
  loss: number | null;
  baseVersion: number | null;
}

/** The device's federated loop. */
export interface DeviceFederation {
  /** Fetches the global model when it changed (ETag); returns it, or null when unchanged/offline. */
  refresh(): Promise<FetchedModel | null>;
  /** The last global version fetched (null before the first refresh). */
  current(): FetchedModel | null;
  /**
   * Loads the current global weights into `model`, fine-tunes on `history` (item indices, oldest
   * first, ≥ 2), queues the private update (computed from the full fine-tune), and leaves in `model`
   * the personal weights global + α·(fine-tuned − global), α = `personalWeight`.
   * Without consent nothing is trained or queued.
   */
  contribute(model: SasRec, history: readonly number[]): Promise<ContributeResult>;
  /** Uploads the outbox (see SyncClient.flush). */
  sync(): Promise<FlushReport>;
}

function newUpdateId(): string {
  const c = globalThis.crypto;
  if (c?.randomUUID) return c.randomUUID();
  const b = new Uint8Array(16);
  c.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/** Creates the device federation loop over a sync client; throws for invalid options (e.g. α outside [0, 1]). */
export function createDeviceFederation(o: DeviceFederationOptions): DeviceFederation {
  const client = createSyncClient(o);
  const random = o.random ?? Math.random;
  const personalWeight = checkPersonalWeight(o.personalWeight, 'createDeviceFederation: personalWeight');
  let global: FetchedModel | null = null;
  const refresh = async () => {
    const m = await client.fetchModel(global?.etag ?? null);
    if (m) global = m;
    return m;
  };
  return {
    refresh,
    current: () => global,
    async contribute(model, history) {
      if (!(await o.hasConsent())) return { queued: false, updateId: null, loss: null, baseVersion: null };
      if (!global) await refresh();
      if (!global) throw new Error('contribute: the global model is not available (offline?)');
      const weights: NamedWeights = Object.fromEntries(global.tensors.map((t) => [t.name, t.values]));
      const updateId = newUpdateId();
      const { update, loss } = computeLocalUpdate(
        model,
        weights,
        global.manifest.version,
        history,
        { clipNorm: global.manifest.clipNorm, sparseTensors: global.manifest.sparseTensors, rowsPerUpdate: o.rowsPerUpdate, quantisation: o.quantisation },
        { steps: o.steps, learningRate: o.learningRate, negatives: o.negatives, random, updateId, personalWeight },
      );
      const id = await client.enqueue(update);
      return { queued: id !== null, updateId: id, loss, baseVersion: global.manifest.version };
    },
    sync: () => client.flush(),
  };
}
