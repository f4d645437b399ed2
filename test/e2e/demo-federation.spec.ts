import { expect, test } from '@playwright/test';
import { startDemo, type RunningDemo } from './demo-support/start-demo';
import { storedEvents, watchErrors } from './demo-support/browser-watch';
import { grantConsent } from './demo-support/consent';

// What leaves the device: one clipped update, sent on request, counted by the server.
let demo: RunningDemo;
// The first start may train the demo model (minutes on a busy two-core machine).
test.beforeAll(async () => { test.setTimeout(300_000); demo = await startDemo(); });
test.afterAll(async () => { await demo?.stop(); });

test('"Send a model update now" uploads one clipped update and the panel shows what left', async ({ page, request }) => {
  test.setTimeout(240_000);
  const errors = watchErrors(page);
  const accepted = async () => ((await (await request.get(demo.url + '/v1/status')).json()) as { acceptedTotal: number }).acceptedTotal;
  const before = await accepted();
  const posts: number[] = [];
  page.on('request', (r) => { if (r.method() === 'POST') posts.push(r.postDataBuffer()?.byteLength ?? 0); });
  await grantConsent(page, demo.url);
  for (const [n, id] of ['101', '111', '121', '131'].entries()) {
    await page.goto(`${demo.url}/product/${id}`);
    await expect.poll(async () => (await storedEvents(page)).filter((e) => e.type === 'product_view').length, { timeout: 15_000 }).toBe(n + 1);
  }
  await page.getByRole('button', { name: 'Your data' }).click();
  const panel = page.locator('#privacy-panel');
  await panel.getByRole('button', { name: 'Send a model update now' }).click();
  await expect(panel.locator('dt', { hasText: 'Bytes' })).toBeVisible({ timeout: 180_000 });
  const shown = Number(await panel.locator('dt:has-text("Bytes") + dd').innerText());
  const clip = Number(await panel.locator('dt:has-text("Clipped to norm") + dd').innerText());
  expect(shown).toBeGreaterThan(100);
  expect(clip).toBeGreaterThan(0);
  expect(clip).toBeLessThanOrEqual(1);
  // Exactly one POST left the page, and it is the update the panel describes.
  expect(posts).toEqual([shown]);
  expect(await accepted()).toBe(before + 1);
  expect(errors).toEqual([]);
});
