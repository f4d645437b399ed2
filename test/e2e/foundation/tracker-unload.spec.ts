import { PAGES, openEsmPage, expect, hearthReady, rawEvents, test } from './support';
import type { Page } from '@playwright/test';

// Runs `script` in the page (it tracks, then navigates away in the same task) and waits for the next page.
async function trackThenLeave(page: Page, script: () => void, next: string): Promise<void> {
  await Promise.all([page.waitForURL((u) => u.href.endsWith(next)), page.evaluate(script).catch(() => {})]);
  await page.waitForLoadState('load');
}

test('ESM: an event tracked right before navigating away is in IndexedDB on the next page', async ({ page, server, pageErrors }) => {
  await openEsmPage(page, server.url);
  // The page's first event opened the database (as autocapture's page_view does); then track and leave at once.
  await page.evaluate(async () => {
    const { createHearth } = (window as any).HearthESM as typeof import('../../../src/index');
    (window as any).h = createHearth({ autocapture: false });
    await (window as any).h.track({ type: 'page_view' });
  });
  await trackThenLeave(page, () => {
    void (window as any).h.track({ type: 'add_to_cart', item: { id: 'sku-1' } });
    location.href = '/test/fixtures/pages/blank.html?next=1';
  }, '?next=1');
  expect((await rawEvents(page)).map((e) => e.type)).toEqual(['page_view', 'add_to_cart']);
  // A second page: the connection is open, an earlier write may still be in flight.
  await page.waitForFunction(() => !!(window as any).HearthESM);
  await trackThenLeave(page, () => {
    const { createHearth } = (window as any).HearthESM as typeof import('../../../src/index');
    const h = createHearth({ autocapture: false });
    void h.track({ type: 'search', query: 'boots' });
    void h.track({ type: 'product_view', item: { id: 'sku-2' } }).then(() => {
      void h.track({ type: 'add_to_cart', item: { id: 'sku-2' } });
      location.href = '/test/fixtures/pages/blank.html?next=2';
    });
  }, '?next=2');
  expect((await rawEvents(page)).map((e) => e.type).sort()).toEqual(['add_to_cart', 'add_to_cart', 'page_view', 'product_view', 'search']);
  expect(pageErrors).toEqual([]);
});

test('script tag: window.Hearth.track() then leaving the page keeps the event', async ({ page, server, pageErrors }) => {
  for (let i = 1; i <= 3; i++) {
    await page.goto(`${server.url}${PAGES}/product-jsonld.html?visit=${i}`);
    await hearthReady(page);
    await trackThenLeave(page, () => {
      void (window as any).Hearth.track({ type: 'add_to_cart', item: { id: 'BOOT-42' } });
      location.href = '/test/fixtures/pages/blank.html?left';
    }, '?left');
    // The leaving page's transaction may commit just after this page first reads: poll briefly.
    await expect.poll(async () => (await rawEvents(page)).filter((e) => e.type === 'add_to_cart').length, { timeout: 5000 }).toBe(i);
  }
  expect(pageErrors).toEqual([]);
});
