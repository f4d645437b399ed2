import type { HearthDbHandle, ModelRecord } from './db-schema';

/** Stores a model artifact under `record.key`; resolves when committed. */
export async function putModel(db: HearthDbHandle, record: ModelRecord): Promise<void> {
  if (!record || typeof record.key !== 'string' || !record.key) throw new TypeError('putModel: record.key must be a non-empty string');
  await db.put('models', record);
}

/** Reads a cached model artifact (undefined when absent). */
export function getModel(db: HearthDbHandle, key: string): Promise<ModelRecord | undefined> {
  return db.get('models', key);
}

/** Removes a cached model artifact. */
export async function deleteModel(db: HearthDbHandle, key: string): Promise<void> {
  await db.delete('models', key);
}
