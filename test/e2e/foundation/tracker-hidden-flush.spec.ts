import { expect, openEsmPage, rawEvents, test } from './support';

// Hiding the page (visibilitychange to hidden, which bubbles from the document to window) writes
// the queued batch at once, not when its delay is up: a hidden page may never run again.
test('a hidden page writes its queued events at once', async ({ page, server, pageErrors }) => {
  await openEsmPage(page, server.url);
  const outcome = await page.evaluate(async () => {
    const { createHearth } = (window as any).HearthESM as typeof import('../../../src/index');
    // A batch would otherwise wait ten minutes.
    const h = createHearth({ autocapture: false, batchDelayMs: 600_000, batchSize: 100 });
    const tracked = h.track({ type: 'search', query: 'hidden' });
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
    return Promise.race([tracked, new Promise((ok) => setTimeout(() => ok('still queued'), 5000))]);
  });
  expect(outcome).toBe('stored');
  expect((await rawEvents(page)).map((e) => e.query)).toEqual(['hidden']);
  expect(pageErrors).toEqual([]);
});
