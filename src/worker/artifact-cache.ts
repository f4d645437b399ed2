import type { ModelArtifacts } from '../model/model-manifest';
import type { HearthDbHandle, ModelRecord } from '../store/db-schema';
import { txDone } from '../store/idb-request';
import { getModel } from '../store/model-cache';

/** Cache keys in the `models` store: the model in use and the one before it. */
export const CURRENT_KEY = 'recommender/current';
export const PREVIOUS_KEY = 'recommender/previous';

/** A cached model version with the ETag it was served with. */
export interface CachedModel {
  artifacts: ModelArtifacts;
  etag: string | null;
  storedAt: number;
}

function toCached(r: ModelRecord | undefined): CachedModel | null {
  const d = r?.data as Partial<ModelArtifacts> | undefined;
  if (!r || !d || typeof d !== 'object' || !(d.weightData instanceof ArrayBuffer) || !d.manifest || !d.modelJson) return null;
  return { artifacts: d as ModelArtifacts, etag: r.etag ?? null, storedAt: r.storedAt };
}

/** Reads the cached current and previous versions (null where absent or unreadable). */
export async function readCachedModels(db: HearthDbHandle): Promise<{ current: CachedModel | null; previous: CachedModel | null }> {
  const [c, p] = await Promise.all([getModel(db, CURRENT_KEY), getModel(db, PREVIOUS_KEY)]);
  return { current: toCached(c), previous: toCached(p) };
}

/**
 * Stores a verified version as current; the old current becomes previous (one transaction, so
 * a crash never leaves zero good versions). Call it only after `loadModel` accepted the bytes.
 */
export async function storeVerifiedModel(db: HearthDbHandle, artifacts: ModelArtifacts, etag: string | null): Promise<void> {
  const old = await getModel(db, CURRENT_KEY);
  const tx = db.transaction('models', 'readwrite');
  const store = tx.objectStore('models');
  if (old && (old.data as ModelArtifacts)?.manifest?.modelVersion !== artifacts.manifest.modelVersion) {
    store.put({ ...old, key: PREVIOUS_KEY });
  }
  const record: ModelRecord = { key: CURRENT_KEY, storedAt: Date.now(), sha256: artifacts.manifest.weightFiles?.[0]?.sha256, data: artifacts };
  if (etag) record.etag = etag;
  store.put(record);
  await txDone(tx);
}
