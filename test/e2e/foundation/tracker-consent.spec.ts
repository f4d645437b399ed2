import { PAGES, dbNames, expect, hearthReady, idbUsage, rawEvents, test } from './support';

test('requireConsent: nothing is written before consent(true); forget() and consent(false) leave zero bytes', async ({ page, server, pageErrors }) => {
  await page.goto(`${server.url}${PAGES}/consent.html`);
  await hearthReady(page);
  // The page queued a search before load and autocapture saw a product: all refused.
  expect(await page.evaluate(async () => (window as any).Hearth.track({ type: 'search', query: 'x' }))).toBe('no-consent');
  await page.waitForTimeout(300); // let any (wrong) batch flush
  expect(await dbNames(page)).toEqual([]);
  expect(await idbUsage(page)).toBe(0);

  await page.evaluate(async () => (window as any).Hearth.consent(true));
  expect(await page.evaluate(async () => (window as any).Hearth.track({ type: 'product_view', item: { id: 'C-1' } }))).toBe('stored');
  expect(await dbNames(page)).toEqual(['hearth']);
  expect(await rawEvents(page)).toHaveLength(1);

  // Consent is remembered on the device: after a reload the instance tracks at once.
  await page.reload();
  await hearthReady(page);
  await expect.poll(async () => (await rawEvents(page)).length).toBeGreaterThan(1);
  // Another hearth* database (e.g. a later part's cache) is erased too.
  await page.evaluate(() => new Promise<void>((ok) => { const r = indexedDB.open('hearth-model-cache'); r.onsuccess = () => { r.result.close(); ok(); }; }));
  await expect.poll(() => idbUsage(page)).toBeGreaterThan(0);

  await page.evaluate(async () => (window as any).Hearth.forget());
  expect(await dbNames(page)).toEqual([]);
  await expect.poll(() => idbUsage(page)).toBe(0);
  // The grant was erased with everything else: tracking stays off until asked again.
  expect(await page.evaluate(async () => (window as any).Hearth.track({ type: 'search', query: 'after forget' }))).toBe('no-consent');
  expect(await dbNames(page)).toEqual([]);

  await page.evaluate(async () => { await (window as any).Hearth.consent(true); await (window as any).Hearth.track({ type: 'search', query: 'again' }); });
  expect(await dbNames(page)).toEqual(['hearth']);
  await page.evaluate(async () => (window as any).Hearth.consent(false));
  expect(await dbNames(page)).toEqual([]);
  await expect.poll(() => idbUsage(page)).toBe(0);
  await page.reload();
  await hearthReady(page);
  await page.waitForTimeout(300);
  expect(await dbNames(page)).toEqual([]);
  expect(pageErrors).toEqual([]);
});

test('consent(false) in one tab stops the other tab writing', async ({ context, server }) => {
  const url = `${server.url}${PAGES}/consent.html`;
  const [a, b] = await Promise.all([context.newPage(), context.newPage()]);
  await a.goto(url);
  await hearthReady(a);
  await a.evaluate(async () => (window as any).Hearth.consent(true));
  await b.goto(url);
  await hearthReady(b);
  expect(await b.evaluate(async () => (window as any).Hearth.track({ type: 'search', query: 'b1' }))).toBe('stored');
  await a.evaluate(async () => (window as any).Hearth.consent(false));
  expect(await dbNames(a)).toEqual([]);
  expect(await b.evaluate(async () => (window as any).Hearth.track({ type: 'search', query: 'b2' }))).toBe('no-consent');
  expect(await dbNames(b)).toEqual([]);
});
