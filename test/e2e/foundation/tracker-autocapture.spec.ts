import type { Page } from '@playwright/test';
import { PAGES, expect, hearthReady, openEsmPage, rawEvents, test } from './support';

type Ev = { type: string; name?: string; item?: Record<string, unknown>; list?: string; position?: number; url?: string; props?: Record<string, unknown> };
const events = (page: Page): Promise<Ev[]> => page.evaluate(async () => (window as any).Hearth.events());

test('JSON-LD product page: page_view and a normalised product_view', async ({ page, server, pageErrors }) => {
  await page.goto(`${server.url}${PAGES}/product-jsonld.html`);
  await hearthReady(page);
  await expect.poll(async () => (await events(page)).length).toBe(3);
  const evs = await events(page);
  expect(evs.find((e) => e.type === 'page_view')).toMatchObject({ url: `${server.url}${PAGES}/product-jsonld.html`, title: 'Trail Boot — Fixture Shop' });
  expect(evs.find((e) => e.type === 'product_view')?.item).toEqual({ id: 'BOOT-42', name: 'Trail Boot', category: 'Shoes', brand: 'Acme', price: 89.9, currency: 'EUR' });
  // The stub queued this call before the script arrived.
  expect(evs.find((e) => e.type === 'search')).toMatchObject({ query: 'boots' });
  expect(pageErrors).toEqual([]);
});

test('microdata product page: the top-level Product, not the related one', async ({ page, server, pageErrors }) => {
  await page.goto(`${server.url}${PAGES}/product-microdata.html`);
  await hearthReady(page);
  await expect.poll(async () => (await events(page)).filter((e) => e.type === 'product_view')).toHaveLength(1);
  const pv = (await events(page)).find((e) => e.type === 'product_view');
  expect(pv?.item).toEqual({ id: 'HAT-7', name: 'Wool Hat', category: 'Hats', brand: 'Cap Co', price: 24.5, currency: 'EUR' });
  expect(pageErrors).toEqual([]);
});

test('broken JSON-LD never throws and what parses is captured', async ({ page, server, pageErrors }) => {
  await page.goto(`${server.url}${PAGES}/broken-jsonld.html`);
  await hearthReady(page);
  await expect.poll(async () => (await events(page)).filter((e) => e.type === 'product_view')).toHaveLength(1);
  const pv = (await events(page)).find((e) => e.type === 'product_view');
  expect(pv?.item).toEqual({ id: 'LAMP-3', name: 'Desk  Lamp', category: 'Lighting', price: 35, currency: 'GBP' });
  expect(pageErrors).toEqual([]);
});

test('data-hearth-item tiles: impressions for visible tiles only, clicks with list and position', async ({ page, server, pageErrors }) => {
  await page.setViewportSize({ width: 800, height: 600 });
  await page.goto(`${server.url}${PAGES}/listing.html`);
  await hearthReady(page);
  const impressions = async () => (await events(page)).filter((e) => e.type === 'custom' && e.name === 'impression').map((e) => e.item?.id).sort();
  await expect.poll(impressions).toEqual(['T0', 'T1', 'T2', 'T3']);
  expect((await events(page)).find((e) => e.item?.id === 'T0')).toMatchObject({ item: { id: 'T0', category: 'Socks', price: 5, currency: 'EUR' }, props: { list: 'home' } });

  await page.click('[data-hearth-item="T2"]');
  await expect.poll(async () => (await events(page)).filter((e) => e.type === 'click')).toHaveLength(1);
  expect((await events(page)).find((e) => e.type === 'click')).toMatchObject({ item: { id: 'T2', price: 7 }, list: 'home', position: 2 });

  // Scrolling reveals more tiles; each tile's impression counts once.
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await expect.poll(impressions).toEqual(['T0', 'T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7']);
  // Tiles added later (SPA rendering, appended next to the button) are observed too.
  await page.click('#add-tile');
  await expect.poll(impressions).toContain('NEW-1');
  expect((await impressions()).filter((id) => id === 'T0')).toHaveLength(1);
  expect(pageErrors).toEqual([]);
});

test('SPA route changes: a page_view and product_view per route, and dwell time on leaving a product', async ({ page, server, pageErrors }) => {
  await page.goto(`${server.url}${PAGES}/spa.html`);
  await hearthReady(page);
  await page.evaluate(() => (window as any).go('BAG-1'));
  await page.waitForTimeout(1200);
  await page.evaluate(() => (window as any).home());
  await page.evaluate(() => (window as any).go('BAG-2'));
  // Identical events inside the 1 s dedupe window are dropped: come back home a bit later.
  await page.waitForTimeout(1100);
  await page.goBack(); // popstate back to home
  await expect.poll(async () => (await events(page)).filter((e) => e.type === 'page_view').map((e) => e.url)).toEqual([
    `${server.url}${PAGES}/spa.html`, `${server.url}/shop/product/BAG-1`, `${server.url}/shop/`, `${server.url}/shop/product/BAG-2`, `${server.url}/shop/`,
  ]);
  const evs = await events(page);
  expect(evs.filter((e) => e.type === 'product_view').map((e) => e.item?.id)).toEqual(['BAG-1', 'BAG-2']);
  const dwell = evs.find((e) => e.name === 'dwell');
  expect(dwell?.item).toEqual({ id: 'BAG-1' });
  expect(dwell?.props?.ms as number).toBeGreaterThanOrEqual(1000);
  // data-autocapture left tiles out: clicks are not captured.
  expect(evs.some((e) => e.type === 'click')).toBe(false);
  expect(pageErrors).toEqual([]);
});

test('a page without tiles or product markup: tiles rendered later still get impressions (the lazy half loads then)', async ({ page, server, pageErrors }) => {
  await openEsmPage(page, server.url);
  const got = await page.evaluate(async () => {
    const { createHearth } = (window as any).HearthESM as typeof import('../../../src/index');
    const h = createHearth({ autocapture: { pageViews: false, routes: false, products: false } });
    // Nothing to capture yet: the page has no tiles. Then an SPA renders one.
    await new Promise((r) => setTimeout(r, 300));
    const before = await h.events();
    const tile = document.createElement('div');
    tile.dataset.hearthItem = 'LATE-1';
    tile.textContent = 'a tile rendered after load';
    document.body.append(tile);
    for (let i = 0; i < 50; i++) {
      const imp = (await h.events()).filter((e) => e.type === 'custom' && e.name === 'impression');
      if (imp.length) return { before: before.length, ids: imp.map((e) => (e as { item?: { id: string } }).item?.id) };
      await new Promise((r) => setTimeout(r, 100));
    }
    return { before: before.length, ids: [] };
  });
  expect(got).toEqual({ before: 0, ids: ['LATE-1'] });
  expect(pageErrors).toEqual([]);
});

test('leaving a product page: its dwell event is flushed with the last batch and stored', async ({ page, server, pageErrors }) => {
  await page.goto(`${server.url}${PAGES}/product-jsonld.html`);
  await hearthReady(page);
  await expect.poll(async () => (await events(page)).filter((e) => e.type === 'product_view')).toHaveLength(1);
  await page.waitForTimeout(1200);
  await page.goto(`${server.url}${PAGES}/blank.html`);
  const dwell = (await rawEvents(page)).find((e) => e.name === 'dwell') as Ev | undefined;
  expect(dwell?.item).toEqual({ id: 'BOOT-42' });
  expect(dwell?.props?.ms as number).toBeGreaterThanOrEqual(1000);
  expect(pageErrors).toEqual([]);
});
