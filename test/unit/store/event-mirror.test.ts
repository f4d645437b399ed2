import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../../src/events/schema';
import { createEventMirror } from '../../../src/store/event-mirror';

const view = (n: number, ts: number) => ({ id: `e${n}`, ts, type: 'product_view', item: { id: `sku-${n}`, name: 'long name', price: 3 }, itemIds: [`sku-${n}`] }) as unknown as StoredEvent;

/** A store like hearth.events(): oldest first, since inclusive, counting reads and rows. */
function fakeStore(events: StoredEvent[]) {
  const reads: number[] = [];
  const list = async ({ since, limit }: { since?: number; limit?: number }) => {
    const rows = events.filter((e) => since === undefined || e.ts >= since).sort((a, b) => a.ts - b.ts).slice(0, limit);
    reads.push(rows.length);
    return rows;
  };
  return { events, reads, list };
}

describe('createEventMirror', () => {
  it('reads the store once in pages, then only what is new; sends slim copies', async () => {
    const s = fakeStore(Array.from({ length: 450 }, (_, i) => view(i, 1000 + i * 10)));
    const mirror = createEventMirror(s.list, () => 0, 5000);
    const first = await mirror();
    expect(first).toHaveLength(450);
    expect(s.reads.every((n) => n <= 200)).toBe(true);
    expect(first[0]).toEqual({ id: 'e0', ts: 1000, type: 'product_view', item: { id: 'sku-0' } });
    s.events.push(view(450, 1000 + 450 * 10));
    s.reads.length = 0;
    const second = await mirror();
    expect(second.map((e) => e.id)).toContain('e450');
    expect(new Set(second.map((e) => e.id)).size).toBe(451);
    // Only the overlap window behind the newest event is read again, not the whole store.
    expect(s.reads.reduce((a, n) => a + n, 0)).toBeLessThan(150);
  });
  it('starts over when the epoch changes (erased events never come back) and caps at max', async () => {
    const s = fakeStore(Array.from({ length: 30 }, (_, i) => view(i, 1000 + i)));
    let epoch = 0;
    const mirror = createEventMirror(s.list, () => epoch, 10);
    expect((await mirror()).map((e) => e.id)).toEqual(Array.from({ length: 10 }, (_, i) => `e${20 + i}`));
    s.events.length = 0;
    epoch++;
    expect(await mirror()).toEqual([]);
  });
  it('stops on a full page of events that all share one time instead of looping', async () => {
    const s = fakeStore(Array.from({ length: 250 }, (_, i) => view(i, 5000)));
    const mirror = createEventMirror(s.list, () => 0, 5000);
    const got = await mirror();
    expect(got.length).toBeGreaterThanOrEqual(200);
    expect(s.reads.length).toBeLessThanOrEqual(2);
  });
});
