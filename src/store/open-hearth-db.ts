import { HEARTH_DB_NAME, HEARTH_DB_VERSION, MIGRATIONS, type HearthDbHandle } from './db-schema';

/** Hooks for the life of one connection. */
export interface OpenHearthDbOptions {
  /** Called after another tab asked to upgrade or delete the database and we closed for it. */
  onClosed?: (deleted: boolean) => void;
  /** Called when our open waits on another tab holding an older version. */
  onBlocked?: () => void;
  /** Give up after this many ms (another tab never lets go). Default 5000. */
  timeoutMs?: number;
}

/**
 * Opens (creating or migrating as needed) the Hearth IndexedDB database. The connection closes
 * itself when another tab upgrades or deletes the database, so it never blocks them.
 * Rejects when IndexedDB is missing, broken, or the open times out. `name` is not checked again:
 * every caller passes a name already checked against DB_NAME_RULE (src/hearth-options.ts, the
 * script tag), which keeps every Hearth database in the `hearth*` namespace that forget() erases.
 */
export function openHearthDb(name: string = HEARTH_DB_NAME, options: OpenHearthDbOptions = {}): Promise<HearthDbHandle> {
  return new Promise((ok, fail) => {
    if (!globalThis.indexedDB) throw new Error('IndexedDB is not available');
    const r = indexedDB.open(name, HEARTH_DB_VERSION);
    // Given up on: a connection that still opens later is closed at once.
    const timer = setTimeout(() => { r.onsuccess = () => r.result.close(); fail(new Error(`opening IndexedDB "${name}" timed out`)); }, options.timeoutMs ?? 5000);
    r.onupgradeneeded = (e) => {
      for (let v = e.oldVersion; v < HEARTH_DB_VERSION; v++) MIGRATIONS[v]!(r.result, r.transaction!);
    };
    r.onblocked = () => options.onBlocked?.();
    // One handler for both outcomes: a failed open has no result (its error says why).
    r.onerror = r.onsuccess = () => {
      clearTimeout(timer);
      const db = r.result;
      if (!db) return fail(r.error);
      db.onversionchange = (e) => { db.close(); options.onClosed?.(e.newVersion === null); };
      db.onclose = () => options.onClosed?.(false);
      ok(db);
    };
  });
}
