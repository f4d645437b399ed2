import type { StoredEvent } from '../events/schema';

/** How many events to keep and for how long (the createHearth() options of the same names fit). */
export interface RetentionPolicy {
  /** Keep at most this many events (oldest go first). */
  maxEvents: number;
  /** Drop events older than this many days (fractions allowed). */
  maxAgeDays: number;
}

/** Which events to read: ts ≥ since, oldest first, at most `limit`. */
export interface EventQuery { since?: number; limit?: number }

/** What every event store does: write a batch. */
interface EventWriter {
  /**
   * Writes all events in one transaction, then applies retention; resolves once committed.
   * `urgent` (the page is unloading): commit right after the writes, retention left to the next append.
   */
  append(events: readonly StoredEvent[], urgent?: boolean): Promise<void>;
}

/** Events in IndexedDB: writes survive a reload. */
export interface DurableEventStore extends EventWriter {
  readonly durable: true;
}

/** The memory fallback: its events in the order appended (listStoreEvents orders and filters them). */
export interface MemoryEventStore extends EventWriter {
  readonly durable: false;
  /** Every event appended and still retained, in append order (a retried batch may repeat ids). */
  readonly events: readonly StoredEvent[];
}

/**
 * Where events are written: IndexedDB, or memory when IndexedDB is unavailable (`durable` tells
 * which). Reading them is listStoreEvents (src/store/list-events.ts), which only the lazily loaded
 * readers need, so the eager tracker does not carry it.
 */
export type EventStore = DurableEventStore | MemoryEventStore;
