import { expect, test } from '@playwright/test';
import { startDemo, type RunningDemo } from './demo-support/start-demo';
import { storedEvents, watchErrors } from './demo-support/browser-watch';
import { grantConsent } from './demo-support/consent';

// The npm integration path: /spa/ imports createHearth from dist/hearth.esm.js (no script tag).
let demo: RunningDemo;
// The first start may train the demo model (minutes on a busy two-core machine).
test.beforeAll(async () => { test.setTimeout(300_000); demo = await startDemo(); });
test.afterAll(async () => { await demo?.stop(); });

test('the SPA uses the ESM build, records views on client-side routes and recommends', async ({ page }) => {
  const errors = watchErrors(page);
  const scripts: string[] = [];
  page.on('request', (r) => { if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname); });
  await grantConsent(page, demo.url);
  scripts.length = 0;
  await page.goto(demo.url + '/spa/?dept=audio');
  await expect(page.locator('.spa-list [data-hearth-item]').first()).toBeVisible();
  expect(scripts).toContain('/dist/hearth.esm.js');
  expect(scripts).not.toContain('/dist/hearth.iife.js');
  // Client-side navigation: no reload, yet the view is recorded through track().
  const before = page.url();
  await page.locator('.spa-list [data-hearth-item] a').nth(1).click();
  await expect(page).not.toHaveURL(before);
  await expect(page.locator('.spa-title')).toContainText('€');
  await expect.poll(async () => (await storedEvents(page)).filter((e) => e.type === 'product_view').length, { timeout: 15_000 }).toBe(1);
  await expect(page.locator('.spa-recs [data-hearth-rec]').first()).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('.rail-source')).toContainText('ranking');
  expect(errors).toEqual([]);
});
