import { expect, test } from '@playwright/test';
import { startDemo, type RunningDemo } from './demo-support/start-demo';
import { storedEvents, watchErrors } from './demo-support/browser-watch';
import { grantConsent } from './demo-support/consent';

// Bad input never gives a blank page: the shop explains and falls back to popularity.
let demo: RunningDemo;
// The first start may train the demo model (minutes on a busy two-core machine).
test.beforeAll(async () => { test.setTimeout(300_000); demo = await startDemo(); });
test.afterAll(async () => { await demo?.stop(); });

test('an unknown product id explains itself and offers popular products', async ({ page }) => {
  const errors = watchErrors(page, [/404/]);
  const res = await page.goto(demo.url + '/product/no-such-thing');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('couldn’t find a product with id “no-such-thing”');
  expect(await page.locator('main [data-hearth-item]').count()).toBeGreaterThanOrEqual(4);
  await page.locator('main [data-hearth-item] a').first().click();
  await expect(page.locator('article.product')).toBeVisible();
  expect(errors).toEqual([]);
});

test('an empty search explains and shows popular products; a search with no match says so', async ({ page }) => {
  await page.goto(demo.url + '/');
  await page.getByRole('searchbox', { name: 'Search products' }).fill('   ');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.locator('.explain')).toContainText('Type a product');
  expect(await page.locator('main [data-hearth-item]').count()).toBeGreaterThan(0);
  await page.goto(demo.url + '/search?q=zzzqqq');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('No results');
  expect(await page.locator('main [data-hearth-item]').count()).toBeGreaterThan(0);
});

test('a catalog that fails to load: the page explains and keeps its popular products', async ({ page }) => {
  await page.route('**/catalog.json', (r) => r.abort('failed'));
  const errors = watchErrors(page, [/ERR_FAILED|Failed to load resource/]);
  await page.goto(demo.url + '/');
  await expect(page.locator('.notice')).toContainText('catalogue could not be loaded');
  await expect(page.locator('[data-hearth-recs] [data-hearth-rec]')).toHaveCount(8);
  await expect(page.locator('.rail-label')).toHaveText('Popular right now');
  expect(errors).toEqual([]);
});

test('a model that fails to load: the rail falls back to popularity and says why', async ({ page, context }) => {
  const errors = watchErrors(page, [/ERR_FAILED|Failed to load resource/]);
  // The worker fetches the model: route on the context so its requests are caught too.
  await context.route(/\/model\/|\/v1\/model/, (r) => r.abort('failed'));
  await grantConsent(page, demo.url);
  await page.goto(demo.url + '/product/21');
  await expect.poll(async () => (await storedEvents(page)).filter((e) => e.type === 'product_view').length, { timeout: 15_000 }).toBe(1);
  await page.goto(demo.url + '/');
  await expect(page.locator('[data-hearth-recs]')).toHaveAttribute('data-state', 'settled', { timeout: 90_000 });
  expect(await page.locator('[data-hearth-recs] [data-hearth-rec]').count()).toBeGreaterThan(0);
  await expect(page.locator('.rail-source')).not.toHaveAttribute('data-source', 'model');
  await expect(page.locator('.notice')).toContainText('model is not available');
  await expect(page.locator('.notice')).toContainText('popular products instead');
  expect(errors).toEqual([]);
});

test('add to cart and checkout still work when Hearth itself fails to load', async ({ page }) => {
  await page.route('**/dist/hearth.iife.js', (r) => r.abort('failed'));
  await page.goto(demo.url + '/product/5');
  await expect(page.locator('.notice')).toContainText('Personalisation is unavailable');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.locator('.cart-count')).toHaveText('1');
  await expect(page.locator('.added')).toContainText('Added');
  await page.goto(demo.url + '/checkout');
  await page.getByLabel('Name').fill('Ada');
  await page.getByLabel('Email').fill('ada@example.org');
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.locator('.order-done')).toContainText('Thank you');
});

test.describe('with the aggregation server down', () => {
  let down: RunningDemo;
  test.beforeAll(async () => { test.setTimeout(300_000); down = await startDemo(['--no-aggregation']); });
  test.afterAll(async () => { await down?.stop(); });

  test('the privacy panel explains, and the shop keeps working', async ({ page }) => {
    const errors = watchErrors(page, [/502/]);
    await page.goto(down.url + '/');
    await expect(page.locator('[data-hearth-recs]')).toHaveAttribute('data-state', 'settled', { timeout: 60_000 });
    expect(await page.locator('[data-hearth-recs] [data-hearth-rec]').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Your data' }).click();
    await expect(page.locator('#privacy-panel')).toContainText('Unreachable (the aggregation server is not running)');
    await expect(page.locator('#privacy-panel')).toContainText('the shop keeps working');
    await page.keyboard.press('Escape');
    await page.locator('main [data-hearth-item] a').first().click();
    await expect(page.locator('article.product')).toBeVisible();
    expect(errors).toEqual([]);
  });
});
