import { expect, test } from '@playwright/test';
import { checkTopK, createSite, itemId, nodeScores, type Site } from './recommend-support/site';
import { hearthWithHistory, openSite, recommendOnPage } from './recommend-support/page-helpers';

const HISTORY = [17, 42, 42, 230, 5, 99].map(itemId);
let site: Site;

test.beforeAll(async () => {
  site = await createSite();
  await site.writeModel(7, 'v1');
});
test.afterAll(async () => { await site?.close(); });

for (const backend of ['webgl', 'wasm', 'cpu'] as const) {
  test(`forced ${backend}: same top-K as Node for the same history`, async ({ page }) => {
    await openSite(page, site.url);
    await hearthWithHistory(page, { modelUrl: 'model/manifest.json', backend, timeoutMs: 60_000 }, HISTORY);
    const res = await recommendOnPage(page, { k: 10 });
    expect(res.error).toBeUndefined();
    const status = await page.evaluate(() => (window as any).h.recommender.status());
    expect(status.backend, `failures: ${JSON.stringify(status.failures)}`).toBe(backend);
    expect(res).toMatchObject({ source: 'model', backend, modelVersion: 'v1' });
    expect(checkTopK(res.items, await nodeScores(site.dir, HISTORY), 10)).toEqual([]);
    // Reasons name past items only.
    for (const r of res.items) for (const why of r.reasons) expect(HISTORY).toContain(why.itemId);
  });
}

test('WebGL context loss: falls back to the next backend and still answers', async ({ page }) => {
  await openSite(page, site.url);
  await hearthWithHistory(page, { modelUrl: 'model/manifest.json', backend: 'webgl', timeoutMs: 60_000 }, HISTORY);
  expect((await recommendOnPage(page, { k: 5 })).backend).toBe('webgl');
  expect(await page.evaluate(() => (window as any).h.recommender.simulateContextLoss())).toEqual({ lost: true });
  const res = await recommendOnPage(page, { k: 5 });
  expect(res.error).toBeUndefined();
  expect(res.backend).toBe('wasm');
  expect(checkTopK(res.items, await nodeScores(site.dir, HISTORY), 5)).toEqual([]);
  const status = await page.evaluate(() => (window as any).h.recommender.status());
  expect(status.failures.map((f: { backend: string }) => f.backend)).toContain('webgl');
});

test('tf.memory().numTensors is stable across 1,000 recommend() calls', async ({ page }) => {
  test.setTimeout(300_000);
  await openSite(page, site.url);
  await hearthWithHistory(page, { modelUrl: 'model/manifest.json', timeoutMs: 60_000 }, HISTORY);
  const out = await page.evaluate(async () => {
    const h = (window as any).h;
    await h.recommend({ k: 10 });
    const before = (await h.recommender.status()).numTensors;
    for (let i = 0; i < 1000; i++) await h.recommend({ k: 10, diversity: i % 2 ? 0.3 : 0 });
    const after = await h.recommender.status();
    return { before, after: after.numTensors, backend: after.backend };
  });
  expect(out.after).toBe(out.before);
});

test('inference never blocks the main thread (no long task while recommending)', async ({ page }) => {
  await openSite(page, site.url);
  await hearthWithHistory(page, { modelUrl: 'model/manifest.json', timeoutMs: 60_000 }, HISTORY);
  const longTasks = await page.evaluate(async () => {
    const h = (window as any).h;
    await h.recommender.warmUp();
    await h.recommend({ k: 10 });
    const seen: number[] = [];
    const obs = new PerformanceObserver((list) => { for (const e of list.getEntries()) seen.push(e.duration); });
    obs.observe({ type: 'longtask' });
    for (let i = 0; i < 50; i++) await h.recommend({ k: 20 });
    await new Promise((r) => setTimeout(r, 100));
    obs.disconnect();
    return seen;
  });
  expect(longTasks).toEqual([]);
});
