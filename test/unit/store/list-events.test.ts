import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../../src/events/schema';
import { createIdbEventStore } from '../../../src/store/idb-event-store';
import { listStoreEvents } from '../../../src/store/list-events';
import { createMemoryEventStore } from '../../../src/store/memory-event-store';
import { openHearthDb } from '../../../src/store/open-hearth-db';

const policy = { maxEvents: 5000, maxAgeDays: 1e6 };
const ev = (i: number, ts: number): StoredEvent => ({ type: 'search', query: `q${i}`, id: `e${i}`, ts });

beforeEach(() => { globalThis.indexedDB = new IDBFactory(); });

describe('listStoreEvents', () => {
  it('reads the IndexedDB store through the connection and the memory store from itself, with the same query', async () => {
    const db = await openHearthDb();
    const now = Date.now();
    const batch = [ev(2, now - 2000), ev(1, now - 3000), ev(3, now - 1000)];
    const idb = createIdbEventStore(async () => db, policy);
    const memory = createMemoryEventStore(policy);
    await idb.append(batch);
    await memory.append(batch);
    for (const store of [idb, memory]) {
      expect((await listStoreEvents(store, async () => db)).map((e) => e.id)).toEqual(['e1', 'e2', 'e3']);
      expect((await listStoreEvents(store, async () => db, { since: now - 2000, limit: 1 })).map((e) => e.id)).toEqual(['e2']);
    }
    db.close();
  });
});
