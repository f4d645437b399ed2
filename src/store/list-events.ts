import type { StoredEvent } from '../events/schema';
import type { HearthDbHandle } from './db-schema';
import type { EventQuery, EventStore } from './event-store';
import { req } from './idb-request';

/** Reads events from the Hearth database, oldest first: ts ≥ `since`, at most `limit`. */
export function listEvents(db: HearthDbHandle, query: EventQuery = {}): Promise<StoredEvent[]> {
  const range = query.since !== undefined ? IDBKeyRange.lowerBound(query.since) : null;
  return req(db.transaction('events').objectStore('events').index('by_ts').getAll(range, query.limit));
}

/**
 * The query over events kept in memory (in any order, an id possibly repeated): one copy per id,
 * oldest first (ties in append order), ts ≥ `since`, at most `limit`. Pure; returns a new array.
 */
export function queryEvents(events: readonly StoredEvent[], query: EventQuery = {}): StoredEvent[] {
  const since = query.since ?? -Infinity;
  const ids = new Set<string>();
  return events
    .filter((e) => e.ts >= since && !ids.has(e.id) && !!ids.add(e.id))
    .sort((a, b) => a.ts - b.ts)
    .slice(0, query.limit ?? Infinity);
}

/** Reads events from `store`: IndexedDB (through `getDb`, a live connection) or the memory fallback. */
export async function listStoreEvents(store: EventStore, getDb: () => Promise<HearthDbHandle>, query?: EventQuery): Promise<StoredEvent[]> {
  return store.durable ? listEvents(await getDb(), query) : queryEvents(store.events, query);
}
