import { openEsmPage, expect, hearthReady, test } from './support';

test('pre-load stub: calls made before the script arrives are replayed in order', async ({ page, server, pageErrors }) => {
  // Hold the bundle back so the page's calls certainly happen first.
  let release!: () => void;
  const held = new Promise<void>((ok) => { release = ok; });
  await page.route('**/dist/hearth.iife.js', async (route) => { await held; await route.continue(); });
  await openEsmPage(page, server.url);
  await page.evaluate(() => {
    (window as any).Hearth = (window as any).Hearth || [];
    ['track', 'consent', 'forget'].forEach((m) => { (window as any).Hearth[m] = (window as any).Hearth[m] || function (...a: unknown[]) { (window as any).Hearth.push([m, ...a]); }; });
    const H = (window as any).Hearth;
    for (let i = 0; i < 5; i++) H.track({ type: 'search', query: `q${i}` });
    H.track({ type: 'nope' });
    const s = document.createElement('script');
    s.async = true;
    s.src = '/dist/hearth.iife.js';
    s.dataset.hearth = '';
    s.dataset.autocapture = 'false';
    document.head.append(s);
  });
  expect(await page.evaluate(() => Array.isArray((window as any).Hearth) && (window as any).Hearth.length)).toBe(6);
  release();
  await hearthReady(page);
  await expect.poll(async () => page.evaluate(async () => (await (window as any).Hearth.events()).map((e: { query: string }) => e.query))).toEqual(['q0', 'q1', 'q2', 'q3', 'q4']);
  expect(await page.evaluate(() => (window as any).Hearth.stats())).toMatchObject({ invalid: 1, stored: 5 });
  expect(pageErrors).toEqual([]);
});
