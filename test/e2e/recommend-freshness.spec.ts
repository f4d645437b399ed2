// recommend() reads stored events only after a write (src/store/event-mirror.ts): these check
// that no write is missed — this page's own (even one not yet committed), another tab's, and
// erasure by forget() — against the real IndexedDB and BroadcastChannel of Chromium.
import { expect, test, type Page } from '@playwright/test';
import { createSite, itemId, type Site } from './recommend-support/site';
import { hearthWithHistory, openSite, recommendOnPage } from './recommend-support/page-helpers';

const HISTORY = [17, 42, 230, 5, 99].map(itemId);
const CONFIG = { modelUrl: 'model/manifest.json', backend: 'wasm', timeoutMs: 60_000 };
let site: Site;

test.beforeAll(async () => {
  site = await createSite();
  await site.writeModel(7, 'v1');
});
test.afterAll(async () => { await site?.close(); });

const ids = async (page: Page, k = 20): Promise<string[]> => {
  const res = await recommendOnPage(page, { k });
  expect(res.error).toBeUndefined();
  return res.items.map((r: { itemId: string }) => r.itemId);
};
const reasonIds = async (page: Page): Promise<string[]> => {
  const res = await recommendOnPage(page, { k: 5 });
  return [...new Set<string>(res.items.flatMap((r: { reasons: { itemId: string }[] }) => r.reasons.map((w) => w.itemId)))];
};

test("another tab's purchase reaches this tab's next recommend() after it commits", async ({ page, context }) => {
  await openSite(page, site.url);
  await hearthWithHistory(page, CONFIG, HISTORY);
  const before = await ids(page);
  const top = before[0]!;
  // The same answer again: the second call was served without reading IndexedDB.
  expect(await ids(page)).toEqual(before);
  const other = await context.newPage();
  await openSite(other, site.url);
  await hearthWithHistory(other, CONFIG, []);
  expect(await other.evaluate(async (id) => (window as any).h.track({ type: 'purchase', orderId: 'o-1', value: 1, currency: 'EUR', items: [{ id, price: 1, quantity: 1 }] }), top)).toBe('stored');
  // The purchase is announced on a BroadcastChannel: poll briefly for its delivery, then a
  // purchased item is never recommended again.
  await expect.poll(async () => (await ids(page)).includes(top), { timeout: 5000 }).toBe(false);
  await other.close();
});

test("this page's write is in the very next recommend(), even before its batch commits", async ({ page }) => {
  await openSite(page, site.url);
  await hearthWithHistory(page, CONFIG, HISTORY);
  const top = (await ids(page))[0]!;
  const after = await page.evaluate(async (id) => {
    const h = (window as any).h;
    // Not awaited: the event is still queued when recommend() starts.
    void h.track({ type: 'add_to_cart', item: { id, price: 1 } });
    return (await h.recommend({ k: 20 })).items.map((r: { itemId: string }) => r.itemId);
  }, top);
  expect(after).not.toContain(top);
});

test('forget() empties the history of the next recommend(), and new events count again', async ({ page }) => {
  await openSite(page, site.url);
  await hearthWithHistory(page, CONFIG, HISTORY);
  expect((await reasonIds(page)).length).toBeGreaterThan(0);
  await page.evaluate(() => (window as any).h.forget());
  const res = await recommendOnPage(page, { k: 5 });
  expect(res.source).not.toBe('model');
  await page.evaluate(async (id) => (window as any).h.track({ type: 'product_view', item: { id } }), itemId(3));
  const again = await recommendOnPage(page, { k: 5 });
  expect(again.source).toBe('model');
  expect(await reasonIds(page)).toEqual([itemId(3)]);
});
