import { openEsmPage, expect, test } from './support';

test('bad track() input is refused and reported, nothing is written, the page sees no exception', async ({ page, server, pageErrors }) => {
  await openEsmPage(page, server.url);
  const r = await page.evaluate(async () => {
    const { createHearth } = (window as any).HearthESM as typeof import('../../../src/index');
    const errors: string[] = [];
    const h = createHearth({ autocapture: false, onError: (e: Error) => errors.push(e.message) });
    const cyclic: any = { type: 'custom', name: 'c' };
    cyclic.props = { self: cyclic };
    const inputs = [null, 'click', { type: 'click' }, { type: 'click', item: { name: 'no id' } }, { type: 'search', query: 'x'.repeat(10_000) },
      cyclic, { type: 'rate', item: { id: 'a' }, rating: NaN }, { type: 'purchase', items: [{ id: 'a' }], value: Infinity, currency: 'EUR' },
      { type: 'product_view', item: { id: 'a', price: 'cheap' } }, document.body];
    const outcomes = [];
    for (const i of inputs) outcomes.push(await h.track(i));
    const bad = await Promise.all([h.events({ since: 'yesterday' } as any), h.consent('yes' as any)]);
    return { outcomes, errors, stats: h.stats(), dbs: (await indexedDB.databases()).length, bad };
  });
  expect(r.outcomes.every((o: string) => o === 'invalid')).toBe(true);
  expect(r.errors).toHaveLength(12);
  expect(r.errors).toContain('track(): item.id: expected a string, got undefined');
  expect(r.errors).toContain('track(): props.self: expected a string, number or boolean, got object');
  expect(r.errors.some((e: string) => /since must be a finite number/.test(e))).toBe(true);
  expect(r.stats).toMatchObject({ invalid: 10, stored: 0 });
  expect(r.dbs).toBe(0);
  expect(pageErrors).toEqual([]);
});

test('debug mode (data-debug) throws bad input synchronously for the developer', async ({ page, server }) => {
  await openEsmPage(page, server.url);
  const message = await page.evaluate(async () => {
    const { createHearth } = (window as any).HearthESM as typeof import('../../../src/index');
    const h = createHearth({ autocapture: false, debug: true });
    try { h.track({ type: 'search', query: 42n }); return 'no throw'; } catch (e) { return `${(e as Error).name}: ${(e as Error).message}`; }
  });
  expect(message).toBe('HearthError: track(): query: expected a string, got bigint');
});

test('script tag with invalid data-* config warns instead of throwing', async ({ page, server, pageErrors }) => {
  const warnings: string[] = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await openEsmPage(page, server.url);
  await page.evaluate(() => new Promise<void>((ok) => {
    const s = document.createElement('script');
    s.src = '/dist/hearth.iife.js';
    s.dataset.hearth = '';
    s.dataset.dbName = 'not-hearth';
    s.onload = () => ok();
    document.head.append(s);
  }));
  expect(warnings.join('\n')).toMatch(/\[hearth\] not started: data-db-name must match \/\^hearth/);
  expect(pageErrors).toEqual([]);
  expect(await page.evaluate(() => typeof (window as any).Hearth)).toBe('undefined');
});

test('script tag with a bad data-* recommend config still tracks; recommendations reject naming the field', async ({ page, server, pageErrors }) => {
  await openEsmPage(page, server.url);
  await page.evaluate(() => new Promise<void>((ok) => {
    const s = document.createElement('script');
    s.src = '/dist/hearth.iife.js';
    s.dataset.hearth = '';
    s.dataset.autocapture = 'false';
    s.dataset.timeoutMs = 'soon';
    s.onload = () => ok();
    document.head.append(s);
  }));
  const r = await page.evaluate(async () => {
    const H = (window as any).Hearth;
    const tracked = await H.track({ type: 'search', query: 'shoes' });
    const rec = await H.recommend({ k: 3 }).then(() => 'resolved', (e: { name: string; code: string; message: string }) => `${e.name} ${e.code}: ${e.message}`);
    return { tracked, rec, errors: H.stats().errors };
  });
  expect(r.tracked).toBe('stored');
  expect(r.rec).toMatch(/^RecommendError invalid_argument: .*timeoutMs must be ms in \[100, 600000\]/);
  expect(r.errors).toBe(1);
  expect(pageErrors).toEqual([]);
});
