import type { StoredEvent } from '../events/schema';
import type { HearthDbHandle } from './db-schema';
import type { DurableEventStore, RetentionPolicy } from './event-store';
import { txDone } from './idb-request';

/**
 * Writing events to IndexedDB (reading them is listEvents, src/store/list-events.ts). `getDb`
 * returns a live connection (reopening after another tab closed ours). Each append is one
 * readwrite transaction that also applies retention; on a quota error the oldest events are
 * evicted (a fifth, plus room for the batch) and the append retried, twice at most.
 */
export function createIdbEventStore(getDb: () => Promise<HearthDbHandle>, policy: RetentionPolicy): DurableEventStore {
  // Writes `batch`, then keeps at most maxEvents events and none older than maxAgeDays, oldest
  // (by time) deleted first, all in one transaction. Eviction is the same with an empty batch and
  // `room` > 0: it deletes a fifth of the stored events plus `room` (the size of the batch to retry).
  const write = async (batch: readonly StoredEvent[], urgent?: boolean, room = 0) => {
    // 'strict' asks the browser to flush to disk before `complete`: track() promises durability.
    const tx = (await getDb()).transaction('events', 'readwrite', { durability: 'strict' });
    const store = tx.objectStore('events');
    // put (not add): a retried batch rewrites the same ids instead of duplicating.
    for (const e of batch) store.put(e);
    // Unloading: ask for the commit now (where commit() exists); auto-commit and retention's
    // callbacks would need the page alive, so retention is left to the next append.
    if (urgent) { tx.commit?.(); return txDone(tx); }
    const cutoff = Date.now() - policy.maxAgeDays * 864e5;
    const count = store.count();
    count.onsuccess = () => {
      let excess = room ? count.result / 5 + room : count.result - policy.maxEvents;
      const c = store.index('by_ts').openCursor();
      c.onsuccess = () => { const cur = c.result; if (cur && (excess-- > 0 || cur.value.ts < cutoff)) { cur.delete(); cur.continue(); } };
    };
    return txDone(tx);
  };
  return {
    durable: true,
    async append(batch, urgent) {
      for (let attempt = 0; ; attempt++) {
        try {
          return await write(batch, urgent);
        } catch (e) {
          if ((e as DOMException)?.name !== 'QuotaExceededError' || attempt === 2 || !batch.length) throw e;
          // A full disk: delete ceil(n/5) + batch.length of the n stored, oldest first.
          await write([], false, batch.length);
        }
      }
    },
  };
}
