import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { createHearth } from '../../src/hearth';

const saved = globalThis.indexedDB;
afterEach(() => { globalThis.indexedDB = saved; });

describe('createHearth storage "memory"', () => {
  it('never touches IndexedDB, not even to list databases, and reads back what it tracked', async () => {
    const used: string[] = [];
    const real = new IDBFactory();
    globalThis.indexedDB = new Proxy(real, { get: (t, k) => { used.push(String(k)); return Reflect.get(t, k, t); } });
    const h = createHearth({ storage: 'memory', autocapture: false, batchDelayMs: 5 });
    expect(await h.events()).toEqual([]);
    expect(await h.track({ type: 'search', query: 'q' })).toBe('memory');
    expect((await h.events()).map((e) => e.type)).toEqual(['search']);
    expect(await h.lastUpdate()).toBeNull();
    expect((await h.features()).sequence).toEqual([]);
    await h.close();
    expect(used).toEqual([]);
  });
});
