import type { HearthDbHandle, ModelRecord } from './db-schema';
import { req, txDone } from './idb-request';

/** Stores a model artifact under `record.key`; resolves when committed. */
export async function putModel(db: HearthDbHandle, record: ModelRecord): Promise<void> {
  if (!record || typeof record.key !== 'string' || !record.key) throw new TypeError('putModel: record.key must be a non-empty string');
  const tx = db.transaction('models', 'readwrite');
  tx.objectStore('models').put(record);
  return txDone(tx);
}

/** Reads a cached model artifact (undefined when absent). */
export function getModel(db: HearthDbHandle, key: string): Promise<ModelRecord | undefined> {
  return req(db.transaction('models').objectStore('models').get(key));
}

/** Removes a cached model artifact; resolves when committed. */
export function deleteModel(db: HearthDbHandle, key: string): Promise<void> {
  const tx = db.transaction('models', 'readwrite');
  tx.objectStore('models').delete(key);
  return txDone(tx);
}
