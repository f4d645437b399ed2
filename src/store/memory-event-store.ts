import type { StoredEvent } from '../events/schema';
import { DEFAULT_RETENTION, type EventQuery, type EventStore, type RetentionPolicy } from './event-store';
import { retentionExcess } from './retention';

/** The fallback when IndexedDB is missing or broken: same contract, lost on reload. */
export function createMemoryEventStore(policy: RetentionPolicy = DEFAULT_RETENTION): EventStore & Required<Pick<EventStore, 'list'>> {
  let events: StoredEvent[] = [];
  return {
    durable: false,
    async append(batch) {
      const ids = new Set(events.map((e) => e.id));
      events = events.concat(batch.filter((e) => !ids.has(e.id))).sort((a, b) => a.ts - b.ts);
      events.splice(0, retentionExcess(events.map((e) => e.ts), policy, Date.now()));
    },
    async list(query?: EventQuery) {
      const since = query?.since ?? -Infinity;
      return events.filter((e) => e.ts >= since).slice(0, query?.limit ?? Infinity);
    },
    close() { events = []; },
  };
}
