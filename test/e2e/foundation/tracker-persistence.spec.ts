import { PAGES, openEsmPage, dbNames, expect, hearthReady, rawEvents, test } from './support';

test('ESM: tracked events land in real IndexedDB and survive a reload', async ({ page, server, pageErrors }) => {
  await openEsmPage(page, server.url);
  const outcomes = await page.evaluate(async () => {
    const { createHearth } = (window as any).HearthESM as typeof import('../../../src/index');
    const h = createHearth({ autocapture: false });
    const r = await Promise.all([
      h.track({ type: 'product_view', item: { id: 'sku-1', category: 'Hats', price: 20, currency: 'eur' } }),
      h.track({ type: 'add_to_cart', item: { id: 'sku-1' } }),
      h.track({ type: 'purchase', items: [{ id: 'sku-1', price: 20 }], value: 20, currency: 'EUR' }),
    ]);
    return r;
  });
  expect(outcomes).toEqual(['stored', 'stored', 'stored']);
  // track() resolved: the events are already committed, readable with the raw API.
  expect((await rawEvents(page)).map((e) => e.type).sort()).toEqual(['add_to_cart', 'product_view', 'purchase']);

  await page.reload();
  const after = await page.evaluate(async () => {
    const { createHearth } = (window as any).HearthESM as typeof import('../../../src/index');
    const h = createHearth({ autocapture: false });
    return { events: await h.events(), features: await h.features() };
  });
  expect(after.events.map((e) => e.type)).toEqual(['product_view', 'add_to_cart', 'purchase']);
  expect(after.events[0]).toMatchObject({ item: { id: 'sku-1', currency: 'EUR' } });
  expect(after.features.sequence).toEqual(['sku-1']);
  expect(after.features.counts.purchase).toBe(1);
  expect(await dbNames(page)).toEqual(['hearth']);
  expect(pageErrors).toEqual([]);
});

test('script tag: autocaptured and stub-queued events survive a reload', async ({ page, server, pageErrors }) => {
  await page.goto(`${server.url}${PAGES}/product-jsonld.html`);
  await hearthReady(page);
  await expect.poll(async () => (await rawEvents(page)).length).toBe(3);
  await page.reload();
  await hearthReady(page);
  // A dwell event for the first page's product is also stored when that page stayed open long
  // enough (a slow machine): it is not what this test counts.
  const notDwell = async () => (await rawEvents(page)).filter((e) => e.name !== 'dwell').length;
  await expect.poll(notDwell).toBe(6);
  const types = await page.evaluate(async () => (await (window as any).Hearth.events()).map((e: { type: string }) => e.type));
  expect(types.filter((t: string) => t === 'product_view')).toHaveLength(2);
  expect(pageErrors).toEqual([]);
});
