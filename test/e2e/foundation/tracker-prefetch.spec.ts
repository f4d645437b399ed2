import { expect, openEsmPage, test } from './support';

// recommend.prefetch: the worker is fetched when the page is idle, not on the first recommend();
// before consent nothing is fetched at all.
for (const requireConsent of [false, true]) {
  test(`prefetch ${requireConsent ? 'before consent fetches nothing' : 'fetches the worker when the page is idle'}`, async ({ page, server, pageErrors }) => {
    await openEsmPage(page, server.url);
    const fetched: string[] = [];
    page.on('request', (r) => { if (/hearth-(worker|lazy)/.test(r.url())) fetched.push(new URL(r.url()).pathname); });
    await page.evaluate((gated) => {
      const { createHearth } = (window as any).HearthESM as typeof import('../../../src/index');
      (window as any).h = createHearth({ autocapture: false, requireConsent: gated, recommend: { prefetch: true, workerUrl: '/dist/hearth-worker.js' } });
    }, requireConsent);
    if (requireConsent) {
      // Idle callbacks have run (twice over) and nothing was requested.
      await page.evaluate(() => new Promise((ok) => requestIdleCallback(() => requestIdleCallback(ok))));
      await page.waitForTimeout(500);
      expect(fetched).toEqual([]);
    } else {
      await expect.poll(() => fetched.includes('/dist/hearth-worker.js'), { timeout: 10_000 }).toBe(true);
    }
    expect(pageErrors).toEqual([]);
  });
}
