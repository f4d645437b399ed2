// Moves SQLite WAL checkpoints off the event loop. A checkpoint copies the WAL into the database
// file and fsyncs both; run inline (SQLite's autocheckpoint, every 1,000 pages = 32 MB here) it
// blocked the server's only thread for 30-60 ms each time, several times a second at full intake,
// with every request in flight waiting on it. Here a worker thread with its own connection runs
// PASSIVE checkpoints (they never block the writer), and only the small tail written meanwhile is
// checkpointed inline, so the WAL still resets and stays bounded under a steady stream of writes.
// Durability is unchanged: a commit is durable when its WAL frames are written, before any checkpoint.
import type Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// The worker: one read-only-in-effect connection that checkpoints on request and closes on 'close'.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlite);
const done = new Int32Array(workerData.closed);
let db = null;
try {
  db = new Database(workerData.file, { fileMustExist: true });
  db.pragma('busy_timeout = 0');
} catch (e) {
  parentPort.postMessage({ error: String(e && e.message || e) });
}
parentPort.on('message', (m) => {
  if (m.kind === 'close') {
    try { if (db) db.close(); } finally { Atomics.store(done, 0, 1); Atomics.notify(done, 0); parentPort.close(); }
    return;
  }
  if (!db) return;
  try {
    // Passes until one copies at most m.tail frames (the writer keeps appending meanwhile), at most 8.
    let before = db.pragma('wal_checkpoint(PASSIVE)')[0];
    let copied = before.checkpointed, passes = 1;
    while (copied > m.tail && passes < 8) {
      const r = db.pragma('wal_checkpoint(PASSIVE)')[0];
      copied = r.log >= before.log ? r.checkpointed - before.checkpointed : r.checkpointed;
      before = r;
      passes++;
    }
    parentPort.postMessage({ passes, copied });
  } catch (e) {
    parentPort.postMessage({ error: String(e && e.message || e) });
  }
});
`;

/** Bytes written to the WAL (estimated by the caller) after which a background checkpoint starts. */
export const DEFAULT_CHECKPOINT_BYTES = 16 * 1024 * 1024;

/** The WAL grows by this many thresholds between inline catch-ups (see finished()). */
const CATCH_UP_FACTOR = 4;

/** The worker repeats passes (at most 8) until one copies at most this many WAL frames (1 MiB at 32 KiB pages). */
const INLINE_TAIL_FRAMES = 32;

/**
 * Background checkpointing for one WAL-mode SQLite file written by `db` (this process's only
 * writer connection). Construct it, disable `db`'s autocheckpoint, and call `wrote(bytes)` after
 * every committed write transaction. Never throws into the caller: if the worker cannot start or
 * fails, it turns SQLite's own autocheckpoint back on for `db` and stops.
 */
export class WalCheckpointer {
  private worker: Worker | null = null;
  private readonly closed = new SharedArrayBuffer(4);
  private pending = 0;
  // Estimated bytes written since the last inline catch-up (the WAL's extent since its last restart).
  private sinceCatchUp = 0;
  private running = false;
  private failed = false;
  private stopped = false;
  /** Background checkpoint passes finished (for tests and diagnostics). */
  passes = 0;
  /** Inline catch-up checkpoints run (each lets the WAL restart from its beginning). */
  catchUps = 0;

  /**
   * `file`: the database path `db` has open; `thresholdBytes`: estimated WAL bytes between
   * checkpoints (> 0); `log`: where a failure is reported (once).
   */
  constructor(
    private readonly db: Database.Database,
    private readonly file: string,
    private readonly thresholdBytes = DEFAULT_CHECKPOINT_BYTES,
    private readonly log?: (line: string) => void,
  ) {
    if (typeof file !== 'string' || !file) throw new TypeError('WalCheckpointer: file must be a non-empty path');
    if (!(Number.isFinite(thresholdBytes) && thresholdBytes > 0)) throw new RangeError('WalCheckpointer: thresholdBytes must be a finite number > 0');
    db.pragma('wal_autocheckpoint = 0');
  }

  /** Records `bytes` (≥ 0, an estimate) just committed; starts a background checkpoint past the threshold. */
  wrote(bytes: number): void {
    if (this.stopped || !(bytes >= 0)) return;
    this.pending += bytes;
    this.sinceCatchUp += bytes;
    // The worker starts (tens of ms) ahead of its first checkpoint, not when one is due.
    if (!this.worker && !this.failed && this.pending >= this.thresholdBytes / 2) {
      try { this.worker = this.spawn(); } catch (e) { this.fail(e); }
    }
    if (!this.running && this.pending >= this.thresholdBytes) this.start();
  }

  private start(): void {
    this.pending = 0;
    try {
      this.worker ??= this.spawn();
      this.running = true;
      this.worker.postMessage({ kind: 'checkpoint', tail: INLINE_TAIL_FRAMES });
    } catch (e) {
      this.fail(e);
    }
  }

  private spawn(): Worker {
    const sqlite = createRequire(import.meta.url).resolve('better-sqlite3');
    const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { sqlite, file: this.file, closed: this.closed } });
    w.unref(); // a store someone forgot to close does not keep the process alive
    w.on('message', (m: { passes?: number; copied?: number; error?: string }) => this.finished(m));
    w.on('error', (e) => this.fail(e));
    return w;
  }

  // Background passes ended, the last one usually copying a small tail (or the writer outpaced 8
  // passes). Once the WAL has grown by CATCH_UP_FACTOR thresholds, finish inline: the writer is
  // between transactions here, so this catches up completely (copying only what was written since
  // the last pass, a short fsync) and the next write restarts the WAL from its beginning. The file
  // stays bounded however fast updates arrive; only every 4th cycle costs the event loop an fsync.
  private finished(m: { passes?: number; copied?: number; error?: string }): void {
    this.running = false;
    if (this.stopped) return;
    if (m.error !== undefined) { this.fail(new Error(m.error)); return; }
    this.passes += m.passes ?? 0;
    if (this.sinceCatchUp >= CATCH_UP_FACTOR * this.thresholdBytes) {
      this.sinceCatchUp = 0;
      try { this.db.pragma('wal_checkpoint(PASSIVE)'); } catch (e) { this.fail(e); return; }
      this.catchUps++;
    }
    if (this.pending >= this.thresholdBytes) this.start();
  }

  private fail(e: unknown): void {
    if (this.failed) return;
    this.failed = true;
    this.log?.(`background WAL checkpoints off, SQLite checkpoints inline again: ${(e as Error)?.message ?? String(e)}`);
    this.stop(0);
    try { if (this.db.open) this.db.pragma('wal_autocheckpoint = 1000'); } catch { /* closed meanwhile */ }
  }

  /**
   * Stops the worker: waits (up to `waitMs`) for a checkpoint in progress to end and the worker's
   * connection to close, so the caller's close() is then the last connection (and removes the WAL).
   */
  stop(waitMs = 10_000): void {
    if (this.stopped) return;
    this.stopped = true;
    const w = this.worker;
    this.worker = null;
    if (!w) return;
    try {
      w.postMessage({ kind: 'close' });
      if (waitMs > 0) Atomics.wait(new Int32Array(this.closed), 0, 0, waitMs);
    } catch { /* the worker is gone already */ }
    void w.terminate();
  }
}
