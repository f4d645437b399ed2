import type { StoredEvent } from '../events/schema';
import type { HearthDbHandle } from './db-schema';
import { DEFAULT_RETENTION, type EventQuery, type EventStore, type RetentionPolicy } from './event-store';

/**
 * Events in IndexedDB. `getDb` returns a live connection (reopening after another tab closed
 * ours). Each append is one readwrite transaction that also applies retention; on a quota error
 * the oldest 20% are evicted and the append is retried once.
 */
export function createIdbEventStore(getDb: () => Promise<HearthDbHandle>, policy: RetentionPolicy = DEFAULT_RETENTION): EventStore {
  const write = async (batch: readonly StoredEvent[]) => {
    const db = await getDb();
    // 'strict' asks the browser to flush to disk before `complete`: track() promises durability.
    const tx = db.transaction('events', 'readwrite', { durability: 'strict' });
    // put (not add): a retried batch rewrites the same ids instead of duplicating.
    for (const e of batch) void tx.store.put(e);
    const total = await tx.store.count();
    const cutoff = IDBKeyRange.upperBound(Date.now() - policy.maxAgeMs, true);
    let excess = Math.max(0, total - policy.maxEvents);
    for (let c = await tx.store.index('by_ts').openCursor(); c && (excess > 0 || c.value.ts < cutoff.upper); c = await c.continue()) {
      await c.delete();
      excess--;
    }
    await tx.done;
  };
  const evictOldest = async (fraction: number) => {
    const db = await getDb();
    const tx = db.transaction('events', 'readwrite');
    let n = Math.ceil((await tx.store.count()) * fraction);
    for (let c = await tx.store.index('by_ts').openCursor(); c && n > 0; c = await c.continue(), n--) await c.delete();
    await tx.done;
  };
  return {
    durable: true,
    async append(batch) {
      if (!batch.length) return;
      try {
        await write(batch);
      } catch (e) {
        if ((e as DOMException)?.name !== 'QuotaExceededError') throw e;
        await evictOldest(0.2);
        await write(batch);
      }
    },
    async list(query?: EventQuery) {
      const db = await getDb();
      const range = query?.since !== undefined ? IDBKeyRange.lowerBound(query.since) : undefined;
      return db.getAllFromIndex('events', 'by_ts', range, query?.limit);
    },
    close() {},
  };
}
