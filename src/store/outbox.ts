import type { HearthDbHandle, OutboxRecord } from './db-schema';

/** Queues a federated update for upload; resolves when committed. */
export async function putOutbox(db: HearthDbHandle, record: OutboxRecord): Promise<void> {
  if (!record || typeof record.id !== 'string' || !record.id) throw new TypeError('putOutbox: record.id must be a non-empty string');
  await db.put('outbox', record);
}

/** Lists queued updates, oldest first. */
export function listOutbox(db: HearthDbHandle, limit?: number): Promise<OutboxRecord[]> {
  return db.getAllFromIndex('outbox', 'by_created', undefined, limit);
}

/** Removes an uploaded (or abandoned) update. */
export async function deleteOutbox(db: HearthDbHandle, id: string): Promise<void> {
  await db.delete('outbox', id);
}
