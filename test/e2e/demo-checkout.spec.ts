import { expect, test, type Page } from '@playwright/test';
import { startDemo, type RunningDemo } from './demo-support/start-demo';
import { hearthDatabases, storedEvents, watchErrors } from './demo-support/browser-watch';
import { grantConsent } from './demo-support/consent';

// Cart, checkout and "forget me", checked against the real IndexedDB of the page's origin.
let demo: RunningDemo;

/** Hearth saw events on this page (autocapture ran) yet wrote none, and no database exists. */
async function expectTrackedButNotStored(page: Page) {
  const stats = () => page.evaluate(() => (window as unknown as { Hearth: { stats(): { tracked: number; stored: number } } }).Hearth.stats());
  await expect.poll(async () => (await stats()).tracked, { timeout: 10_000 }).toBeGreaterThan(0);
  expect((await stats()).stored).toBe(0);
  expect(await hearthDatabases(page)).toEqual([]);
}
// The first start may train the demo model (minutes on a busy two-core machine).
test.beforeAll(async () => { test.setTimeout(300_000); demo = await startDemo(); });
test.afterAll(async () => { await demo?.stop(); });

test('nothing is stored before the shopper consents', async ({ page }) => {
  await page.goto(demo.url + '/product/7');
  await expect(page.getByRole('button', { name: 'Yes, personalise' })).toBeVisible();
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.locator('.cart-count')).toHaveText('1');
  await expectTrackedButNotStored(page);
});

test('add to cart and checkout record a purchase on the device', async ({ page }) => {
  const errors = watchErrors(page);
  await grantConsent(page, demo.url);
  await page.goto(demo.url + '/product/12');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.locator('.cart-count')).toHaveText('1');
  await expect(page.locator('.added')).toContainText('Added');
  await page.goto(demo.url + '/cart');
  await expect(page.locator('.cart-items table tbody tr')).toHaveCount(1);
  await page.getByRole('link', { name: 'Go to checkout' }).click();
  await page.getByLabel('Name').fill('Ada');
  await page.getByLabel('Email').fill('ada@example.org');
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.locator('.order-done')).toContainText('Thank you');
  await expect(page.locator('.cart-count')).toHaveText('0');
  await expect.poll(async () => (await storedEvents(page)).map((e) => e.type), { timeout: 15_000 }).toEqual(expect.arrayContaining(['product_view', 'add_to_cart', 'purchase']));
  const purchase = (await storedEvents(page)).find((e) => e.type === 'purchase');
  expect(purchase?.items?.map((i) => i.id)).toEqual(['12']);
  expect(errors).toEqual([]);
});

test('the privacy panel shows stored events, and "forget me" leaves nothing behind', async ({ page }) => {
  const errors = watchErrors(page);
  await grantConsent(page, demo.url);
  await page.goto(demo.url + '/product/30');
  await page.goto(demo.url + '/product/40');
  await expect.poll(async () => (await storedEvents(page)).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
  await page.getByRole('button', { name: 'Your data' }).click();
  const panel = page.getByRole('complementary', { name: 'What stays on this device' });
  await expect(panel.locator('ol.events li').first()).toBeVisible({ timeout: 30_000 });
  await panel.getByRole('button', { name: 'Forget me' }).click();
  await expect(panel.locator('.forgotten')).toContainText('gone');
  expect(await storedEvents(page)).toEqual([]);
  expect(await hearthDatabases(page)).toEqual([]);
  expect(await page.evaluate(() => localStorage.getItem('hearth-demo-cart'))).toBeNull();
  // Consent was erased too: the next page asks again and records nothing meanwhile.
  await page.goto(demo.url + '/product/50');
  await expect(page.getByRole('button', { name: 'Yes, personalise' })).toBeVisible();
  await expectTrackedButNotStored(page);
  expect(errors).toEqual([]);
});
