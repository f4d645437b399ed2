import { HEARTH_DB_NAME } from './db-schema';
import { req } from './idb-request';

/**
 * Deletes every IndexedDB database whose name starts with `hearth` (events, outbox, model
 * cache, meta and any database a later part adds), plus `extraNames`. Resolves when all are
 * gone; a deletion blocked by another tab completes once that tab closes its connection
 * (Hearth connections close themselves on `versionchange`).
 */
export async function eraseHearthData(...extraNames: string[]): Promise<void> {
  if (!globalThis.indexedDB) return;
  const names = new Set<string>([HEARTH_DB_NAME, ...extraNames]);
  try {
    for (const d of await indexedDB.databases()) if (d.name?.startsWith('hearth')) names.add(d.name);
  } catch { /* databases() missing (old Firefox): the known names are still deleted */ }
  await Promise.all([...names].map((name) => req(indexedDB.deleteDatabase(name))));
}
