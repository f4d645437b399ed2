import type { HearthDbHandle } from './db-schema';

/** Reads one value from the `meta` store (undefined when absent). */
export function getMeta<T>(db: HearthDbHandle, key: string): Promise<T | undefined> {
  return db.get('meta', key) as Promise<T | undefined>;
}

/** Writes one value to the `meta` store; resolves when committed. */
export async function setMeta(db: HearthDbHandle, key: string, value: unknown): Promise<void> {
  await db.put('meta', value, key);
}
