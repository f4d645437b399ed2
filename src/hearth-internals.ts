import type { HearthError } from './events/hearth-error';
import type { StoredEvent } from './events/schema';
import type { ResolvedOptions } from './hearth-options';
import type { Hearth } from './hearth-types';
import type { HearthDbHandle } from './store/db-schema';
import type { EventStore } from './store/event-store';
import type { RecommendSource } from './worker/recommend-config';

/**
 * What later parts (recommendations, federated sync) need from an instance, without making it
 * public API: the live database, the event store, consent and a feed of newly stored events.
 */
export interface HearthInternals {
  options: ResolvedOptions;
  /** The validated `recommend` option, or the script tag's data-* attributes still to be parsed (resolveRecommendConfig). */
  recommend: RecommendSource;
  /** Whether writing is allowed now (consent given or not required). */
  consented(): Promise<boolean>;
  /** The open Hearth database (reopened after another tab upgraded it). Rejects when IndexedDB is unusable. */
  getDb(): Promise<HearthDbHandle>;
  /** The event store in use (IndexedDB or the memory fallback). */
  getStore(): Promise<EventStore>;
  /**
   * Whether there may be stored events to read (without creating the database): a store is open in
   * this page, storage is 'memory', or the database exists.
   */
  hasData(): Promise<boolean>;
  /** Changes whenever the stored data is erased (forget(), consent withdrawn, another tab). */
  epoch(): number;
  /** Writes queued events now. */
  flush(): Promise<void>;
  /** Calls `listener` for every event once committed, for the life of the instance. */
  subscribe(listener: (event: StoredEvent) => void): void;
  /** Reports an error through onError and the error counter. */
  report(error: HearthError): void;
}

const registry = new WeakMap<object, HearthInternals>();

/** Attaches internals to an instance (createHearth does this). */
export function setInternals(h: Hearth, internals: HearthInternals): void {
  registry.set(h, internals);
  // Announces each committed event's id to the other tabs' recommend() on the BroadcastChannel
  // named like the database (src/store/event-mirror.ts). One channel, opened on the first commit:
  // a channel per event cost ~0.6 ms each in Chromium; unref'd so it never keeps Node alive.
  let c: BroadcastChannel | undefined;
  internals.subscribe((e) => {
    try {
      if (!c) { c = new BroadcastChannel(internals.options.dbName); (c as { unref?(): void }).unref?.(); }
      c.postMessage(e.id);
    } catch { /* no BroadcastChannel: readers read on every call */ }
  });
}

/** The internals of an instance made by createHearth; throws for anything else. */
export function getInternals(h: Hearth): HearthInternals {
  const i = registry.get(h);
  if (!i) throw new TypeError('getInternals: not a Hearth instance');
  return i;
}

/** Whether `h`, an instance made by createHearth, may write now (HearthInternals.consented); false for anything else. */
export const mayWrite = async (h: unknown): Promise<boolean> => (await registry.get(h as object)?.consented()) === true;
