import type { HearthDbHandle } from './db-schema';
import { req, txDone } from './idb-request';

/** Reads one value from the `meta` store (undefined when absent). */
export function getMeta<T>(db: HearthDbHandle, key: string): Promise<T | undefined> {
  return req(db.transaction('meta').objectStore('meta').get(key));
}

/** Writes one value to the `meta` store; resolves when committed. */
export function setMeta(db: HearthDbHandle, key: string, value: unknown): Promise<void> {
  const tx = db.transaction('meta', 'readwrite');
  tx.objectStore('meta').put(value, key);
  return txDone(tx);
}

/** `meta` key of the summary of the last model update this device sent (LastUpdateSummary). */
export const LAST_UPDATE_KEY = 'lastUpdate';
