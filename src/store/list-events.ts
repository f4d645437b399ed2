import type { StoredEvent } from '../events/schema';
import type { HearthDbHandle } from './db-schema';
import type { EventQuery, EventStore } from './event-store';
import { req } from './idb-request';

/** Reads events from the Hearth database, oldest first: ts ≥ `since`, at most `limit`. */
export function listEvents(db: HearthDbHandle, query: EventQuery = {}): Promise<StoredEvent[]> {
  const range = query.since !== undefined ? IDBKeyRange.lowerBound(query.since) : null;
  return req(db.transaction('events').objectStore('events').index('by_ts').getAll(range, query.limit));
}

/** Reads events from `store`: IndexedDB (through `getDb`, a live connection) or the memory fallback. */
export async function listStoreEvents(store: EventStore, getDb: () => Promise<HearthDbHandle>, query?: EventQuery): Promise<StoredEvent[]> {
  return store.list ? store.list(query) : listEvents(await getDb(), query);
}
