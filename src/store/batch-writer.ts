import type { StoredEvent } from '../events/schema';

/** Collects events and writes them in batches; see createBatchWriter. */
export interface BatchWriter<R> {
  /**
   * Queues one event; resolves with the write's result once its batch is committed (rejects if
   * the write rejects). Events of one batch share one promise: queueing allocates none.
   */
  add(event: StoredEvent): Promise<R>;
  /**
   * Writes everything queued now; resolves when committed. `urgent` (the page is going away)
   * starts that write at once instead of after the batch in flight, so its transaction is
   * created before the page unloads.
   */
  flush(urgent?: boolean): Promise<void>;
  /** Drops everything queued (consent withdrawn): their promises resolve with `result`. */
  drop(result: R): void;
}

/**
 * Batches events: a batch is written (one call to `write`, i.e. one transaction) when it holds
 * `maxSize` events or at the latest `maxDelayMs` after its first event. Batches are
 * written one after another, in order; `write` learns whether the page is unloading (`urgent`
 * true; absent otherwise).
 */
export function createBatchWriter<R>(write: (batch: StoredEvent[], urgent?: boolean) => Promise<R>, maxSize: number, maxDelayMs: number): BatchWriter<R> {
  type Batch = { events: StoredEvent[]; promise: Promise<R>; done: (r: R | Promise<R>) => void };
  let queue: Batch | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let chain: Promise<unknown> = Promise.resolve();
  // setTimeout costs more than the rest of a track() call, so add() rarely calls it: the delay
  // timer is not cleared when a batch goes early (full, or flushed), and once it has written a
  // batch it re-arms itself, since events come in bursts; it stops after a quiet period. Either
  // way a batch is written no later than maxDelayMs after its first event.
  const onTimer = () => { timer = queue ? setTimeout(onTimer, maxDelayMs) : undefined; void flush(); };
  const flush = (urgent?: boolean): Promise<void> => {
    const b = queue;
    queue = null;
    if (b) {
      const run = () => { const p = write(b.events, urgent); b.done(p); return p.catch(() => {}); };
      // Unloading: waiting for the batch in flight would start this transaction too late.
      chain = urgent ? Promise.all([chain, run()]) : chain.then(run);
    }
    return chain.then() as Promise<void>;
  };
  return {
    add(event) {
      let done!: Batch['done'];
      // The executor runs at once, so `done` is set before the literal reads it.
      const b = (queue ??= { events: [], promise: new Promise<R>((ok) => { done = ok; }), done });
      if (b.events.push(event) >= maxSize) void flush();
      else timer ??= setTimeout(onTimer, maxDelayMs);
      return b.promise;
    },
    flush,
    drop(result) {
      queue?.done(result);
      queue = null;
    },
  };
}
