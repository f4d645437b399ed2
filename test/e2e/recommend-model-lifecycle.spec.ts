import { expect, test } from '@playwright/test';
import { createSite, itemId, type Site } from './recommend-support/site';
import { hearthWithHistory, openSite, recommendOnPage } from './recommend-support/page-helpers';

const HISTORY = [3, 8, 120].map(itemId);
const CONFIG = { modelUrl: 'model/manifest.json', backend: 'wasm', timeoutMs: 60_000 };
let site: Site;

test.beforeEach(async () => {
  site = await createSite();
  await site.writeModel(1, 'v1');
});
test.afterEach(async () => { await site?.close(); });

test('corrupt weights (hash mismatch) keep the previous model and report a clear error', async ({ page }) => {
  await openSite(page, site.url);
  await hearthWithHistory(page, CONFIG, HISTORY);
  expect((await recommendOnPage(page, { k: 5 })).modelVersion).toBe('v1');
  await site.writeModel(2, 'v2', true);
  const refresh = await page.evaluate(() => (window as any).h.recommender.refreshModel().then(() => 'resolved', (e: any) => ({ code: e.code, message: e.message })));
  expect(refresh).toMatchObject({ code: 'model_integrity', message: expect.stringMatching(/sha256 mismatch/) });
  const status = await page.evaluate(() => (window as any).h.recommender.status());
  expect(status).toMatchObject({ modelVersion: 'v1', lastError: expect.stringMatching(/sha256 mismatch.*keeping model v1/) });
  expect(await recommendOnPage(page, { k: 5 })).toMatchObject({ source: 'model', modelVersion: 'v1' });
  // A good new version upgrades in place, without a reload.
  await site.writeModel(3, 'v3');
  expect(await page.evaluate(() => (window as any).h.recommender.refreshModel())).toMatchObject({ modelVersion: 'v3', previousVersion: 'v1', lastError: null });
  expect((await recommendOnPage(page, { k: 5 })).modelVersion).toBe('v3');
});

test('offline start uses the model cached in IndexedDB', async ({ page }) => {
  await openSite(page, site.url);
  await hearthWithHistory(page, CONFIG, HISTORY);
  const online = await recommendOnPage(page, { k: 5 });
  expect(online.modelVersion).toBe('v1');
  site.removeModel();
  await page.reload();
  await page.waitForFunction(() => (window as any).ready === true);
  await hearthWithHistory(page, CONFIG, []);
  const offline = await recommendOnPage(page, { k: 5 });
  expect(offline).toMatchObject({ source: 'model', modelVersion: 'v1' });
  expect(offline.items.map((r: { itemId: string }) => r.itemId)).toEqual(online.items.map((r: { itemId: string }) => r.itemId));
  expect((await page.evaluate(() => (window as any).h.recommender.status())).lastError).toMatch(/model download failed.*404/);
});
