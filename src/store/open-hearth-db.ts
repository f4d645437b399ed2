import { openDB } from 'idb';
import { HEARTH_DB_NAME, HEARTH_DB_VERSION, MIGRATIONS, type HearthDb, type HearthDbHandle } from './db-schema';

/** Hooks for the life of one connection. */
export interface OpenHearthDbOptions {
  /** Called when another tab wants a newer version or deletes the database; we have closed already. */
  onClosed?: (deleted: boolean) => void;
  /** Called when our open waits on another tab holding an older version. */
  onBlocked?: () => void;
  /** Give up after this many ms (another tab never lets go). Default 5000. */
  timeoutMs?: number;
}

/**
 * Opens (creating or migrating as needed) the Hearth IndexedDB database. The connection closes
 * itself when another tab upgrades or deletes the database, so it never blocks them.
 * Rejects when IndexedDB is missing, broken, or the open times out.
 */
export async function openHearthDb(name: string = HEARTH_DB_NAME, options: OpenHearthDbOptions = {}): Promise<HearthDbHandle> {
  if (typeof name !== 'string' || !name.startsWith('hearth')) throw new TypeError(`openHearthDb: name must start with "hearth", got ${String(name)}`);
  if (typeof indexedDB === 'undefined' || !indexedDB) throw new Error('IndexedDB is not available');
  let timer: ReturnType<typeof setTimeout> | undefined;
  const opening = openDB<HearthDb>(name, HEARTH_DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, tx) {
      for (let v = oldVersion; v < HEARTH_DB_VERSION; v++) MIGRATIONS[v]!(db, tx);
    },
    blocked: () => options.onBlocked?.(),
    blocking(_current, next) {
      db?.close();
      options.onClosed?.(next === null);
    },
    terminated: () => options.onClosed?.(false),
  });
  let db: HearthDbHandle | undefined;
  const timeout = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`opening IndexedDB "${name}" timed out`)), options.timeoutMs ?? 5000);
  });
  try {
    db = await Promise.race([opening, timeout]);
    return db;
  } finally {
    clearTimeout(timer);
    // A late success after a timeout must not leave a connection open.
    if (!db) opening.then((d) => d.close(), () => {});
  }
}
