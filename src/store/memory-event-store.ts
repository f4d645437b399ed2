import type { StoredEvent } from '../events/schema';
import type { MemoryEventStore, RetentionPolicy } from './event-store';

/**
 * The fallback when IndexedDB is missing or broken, lost on reload. Appending only adds to an
 * array, keeping at most `maxEvents` (the last appended) and none older than `maxAgeDays`: all the
 * eager tracker needs. Reading (order by time, one copy per id, since/limit) is listStoreEvents,
 * in the lazily loaded readers.
 */
export function createMemoryEventStore(policy: RetentionPolicy): MemoryEventStore {
  const s = {
    durable: false as const,
    events: [] as StoredEvent[],
    async append(batch: readonly StoredEvent[]) {
      const cutoff = Date.now() - policy.maxAgeDays * 864e5;
      s.events = s.events.concat(batch).filter((e) => e.ts >= cutoff).slice(-policy.maxEvents);
    },
  };
  return s;
}
