import type { Page } from '@playwright/test';

/**
 * Collects console errors and uncaught exceptions of a page, so a test can assert there were
 * none. `allow` patterns skip errors a test provokes on purpose (e.g. an aborted request).
 */
export function watchErrors(page: Page, allow: RegExp[] = []): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !allow.some((re) => re.test(m.text()))) errors.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  return errors;
}

/**
 * The events Hearth stored in this origin's IndexedDB, read directly (not through the SDK), or
 * [] when no Hearth database exists. Never creates a database.
 */
export function storedEvents(page: Page): Promise<{ type: string; item?: { id: string }; items?: { id: string }[] }[]> {
  return page.evaluate(async () => {
    const dbs = await indexedDB.databases();
    if (!dbs.some((d) => d.name === 'hearth')) return [];
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const r = indexedDB.open('hearth');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    try {
      if (!db.objectStoreNames.contains('events')) return [];
      return await new Promise<{ type: string; item?: { id: string }; items?: { id: string }[] }[]>((ok, fail) => {
        const r = db.transaction('events').objectStore('events').getAll();
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
    } finally {
      db.close();
    }
  });
}

/** Names of this origin's IndexedDB databases that belong to Hearth (start with "hearth"). */
export function hearthDatabases(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('hearth')));
}
