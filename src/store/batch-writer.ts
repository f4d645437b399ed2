import type { StoredEvent } from '../events/schema';

/** Collects events and writes them in batches; see createBatchWriter. */
export interface BatchWriter<R> {
  /** Queues one event; resolves with the write's result once its batch is committed. */
  add(event: StoredEvent): Promise<R>;
  /**
   * Writes everything queued now; resolves when committed. `urgent` (the page is going away)
   * starts that write at once instead of after the batch in flight, so its transaction is
   * created before the page unloads.
   */
  flush(urgent?: boolean): Promise<void>;
  /** Drops everything queued (consent withdrawn): their promises resolve with `result`. */
  drop(result: R): void;
  /** How many events are queued. */
  readonly size: number;
}

/**
 * Batches events: a batch is written (one call to `write`, i.e. one transaction) when it holds
 * `maxSize` events or `maxDelayMs` after its first event, whichever comes first. Batches are
 * written one after another, in order; `write` learns whether the page is unloading (`urgent`).
 */
export function createBatchWriter<R>(write: (batch: StoredEvent[], urgent: boolean) => Promise<R>, maxSize: number, maxDelayMs: number): BatchWriter<R> {
  type Pending = { event: StoredEvent; done: (r: R) => void; fail: (e: unknown) => void };
  let queue: Pending[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let chain: Promise<unknown> = Promise.resolve();
  const flush = (urgent = false): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    const batch = queue;
    queue = [];
    if (batch.length) {
      const run = () => write(batch.map((p) => p.event), urgent).then(
        (r) => batch.forEach((p) => p.done(r)),
        (e) => batch.forEach((p) => p.fail(e)),
      );
      // Unloading: waiting for the batch in flight would start this transaction too late.
      chain = urgent ? Promise.all([chain, run()]) : chain.then(run);
    }
    return chain.then(() => {});
  };
  return {
    add(event) {
      return new Promise<R>((done, fail) => {
        queue.push({ event, done, fail });
        if (queue.length >= maxSize) void flush();
        else timer ??= setTimeout(() => flush(), maxDelayMs);
      });
    },
    flush,
    drop(result) {
      clearTimeout(timer);
      timer = undefined;
      queue.forEach((p) => p.done(result));
      queue = [];
    },
    get size() { return queue.length; },
  };
}
