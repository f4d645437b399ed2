import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { createHearth } from '../../../src/hearth';
import type { HearthError } from '../../../src/events/hearth-error';
import { getInternals } from '../../../src/hearth-internals';

const names = async () => (await indexedDB.databases()).map((d) => d.name);
const item = { id: 'sku-1', category: 'Hats', price: 20 };

beforeEach(() => { globalThis.indexedDB = new IDBFactory(); });

describe('createHearth (fake-indexeddb)', () => {
  it('stores events in IndexedDB and reads them back with since/limit', async () => {
    const h = createHearth({ batchDelayMs: 5 });
    expect(await h.track({ type: 'product_view', item })).toBe('stored');
    expect(await h.track({ type: 'search', query: 'hats' })).toBe('stored');
    const all = await h.events();
    expect(all.map((e) => e.type)).toEqual(['product_view', 'search']);
    expect(all[0]).toMatchObject({ item });
    expect(await h.events({ limit: 1 })).toHaveLength(1);
    expect(await names()).toEqual(['hearth']);
    await h.close();
    // A second instance (a reload) sees the same events.
    const again = createHearth();
    expect(await again.events()).toHaveLength(2);
    expect((await again.features()).sequence).toEqual(['sku-1']);
    await again.close();
  });

  it('reports bad input through onError, writes nothing and never throws', async () => {
    const errors: HearthError[] = [];
    const h = createHearth({ onError: (e) => errors.push(e) });
    const cyclic: Record<string, unknown> = { type: 'custom', name: 'x' };
    cyclic.props = cyclic;
    for (const bad of [undefined, 42, { type: 'click' }, { type: 'search', query: 'x'.repeat(600) }, cyclic, { type: 'rate', item, rating: Infinity }]) {
      expect(await h.track(bad)).toBe('invalid');
    }
    expect(errors).toHaveLength(6);
    expect(errors.every((e) => e.code === 'invalid_event' && e.message.startsWith('track(): '))).toBe(true);
    expect(h.stats()).toMatchObject({ tracked: 6, invalid: 6, stored: 0 });
    expect(await names()).toEqual([]);
    expect(await h.events({ limit: -1 })).toEqual([]);
    expect(errors.at(-1)?.message).toMatch(/limit must be a positive integer/);
    await h.close();
  });

  it('throws synchronously in debug mode', () => {
    const h = createHearth({ debug: true });
    expect(() => h.track({ type: 'click', item: { id: 5n } })).toThrow(/item\.id: expected a string, got bigint/);
    void h.close();
  });

  it('rejects bad options with a clear message', () => {
    expect(() => createHearth({ dbName: 'shop' })).toThrow(/dbName must start with "hearth"/);
    expect(() => createHearth({ maxEvents: -1 })).toThrow(/maxEvents must be a number/);
    expect(() => createHearth({ onError: 'x' as never })).toThrow(/onError must be a function/);
  });

  it('drops duplicates inside the window and throttles bot bursts', async () => {
    const h = createHearth({ maxEventsPerSecond: 2, batchDelayMs: 5 });
    expect(await h.track({ type: 'search', query: 'a' })).toBe('stored');
    expect(await h.track({ type: 'search', query: 'a' })).toBe('duplicate');
    const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => h.track({ type: 'search', query: `q${i}` })));
    expect(outcomes.filter((o) => o === 'throttled').length).toBeGreaterThan(0);
    expect(await h.events()).toHaveLength(1 + outcomes.filter((o) => o === 'stored').length);
    // A grid of tiles scrolling into view is a burst of impressions, not a bot.
    const impressions = await Promise.all(Array.from({ length: 40 }, (_, i) => h.track({ type: 'custom', name: 'impression', item: { id: `t${i}` } })));
    expect(impressions.every((o) => o === 'stored')).toBe(true);
    await h.close();
  });

  it('with requireConsent writes nothing before consent(true), remembers it, and consent(false) erases all', async () => {
    const h = createHearth({ requireConsent: true, batchDelayMs: 5 });
    expect(await h.track({ type: 'page_view' })).toBe('no-consent');
    expect(await h.events()).toEqual([]);
    expect(await h.features()).toMatchObject({ sequence: [] });
    expect(await names()).toEqual([]);
    await h.consent(true);
    expect(await h.track({ type: 'product_view', item })).toBe('stored');
    await h.close();
    const reloaded = createHearth({ requireConsent: true });
    expect(await reloaded.track({ type: 'search', query: 'x' })).toBe('stored');
    await reloaded.consent(false);
    expect(await names()).toEqual([]);
    expect(await reloaded.track({ type: 'search', query: 'y' })).toBe('no-consent');
    expect(await names()).toEqual([]);
    await reloaded.close();
  });

  it('consentGiven() and stats().consentGiven report the current grant, including a remembered one', async () => {
    expect(createHearth({ storage: 'memory' }).consentGiven()).toBe(true);
    const h = createHearth({ requireConsent: true, batchDelayMs: 5 });
    expect(h.consentGiven()).toBe(false);
    expect(h.stats().consentGiven).toBe(false);
    await h.consent(true);
    expect(h.consentGiven()).toBe(true);
    expect(h.stats()).toMatchObject({ consentGiven: true });
    await h.close();
    // A reload reads the remembered grant back (false while it is being read).
    const reloaded = createHearth({ requireConsent: true });
    expect(await reloaded.track({ type: 'page_view' })).toBe('stored');
    expect(reloaded.consentGiven()).toBe(true);
    await reloaded.consent(false);
    expect(reloaded.consentGiven()).toBe(false);
    await reloaded.close();
    const after = createHearth({ requireConsent: true });
    await after.events();
    expect(after.consentGiven()).toBe(false);
    const plain = createHearth({ batchDelayMs: 5 });
    await plain.forget();
    // Without requireConsent, forget() erases but tracking (and consent) continues.
    expect(plain.consentGiven()).toBe(true);
    await plain.close();
    await after.close();
  });

  it('forget() erases every hearth* database, including outbox and models, and queued events', async () => {
    const h = createHearth({ batchDelayMs: 50 });
    expect(await h.track({ type: 'page_view' })).toBe('stored');
    const db = await getInternals(h).getDb();
    db.transaction('outbox', 'readwrite').objectStore('outbox').put({ id: 'u', createdAt: 1, body: 'x' });
    await new Promise<void>((ok) => { const r = indexedDB.open('hearth-extra'); r.onsuccess = () => { r.result.close(); ok(); }; });
    const queued = h.track({ type: 'search', query: 'late' });
    await h.forget();
    expect(await queued).toBe('dropped');
    expect(await names()).toEqual([]);
    expect(await h.events()).toEqual([]);
    await h.close();
  }, 20_000);

  it('falls back to memory when IndexedDB is missing, reporting it once', async () => {
    (globalThis as { indexedDB?: unknown }).indexedDB = undefined;
    const errors: HearthError[] = [];
    const h = createHearth({ onError: (e) => errors.push(e), batchDelayMs: 5 });
    expect(await h.track({ type: 'product_view', item })).toBe('memory');
    expect(await h.track({ type: 'search', query: 'q' })).toBe('memory');
    expect((await h.events()).map((e) => e.type)).toEqual(['product_view', 'search']);
    expect(errors.map((e) => e.code)).toEqual(['storage']);
    await h.close();
  });

  it('gives later parts the live database and a feed of stored events', async () => {
    const h = createHearth({ batchDelayMs: 5 });
    const seen: string[] = [];
    getInternals(h).subscribe((e) => seen.push(e.type));
    await h.track({ type: 'page_view' });
    expect(seen).toEqual(['page_view']);
    expect([...(await getInternals(h).getDb()).objectStoreNames].sort()).toEqual(['events', 'meta', 'models', 'outbox']);
    await h.close();
  });
});
