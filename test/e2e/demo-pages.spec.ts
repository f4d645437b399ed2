import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { startDemo, type RunningDemo } from './demo-support/start-demo';
import { storedEvents, watchErrors } from './demo-support/browser-watch';
import { grantConsent } from './demo-support/consent';

// Every storefront page renders, has landmarks, alt text and keyboard focus, and logs no
// errors; the README screenshots come from here.
let demo: RunningDemo;
// The first start may train the demo model (minutes on a busy two-core machine).
test.beforeAll(async () => { test.setTimeout(300_000); demo = await startDemo(); });
test.afterAll(async () => { await demo?.stop(); });

const PAGES = ['/', '/category/audio', '/product/17', '/search?q=tent', '/search?q=', '/cart', '/checkout', '/privacy', '/spa/'];

for (const path of PAGES) {
  test(`${path} renders with landmarks, alt text and no errors`, async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto(demo.url + path);
    await expect(page.locator('h1').first()).toBeVisible();
    await expect(page.getByRole('main')).toHaveCount(1);
    await expect(page.getByRole('navigation').first()).toBeVisible();
    if (!path.startsWith('/spa')) {
      await expect(page.getByRole('banner')).toHaveCount(1);
      await expect(page.getByRole('contentinfo')).toHaveCount(1);
    }
    // Every image has a non-empty alt text.
    const missingAlt = await page.locator('img').evaluateAll((imgs) => imgs.filter((i) => !(i.getAttribute('alt') ?? '').trim()).length);
    expect(missingAlt).toBe(0);
    // Let the page's scripts settle (rails, panel) before judging the console.
    await page.waitForLoadState('networkidle');
    expect(errors).toEqual([]);
  });
}

test('keyboard: the skip link is the first stop and moves focus to main', async ({ page }) => {
  await page.goto(demo.url + '/');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  // Further tabbing reaches a product link with a visible focus ring.
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.closest('[data-hearth-item]') !== null)) break;
  }
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
  expect(outline).not.toBe('none');
});

test('keyboard: the privacy panel opens, focuses its heading and closes on Escape', async ({ page }) => {
  await page.goto(demo.url + '/');
  const toggle = page.getByRole('button', { name: 'Your data' });
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('complementary', { name: 'What stays on this device' })).toBeVisible();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(page.locator('#privacy-title')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.locator('#privacy-panel')).toBeHidden();
  await expect(toggle).toBeFocused();
});

test('screenshots of home, product and the privacy panel', async ({ page }) => {
  mkdirSync('docs/screenshots', { recursive: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await grantConsent(page, demo.url);
  for (const n of [0, 1, 2]) {
    await page.goto(demo.url + '/category/outdoors');
    await page.locator('main [data-hearth-item] a').nth(n).click();
    await expect(page.locator('article.product')).toBeVisible();
    // Read the page until its view is stored, as a person would (quick exits can lose a batch).
    await expect.poll(async () => (await storedEvents(page)).filter((e) => e.type === 'product_view').length, { timeout: 15_000 }).toBe(n + 1);
  }
  await page.screenshot({ path: 'docs/screenshots/product.png' });
  await page.goto(demo.url + '/');
  await expect(page.locator('[data-hearth-recs]')).toHaveAttribute('data-state', 'settled', { timeout: 60_000 });
  await page.screenshot({ path: 'docs/screenshots/home.png' });
  await page.getByRole('button', { name: 'Your data' }).click();
  await expect(page.locator('.privacy-loading')).toBeHidden({ timeout: 30_000 });
  await expect(page.locator('#privacy-panel ol.events li').first()).toBeVisible();
  await page.screenshot({ path: 'docs/screenshots/privacy-panel.png' });
});
