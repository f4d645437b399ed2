import type { StoredEvent } from '../events/schema';
import type { HearthDbHandle } from './db-schema';
import { DEFAULT_RETENTION, type EventStore, type RetentionPolicy } from './event-store';
import { req, txDone } from './idb-request';

/**
 * Writing events to IndexedDB (reading them is listEvents, src/store/list-events.ts). `getDb` returns a live connection (reopening after another tab closed
 * ours). Each append is one readwrite transaction that also applies retention; on a quota error
 * the oldest events are evicted and the append retried (twice at most).
 */
export function createIdbEventStore(getDb: () => Promise<HearthDbHandle>, policy: RetentionPolicy = DEFAULT_RETENTION): EventStore {
  // Deletes the oldest events (by time) while `more(ts)` says so, inside `tx`.
  const deleteOldest = (store: IDBObjectStore, more: (ts: number) => boolean) => {
    const c = store.index('by_ts').openCursor();
    c.onsuccess = () => { const cur = c.result; if (cur && more(cur.value.ts)) { cur.delete(); cur.continue(); } };
  };
  const write = async (batch: readonly StoredEvent[], urgent?: boolean) => {
    // 'strict' asks the browser to flush to disk before `complete`: track() promises durability.
    const tx = (await getDb()).transaction('events', 'readwrite', { durability: 'strict' });
    const store = tx.objectStore('events');
    // put (not add): a retried batch rewrites the same ids instead of duplicating.
    for (const e of batch) store.put(e);
    // Unloading: ask for the commit now; auto-commit (and retention's callbacks) would need the page alive.
    if (urgent && tx.commit) { tx.commit(); return txDone(tx); }
    const cutoff = Date.now() - policy.maxAgeMs;
    const count = store.count();
    count.onsuccess = () => {
      let excess = count.result - policy.maxEvents;
      deleteOldest(store, (ts) => excess-- > 0 || ts < cutoff);
    };
    return txDone(tx);
  };
  const evictOldest = async (extra: number) => {
    const tx = (await getDb()).transaction('events', 'readwrite');
    const store = tx.objectStore('events');
    let n = Math.ceil((await req(store.count())) * 0.2) + extra;
    deleteOldest(store, () => n-- > 0);
    return txDone(tx);
  };
  return {
    durable: true,
    async append(batch, urgent) {
      // On a full disk, evict the oldest (a fifth plus room for the batch) and retry, twice at most.
      for (let attempt = 0; ; attempt++) {
        try {
          return await write(batch, urgent);
        } catch (e) {
          if ((e as DOMException)?.name !== 'QuotaExceededError' || attempt === 2 || !batch.length) throw e;
          await evictOldest(batch.length);
        }
      }
    },
    close() {},
  };
}
