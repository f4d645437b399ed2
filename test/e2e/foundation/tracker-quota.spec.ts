import { expect, openEsmPage, rawEvents, test } from './support';

test('quota exceeded: the oldest events are evicted and new ones are still stored', async ({ page, server, pageErrors }) => {
  await openEsmPage(page, server.url);
  // A real, small quota for this origin (Chromium DevTools protocol), so IndexedDB really fills up.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: server.url, quotaSize: 400 * 1024 });
  const r = await page.evaluate(async () => {
    const { createHearth } = (window as any).HearthESM as typeof import('../../../src/index');
    const errors: string[] = [];
    const h = createHearth({ autocapture: false, batchSize: 5, maxEventsPerSecond: 1e6, onError: (e) => errors.push(`${e.code}: ${e.message}`) });
    // Random text, so the database's compression cannot shrink it below the quota.
    const noise = () => Array.from(crypto.getRandomValues(new Uint8Array(240)), (b) => b.toString(16).padStart(2, '0')).join('');
    const outcomes: string[] = [];
    // ~7.5 KB per event, 200 events: about 4× the quota.
    const track = (i: number) => h.track({ type: 'custom', name: 'big', props: { ...Object.fromEntries(Array.from({ length: 15 }, (_, k) => [`p${k}`, noise()])), i } });
    // Five at a time: each group fills one batch (one transaction).
    for (let i = 0; i < 200; i += 5) outcomes.push(...(await Promise.all([0, 1, 2, 3, 4].map((k) => track(i + k)))));
    return { outcomes, errors };
  });
  const counts = r.outcomes.reduce<Record<string, number>>((a, o) => ({ ...a, [o]: (a[o] ?? 0) + 1 }), {});
  expect(counts).toEqual({ stored: 200 });
  const stored = await rawEvents(page);
  // Evicted: far fewer than tracked remain, and they are the newest ones.
  expect(stored.length).toBeLessThan(200);
  const kept = stored.map((e) => (e.props as { i: number }).i).sort((a, b) => a - b);
  expect(kept.at(-1)).toBe(199);
  expect(kept[0]).toBeGreaterThan(0);
  expect(pageErrors).toEqual([]);
});
