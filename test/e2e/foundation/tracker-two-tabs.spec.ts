import { openEsmPage, expect, rawEvents, test } from './support';

test('two tabs writing at once lose and duplicate nothing', async ({ context, server }) => {
  const tabs = await Promise.all([context.newPage(), context.newPage()]);
  await Promise.all(tabs.map((p) => openEsmPage(p, server.url)));
  const N = 150;
  // Both tabs fire N distinct events as fast as they can, at the same time, in small batches.
  const outcomes = await Promise.all(tabs.map((p, tab) => p.evaluate(async ({ tab, N }) => {
    const { createHearth } = (window as any).HearthESM as typeof import('../../../src/index');
    const h = createHearth({ autocapture: false, batchSize: 7, batchDelayMs: 1, maxEventsPerSecond: 1e6 });
    const r = await Promise.all(Array.from({ length: N }, (_, i) => h.track({ type: 'custom', name: 'load', props: { tab, i } })));
    return r;
  }, { tab, N })));
  expect(outcomes.flat().every((o) => o === 'stored')).toBe(true);
  const events = await rawEvents(tabs[0]!);
  expect(events).toHaveLength(2 * N);
  expect(new Set(events.map((e) => e.id)).size).toBe(2 * N);
  const keys = new Set(events.map((e) => `${(e.props as { tab: number }).tab}:${(e.props as { i: number }).i}`));
  expect(keys.size).toBe(2 * N);
});
