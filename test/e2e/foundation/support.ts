import { test as base, expect, type Page } from '@playwright/test';
import { startStaticServer, type StaticServer } from '../support/static-server';

/** Fixture pages live here, served from the repository root (so /dist/… is the built bundle). */
export const PAGES = '/test/fixtures/pages';

/** A test with a static server (`server.url`) and a list of uncaught page errors (`pageErrors`). */
export const test = base.extend<{ pageErrors: string[] }, { server: StaticServer }>({
  server: [async ({}, use) => {
    const server = await startStaticServer();
    await use(server);
    await server.close();
  }, { scope: 'worker' }],
  pageErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await use(errors);
  },
});
export { expect };

/** Waits until the script tag has replaced the stub with a live instance. */
export async function hearthReady(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const h = (window as unknown as { Hearth?: { track?: unknown } }).Hearth;
    return !!h && !Array.isArray(h) && typeof h.track === 'function';
  });
}

/** Opens the blank fixture page, which imports the built ESM bundle as window.HearthESM. */
export async function openEsmPage(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}${PAGES}/blank.html`);
  await page.waitForFunction(() => !!(window as unknown as { HearthESM?: unknown }).HearthESM);
}

/** Names of the IndexedDB databases of the page's origin (read without opening any). */
export function dbNames(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
}

/** Every record in the `events` store, read with the raw IndexedDB API (not Hearth's code). */
export function rawEvents(page: Page, dbName = 'hearth'): Promise<Array<Record<string, unknown>>> {
  return page.evaluate(async (name) => {
    if (!(await indexedDB.databases()).some((d) => d.name === name)) return [];
    const db = await new Promise<IDBDatabase>((ok, fail) => { const r = indexedDB.open(name); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
    const all = await new Promise<Array<Record<string, unknown>>>((ok, fail) => { const r = db.transaction('events').objectStore('events').getAll(); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
    db.close();
    return all;
  }, dbName);
}

/** Bytes IndexedDB uses for this origin according to the Storage API (Chromium's usageDetails). */
export function idbUsage(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const e = (await navigator.storage.estimate()) as StorageEstimate & { usageDetails?: { indexedDB?: number } };
    return e.usageDetails?.indexedDB ?? 0;
  });
}
