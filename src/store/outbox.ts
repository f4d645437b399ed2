import type { HearthDbHandle, OutboxRecord } from './db-schema';
import { req, txDone } from './idb-request';

/** Queues a federated update for upload; resolves when committed. */
export async function putOutbox(db: HearthDbHandle, record: OutboxRecord): Promise<void> {
  if (!record || typeof record.id !== 'string' || !record.id) throw new TypeError('putOutbox: record.id must be a non-empty string');
  const tx = db.transaction('outbox', 'readwrite');
  tx.objectStore('outbox').put(record);
  return txDone(tx);
}

/** Lists queued updates, oldest first. */
export function listOutbox(db: HearthDbHandle, limit?: number): Promise<OutboxRecord[]> {
  return req(db.transaction('outbox').objectStore('outbox').index('by_created').getAll(null, limit));
}

/** Removes an uploaded (or abandoned) update; resolves when committed. */
export function deleteOutbox(db: HearthDbHandle, id: string): Promise<void> {
  const tx = db.transaction('outbox', 'readwrite');
  tx.objectStore('outbox').delete(id);
  return txDone(tx);
}
