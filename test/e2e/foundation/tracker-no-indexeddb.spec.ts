import { PAGES, openEsmPage, expect, hearthReady, test } from './support';

test('IndexedDB missing: no exception in the host page, tracking falls back to memory', async ({ page, server, pageErrors }) => {
  await page.addInitScript(() => { Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true }); });
  await page.goto(`${server.url}${PAGES}/product-jsonld.html`);
  await hearthReady(page);
  expect(await page.evaluate(async () => (window as any).Hearth.track({ type: 'search', query: 'memory' }))).toBe('memory');
  const types = await page.evaluate(async () => (await (window as any).Hearth.events()).map((e: { type: string }) => e.type));
  expect(types.sort()).toEqual(['page_view', 'product_view', 'search', 'search']);
  expect(await page.evaluate(async () => (await (window as any).Hearth.features()).sequence)).toEqual(['BOOT-42']);
  expect(pageErrors).toEqual([]);
});

test('IndexedDB broken (open throws, as in some private modes): no exception, memory fallback', async ({ page, server, pageErrors }) => {
  await page.addInitScript(() => {
    IDBFactory.prototype.open = () => { throw new DOMException('The user denied permission to access the database.', 'SecurityError'); };
    IDBFactory.prototype.databases = () => Promise.reject(new DOMException('denied', 'SecurityError'));
  });
  await openEsmPage(page, server.url);
  const r = await page.evaluate(async () => {
    const { createHearth } = (window as any).HearthESM as typeof import('../../../src/index');
    const errors: string[] = [];
    const h = createHearth({ autocapture: false, onError: (e: Error) => errors.push(e.message) });
    const outcome = await h.track({ type: 'product_view', item: { id: 'a' } });
    await h.forget();
    return { outcome, errors, left: (await h.events()).length };
  });
  expect(r.outcome).toBe('memory');
  expect(r.errors[0]).toMatch(/IndexedDB unavailable, keeping events in memory/);
  expect(r.left).toBe(0);
  expect(pageErrors).toEqual([]);
});
