import type { StoredEvent } from '../events/schema';

/** Events per read: each read is a short task on the main thread, never one long one. */
const PAGE = 200;
/** Re-read this far behind the newest event seen: another tab's batch may commit a little late. */
const OVERLAP_MS = 1000;

/** What recommend() sends the worker per event: only what the history is derived from. */
export type HistoryEvent = Pick<StoredEvent, 'id' | 'ts' | 'type'> & { item?: { id: string }; items?: { id: string }[]; name?: string };

const slim = (e: StoredEvent): HistoryEvent => {
  const s: HistoryEvent = { id: e.id, ts: e.ts, type: e.type };
  if ('item' in e && e.item) s.item = { id: e.item.id };
  if (e.type === 'purchase') s.items = e.items.map((i) => ({ id: i.id }));
  if (e.type === 'custom') s.name = e.name;
  return s;
};

/**
 * Where the mirror learns that stored events may have changed (HearthInternals fits): `flush()`
 * commits this page's queued events, and `subscribe` hears each one committed before that flush
 * resolves; other instances and tabs announce the ids they commit on the BroadcastChannel named
 * `options.dbName` (see setInternals).
 */
export interface WriteSignals {
  flush(): Promise<void>;
  subscribe(listener: (event: StoredEvent) => void): unknown;
  options: { dbName: string };
}

/**
 * A page-side mirror of the stored events for recommend(). Reading every stored event from
 * IndexedDB and cloning all of it to the worker on each call blocked the main thread for
 * 50–500 ms (long tasks). The mirror reads the store once, in pages of PAGE, then on each call
 * only what is newer than the newest event seen (minus OVERLAP_MS, for other tabs), and keeps
 * slim copies (ids, times, types) capped at `max`, oldest dropped. With `signals` it reads only
 * after a write (this page's, committed by `signals.flush()` first, or another tab's announced
 * one, whose id it has not seen): a call with nothing new costs no IndexedDB transaction (0.5–1.7
 * ms each). It starts over whenever `epoch()` changes (forget(), consent withdrawn, the database
 * deleted by another tab), so erased events never reach a recommendation. `list` reads the
 * store and rejects when a read fails. The returned array is the mirror's own: callers must not modify it.
 */
export function createEventMirror(list: (query: { since?: number; limit?: number }) => Promise<StoredEvent[]>, epoch: () => number, max: number, signals?: WriteSignals): () => Promise<HistoryEvent[]> {
  let events: HistoryEvent[] = [];
  let ids = new Set<string>();
  let newest = -Infinity;
  let seen = NaN;
  // Whether a read is due: always without signals, at first, and after any unseen write.
  let stale = true;
  const changed = (id: unknown) => { if (!ids.has(id as string)) stale = true; };
  if (signals) {
    signals.subscribe((e) => changed(e.id));
    const c = new BroadcastChannel(signals.options.dbName);
    c.onmessage = (m) => changed(m.data);
    // In Node an open channel would keep the process alive.
    (c as { unref?(): void }).unref?.();
  }
  return async () => {
    await signals?.flush();
    if (epoch() !== seen) { seen = epoch(); events = []; ids = new Set(); newest = -Infinity; stale = true; }
    if (!stale) return events;
    // Cleared before reading: a write announced during the read makes the next call read again.
    stale = !signals;
    const start = seen;
    let since = newest === -Infinity ? undefined : newest - OVERLAP_MS;
    for (;;) {
      let page: StoredEvent[];
      try {
        page = await list({ since, limit: PAGE });
      } catch {
        // A failed read (`list` reports it) is retried by the next call, not after the next write;
        // this call goes on with what the mirror already holds.
        stale = true;
        break;
      }
      if (epoch() !== start) return [];
      for (const e of page) {
        if (ids.has(e.id)) continue;
        ids.add(e.id);
        events.push(slim(e));
        if (e.ts > newest) newest = e.ts;
      }
      const last = page[page.length - 1];
      // A full page moves on from its last time; a page all at one time would never move: stop.
      if (page.length < PAGE || !last || last.ts === since) break;
      since = last.ts;
    }
    if (events.length > max) {
      events.sort((a, b) => a.ts - b.ts);
      for (const e of events.splice(0, events.length - max)) ids.delete(e.id);
    }
    return events;
  };
}
