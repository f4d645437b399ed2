import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../../src/events/schema';
import { createEventMirror } from '../../../src/store/event-mirror';

const view = (n: number, ts: number) => ({ id: `e${n}`, ts, type: 'product_view', item: { id: `sku-${n}`, name: 'long name', price: 3 } }) as unknown as StoredEvent;

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

let dbs = 0;
/**
 * Signals as createHearth's internals give them: `commit` plays this page's batch writer (the
 * subscriber hears each event before flush resolves); `otherTab` announces an id on the real
 * BroadcastChannel named like the database, as setInternals does in every instance.
 */
function fakeSignals(store: ReturnType<typeof fakeStore>) {
  const dbName = `mirror-test-${++dbs}`;
  const listeners: ((e: StoredEvent) => void)[] = [];
  const queued: StoredEvent[] = [];
  let flushes = 0;
  return {
    signals: {
      options: { dbName },
      subscribe: (l: (e: StoredEvent) => void) => { listeners.push(l); },
      flush: async () => { flushes++; for (const e of queued.splice(0)) { store.events.push(e); listeners.forEach((l) => l(e)); } },
    },
    queue: (e: StoredEvent) => { queued.push(e); },
    otherTab: async (message: unknown) => {
      const c = new BroadcastChannel(dbName);
      c.postMessage(message);
      c.close();
      // Delivery is a task in the receiving context: let it run.
      await new Promise((ok) => setTimeout(ok, 20));
    },
    flushes: () => flushes,
  };
}

describe('createEventMirror with write signals', () => {
  it('reads only after a write it has not seen, and flushes this page first on every call', async () => {
    const s = fakeStore([view(0, 1000), view(1, 1010)]);
    const w = fakeSignals(s);
    const mirror = createEventMirror(s.list, () => 0, 5000, w.signals);
    expect((await mirror()).map((e) => e.id)).toEqual(['e0', 'e1']);
    const reads = s.reads.length;
    await mirror();
    await mirror();
    expect(s.reads.length).toBe(reads);
    expect(w.flushes()).toBe(3);
    // An id it already holds (its own commit echoed by the channel) is no reason to read.
    await w.otherTab('e1');
    await mirror();
    expect(s.reads.length).toBe(reads);
    // Another tab's commit: read once.
    s.events.push(view(2, 1020));
    await w.otherTab('e2');
    expect((await mirror()).map((e) => e.id)).toEqual(['e0', 'e1', 'e2']);
    expect(s.reads.length).toBe(reads + 1);
    // Anything but a known id reads too.
    await w.otherTab(null);
    await mirror();
    expect(s.reads.length).toBe(reads + 2);
  });
  it("this page's queued write is in the very next call: committed by its flush, heard by subscribe", async () => {
    const s = fakeStore([view(0, 1000)]);
    const w = fakeSignals(s);
    const mirror = createEventMirror(s.list, () => 0, 5000, w.signals);
    expect((await mirror()).map((e) => e.id)).toEqual(['e0']);
    w.queue(view(1, 1005));
    expect((await mirror()).map((e) => e.id)).toEqual(['e0', 'e1']);
  });
  it('a write announced while it reads makes the next call read again', async () => {
    const s = fakeStore([view(0, 1000)]);
    const w = fakeSignals(s);
    let once = true;
    const list = async (q: { since?: number; limit?: number }) => {
      const rows = await s.list(q);
      if (once) { once = false; s.events.push(view(1, 1001)); await w.otherTab('e1'); }
      return rows;
    };
    const mirror = createEventMirror(list, () => 0, 5000, w.signals);
    expect((await mirror()).map((e) => e.id)).toEqual(['e0']);
    expect((await mirror()).map((e) => e.id)).toEqual(['e0', 'e1']);
  });
  it('a failed read is retried by the next call, not only after the next write', async () => {
    const s = fakeStore([view(0, 1000)]);
    const w = fakeSignals(s);
    let failing = false;
    const mirror = createEventMirror(async (q) => { if (failing) throw new Error('read failed'); return s.list(q); }, () => 0, 5000, w.signals);
    expect((await mirror()).map((e) => e.id)).toEqual(['e0']);
    s.events.push(view(1, 1010));
    await w.otherTab('e1');
    failing = true;
    // The failed read: this call goes on with what the mirror holds ...
    expect((await mirror()).map((e) => e.id)).toEqual(['e0']);
    failing = false;
    // ... and the next one reads again, with no new write announced.
    expect((await mirror()).map((e) => e.id)).toEqual(['e0', 'e1']);
  });
  it('starts over when the epoch changes even with no write announced (forget())', async () => {
    const s = fakeStore([view(0, 1000), view(1, 1010)]);
    const w = fakeSignals(s);
    let epoch = 0;
    const mirror = createEventMirror(s.list, () => epoch, 5000, w.signals);
    expect(await mirror()).toHaveLength(2);
    s.events.length = 0;
    epoch++;
    expect(await mirror()).toEqual([]);
    w.queue(view(5, 2000));
    expect((await mirror()).map((e) => e.id)).toEqual(['e5']);
  });
});
