import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../../src/events/schema';
import { HEARTH_DB_NAME } from '../../../src/store/db-schema';
import { eraseHearthData } from '../../../src/store/erase-hearth-data';
import { createIdbEventStore } from '../../../src/store/idb-event-store';
import { listEvents } from '../../../src/store/list-events';
import { getMeta, setMeta } from '../../../src/store/meta';
import { getModel, putModel } from '../../../src/store/model-cache';
import { openHearthDb } from '../../../src/store/open-hearth-db';
import { deleteOutbox, listOutbox, putOutbox } from '../../../src/store/outbox';

const policy = { maxEvents: 5000, maxAgeDays: 1e6 };
const ev = (i: number, ts: number): StoredEvent => ({ type: 'product_view', item: { id: `i${i}` }, id: `e${i}`, ts });

beforeEach(() => { globalThis.indexedDB = new IDBFactory(); });

describe('openHearthDb', () => {
  it('creates events (indexed by time only), outbox, models and meta in version 1', async () => {
    const db = await openHearthDb();
    expect(db.name).toBe(HEARTH_DB_NAME);
    expect([...db.objectStoreNames].sort()).toEqual(['events', 'meta', 'models', 'outbox']);
    expect([...db.transaction('events').objectStore('events').indexNames]).toEqual(['by_ts']);
    db.close();
  });
  it('closes itself when another tab upgrades, so the upgrade is never blocked', async () => {
    const closed: boolean[] = [];
    const db = await openHearthDb(HEARTH_DB_NAME, { onClosed: (deleted) => closed.push(deleted) });
    // "Another tab" running a newer Hearth opens version 2.
    const newer = await new Promise<IDBDatabase>((ok, fail) => {
      const r = indexedDB.open(HEARTH_DB_NAME, 2);
      r.onblocked = () => fail(new Error('blocked by the old connection'));
      r.onsuccess = () => ok(r.result);
    });
    expect(newer.version).toBe(2);
    expect(closed).toEqual([false]);
    expect(() => db.transaction('events')).toThrow();
    newer.close();
  });
  it('rejects (never hangs) when another tab holds the database in a state it cannot open', async () => {
    const old = await new Promise<IDBDatabase>((ok) => { const r = indexedDB.open(HEARTH_DB_NAME, 1); r.onupgradeneeded = () => r.result.createObjectStore('x'); r.onsuccess = () => ok(r.result); });
    // An old tab that ignores versionchange, and a schema that needs a higher version.
    const r = indexedDB.open(HEARTH_DB_NAME, 3);
    const blocked = await new Promise<boolean>((ok) => { r.onblocked = () => ok(true); r.onsuccess = () => ok(false); });
    expect(blocked).toBe(true);
    await expect(openHearthDb(HEARTH_DB_NAME, { timeoutMs: 200 })).rejects.toThrow(/timed out|version/i);
    old.close();
  });
  it('closes a connection that opens after the timeout gave up on it', async () => {
    // An old tab that ignores versionchange holds the database; a deletion queued behind it
    // keeps our open waiting past its timeout.
    const old = await new Promise<IDBDatabase>((ok) => { const r = indexedDB.open(HEARTH_DB_NAME, 1); r.onsuccess = () => ok(r.result); });
    const deleted = new Promise<void>((ok) => { indexedDB.deleteDatabase(HEARTH_DB_NAME).onsuccess = () => ok(); });
    const closed: boolean[] = [];
    await expect(openHearthDb(HEARTH_DB_NAME, { timeoutMs: 50, onClosed: (d) => closed.push(d) })).rejects.toThrow(/timed out/);
    old.close();
    await deleted;
    // Our late open now creates the database and must close it at once: a connection left open
    // (and handed to no one) would hear the next deletion as a live one.
    await new Promise<void>((ok) => { indexedDB.deleteDatabase(HEARTH_DB_NAME).onsuccess = () => ok(); });
    expect(closed).toEqual([]);
  });
  it('rejects clearly when IndexedDB is missing', async () => {
    const saved = globalThis.indexedDB;
    (globalThis as { indexedDB?: unknown }).indexedDB = undefined;
    await expect(openHearthDb()).rejects.toThrow(/IndexedDB is not available/);
    globalThis.indexedDB = saved;
  });
});

describe('createIdbEventStore', () => {
  it('appends in one batch and lists oldest first, by since and limit', async () => {
    const db = await openHearthDb();
    const store = createIdbEventStore(async () => db, policy);
    await store.append([ev(2, 2000), ev(1, 1000), ev(3, 3000)].map((e) => ({ ...e, ts: Date.now() - 10_000 + e.ts })));
    const all = await listEvents(db);
    expect(all.map((e) => e.id)).toEqual(['e1', 'e2', 'e3']);
    expect((await listEvents(db, { since: all[1]!.ts })).map((e) => e.id)).toEqual(['e2', 'e3']);
    expect((await listEvents(db, { limit: 1 })).map((e) => e.id)).toEqual(['e1']);
    db.close();
  });
  it('retains at most maxEvents, dropping the oldest', async () => {
    const db = await openHearthDb();
    const store = createIdbEventStore(async () => db, { maxEvents: 5, maxAgeDays: 1e6 });
    const now = Date.now();
    for (let b = 0; b < 4; b++) await store.append([0, 1, 2].map((k) => ev(b * 3 + k, now - 1000 + b * 3 + k)));
    expect((await listEvents(db)).map((e) => e.id)).toEqual(['e7', 'e8', 'e9', 'e10', 'e11']);
    db.close();
  });
  it('drops events older than maxAgeDays', async () => {
    const db = await openHearthDb();
    const store = createIdbEventStore(async () => db, { maxEvents: 100, maxAgeDays: 60_000 / 864e5 });
    const now = Date.now();
    await store.append([ev(1, now - 120_000), ev(2, now - 90_000), ev(3, now - 1000)]);
    expect((await listEvents(db)).map((e) => e.id)).toEqual(['e3']);
    db.close();
  });
  it('on a full disk evicts the oldest fifth plus room for the batch, then retries (twice at most)', async () => {
    const db = await openHearthDb();
    // The next `full` readwrite transactions that put an event fail as a full disk would.
    let full = 0;
    const realTx = db.transaction.bind(db);
    db.transaction = ((...a: Parameters<IDBDatabase['transaction']>) => {
      const tx = realTx(...a);
      const realStore = tx.objectStore.bind(tx);
      tx.objectStore = (n: string) => {
        const os = realStore(n);
        if (full > 0) os.put = () => { full--; throw new DOMException('disk full', 'QuotaExceededError'); };
        return os;
      };
      return tx;
    }) as IDBDatabase['transaction'];
    const store = createIdbEventStore(async () => db, { maxEvents: 100, maxAgeDays: 1e6 });
    const now = Date.now();
    await store.append(Array.from({ length: 10 }, (_, k) => ev(k, now - 1000 + k)));
    full = 1;
    await store.append([ev(10, now - 10), ev(11, now - 9)]);
    // 10 stored: ceil(10 / 5) + 2 = 4 oldest evicted, then the batch written.
    expect((await listEvents(db)).map((e) => e.id)).toEqual(['e4', 'e5', 'e6', 'e7', 'e8', 'e9', 'e10', 'e11']);
    full = 3;
    await expect(store.append([ev(12, now - 8)])).rejects.toMatchObject({ name: 'QuotaExceededError' });
    // Two evictions (8 → 8 - 3 = 5 → 5 - 2 = 3), then the third failure is thrown.
    expect((await listEvents(db)).map((e) => e.id)).toEqual(['e9', 'e10', 'e11']);
    db.close();
  });
  it('two connections writing at once lose and duplicate nothing', async () => {
    const [a, b] = await Promise.all([openHearthDb(), openHearthDb()]);
    const sa = createIdbEventStore(async () => a, policy);
    const sb = createIdbEventStore(async () => b, policy);
    const now = Date.now();
    await Promise.all(Array.from({ length: 20 }, (_, k) => (k % 2 ? sa : sb).append([ev(k * 2, now - 5000 + k), ev(k * 2 + 1, now - 5000 + k)])));
    // A retried batch (same ids) must not duplicate.
    await sa.append([ev(0, now - 5000)]);
    const ids = (await listEvents(a)).map((e) => e.id);
    expect(ids).toHaveLength(40);
    expect(new Set(ids).size).toBe(40);
    a.close();
    b.close();
  });
});

describe('outbox, model cache and meta helpers', () => {
  it('round-trip their records', async () => {
    const db = await openHearthDb();
    await putOutbox(db, { id: 'u2', createdAt: 2, body: 'b' });
    await putOutbox(db, { id: 'u1', createdAt: 1, body: new Uint8Array([1, 2]) });
    expect((await listOutbox(db)).map((r) => r.id)).toEqual(['u1', 'u2']);
    await deleteOutbox(db, 'u1');
    expect((await listOutbox(db)).map((r) => r.id)).toEqual(['u2']);
    await putModel(db, { key: 'm@1/weights', storedAt: 1, data: 'w' });
    expect((await getModel(db, 'm@1/weights'))?.data).toBe('w');
    await setMeta(db, 'k', { a: 1 });
    expect(await getMeta(db, 'k')).toEqual({ a: 1 });
    await expect(putOutbox(db, { id: '', createdAt: 0, body: '' })).rejects.toThrow(/record\.id/);
    await expect(putModel(db, { key: 3 as unknown as string, storedAt: 0, data: '' })).rejects.toThrow(/record\.key/);
    db.close();
  });
});

describe('eraseHearthData', () => {
  it('deletes every hearth* database and leaves others alone', async () => {
    (await openHearthDb()).close();
    (await openHearthDb('hearth-models')).close();
    await new Promise<void>((ok) => { const r = indexedDB.open('shop-cart'); r.onsuccess = () => { r.result.close(); ok(); }; });
    await eraseHearthData();
    expect((await indexedDB.databases()).map((d) => d.name)).toEqual(['shop-cart']);
  });
  it('completes when another connection was open (it closes on versionchange)', async () => {
    const db = await openHearthDb();
    await eraseHearthData();
    expect(await indexedDB.databases()).toEqual([]);
    expect(() => db.transaction('events')).toThrow();
  });
});
