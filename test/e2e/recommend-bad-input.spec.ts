import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { createSite, itemId, type Site } from './recommend-support/site';
import { hearthWithHistory, openSite, recommendOnPage } from './recommend-support/page-helpers';

const HISTORY = [3, 8].map(itemId);
let site: Site;

test.beforeAll(async () => {
  site = await createSite();
  await site.writeModel(1, 'v1');
});
test.afterAll(async () => { await site?.close(); });

test('bad options get a clear error, and every request settles', async ({ page }) => {
  await openSite(page, site.url);
  await hearthWithHistory(page, { modelUrl: 'model/manifest.json', backend: 'cpu' }, HISTORY);
  const cases: [unknown, RegExp][] = [
    [{ k: 0 }, /k must be an integer in 1\.\.200/],
    [{ k: -1 }, /k must be an integer/],
    [{ k: 1_000_000 }, /k must be an integer/],
    [{ k: 3, filter: { colour: 'red' } }, /unknown filter 'colour'/],
    [{ k: 3, diversity: 7 }, /diversity must be/],
    ['ten', /options must be an object/],
  ];
  for (const [options, message] of cases) {
    const res = await recommendOnPage(page, options);
    expect(res.error, JSON.stringify(options)).toMatchObject({ code: 'invalid_argument', message: expect.stringMatching(message) });
  }
  // The worker is still healthy afterwards.
  expect((await recommendOnPage(page, { k: 3 })).items).toHaveLength(3);
});

test('before consent: rejects with no_consent and fetches nothing', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await openSite(page, site.url);
  await hearthWithHistory(page, { modelUrl: 'model/manifest.json' }, HISTORY, { requireConsent: true });
  expect((await recommendOnPage(page, { k: 3 })).error).toMatchObject({ code: 'no_consent' });
  expect(requests.filter((p) => /worker|model|wasm/.test(p))).toEqual([]);
});

test('no model reachable: clear error without a catalog, popularity fallback with one', async ({ page }) => {
  await openSite(page, site.url);
  await hearthWithHistory(page, { modelUrl: 'missing/manifest.json', backend: 'cpu' }, HISTORY);
  expect((await recommendOnPage(page, { k: 3 })).error).toMatchObject({ code: 'no_model', message: expect.stringMatching(/404/) });
  await page.evaluate(() => (window as any).h.close());
  const catalog = [{ id: 'a', popularity: 5 }, { id: 'b', popularity: 50 }, { id: 'c', popularity: 1, inStock: false }];
  await hearthWithHistory(page, { modelUrl: 'missing/manifest.json', backend: 'cpu', catalog }, HISTORY);
  const res = await recommendOnPage(page, { k: 2 });
  expect(res).toMatchObject({ source: 'popularity', modelVersion: null, items: [{ itemId: 'b' }, { itemId: 'a' }], warning: expect.stringMatching(/no model available/) });
});

test('a worker that cannot load, or never answers, still settles every request', async ({ page }) => {
  await openSite(page, site.url);
  await hearthWithHistory(page, { workerUrl: 'nope/hearth-worker.js', timeoutMs: 1000 }, HISTORY);
  expect((await recommendOnPage(page, { k: 3 })).error).toMatchObject({ code: expect.stringMatching(/worker_unavailable|timeout/) });
  // A worker script that never answers: the request times out.
  writeFileSync(join(site.dir, 'silent-worker.js'), 'onmessage = () => {};');
  await page.evaluate(() => (window as any).h.close());
  await hearthWithHistory(page, { workerUrl: 'silent-worker.js', timeoutMs: 500 }, HISTORY);
  const t0 = Date.now();
  expect((await recommendOnPage(page, { k: 3 })).error).toMatchObject({ code: 'timeout', message: expect.stringMatching(/no answer from the worker within 1500 ms/) });
  expect(Date.now() - t0).toBeLessThan(10_000);
});
