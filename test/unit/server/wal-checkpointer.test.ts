import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WalCheckpointer } from '../../../src/server/wal-checkpointer';
import { SqliteSyncStore } from '../../../src/server/sqlite-store';
import { tempStore } from './fixtures';

const BLOB = Buffer.alloc(40_000, 7);

function openWal(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('page_size = 32768');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, b BLOB)');
  return db;
}

// Yields to the event loop until `done()` or `turns` run out (waits for worker messages; asserts nothing).
async function until(done: () => boolean, turns = 2000): Promise<void> {
  for (let i = 0; i < turns && !done(); i++) await new Promise((r) => setTimeout(r, 5));
}

// Frames in the WAL since its last restart, as another connection sees them.
function walFrames(file: string): number {
  const other = new Database(file);
  try {
    return (other.pragma('wal_checkpoint(PASSIVE)') as { log: number }[])[0]!.log;
  } finally {
    other.close();
  }
}

describe('WalCheckpointer', () => {
  it('checkpoints in a worker, lets the WAL restart, and keeps every committed row', async () => {
    const file = tempStore();
    const db = openWal(file);
    const cp = new WalCheckpointer(db, file, 1 << 20);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const insert = db.prepare('INSERT INTO t (b) VALUES (?)');
    for (let i = 0; i < 300; i++) {
      insert.run(BLOB);
      cp.wrote(BLOB.length);
      await new Promise((r) => setImmediate(r));
    }
    const state = cp as unknown as { running: boolean; pending: number };
    await until(() => cp.catchUps > 0 && !state.running);
    // One more cycle with the writer idle: it copies everything, so the next write restarts the WAL.
    const before = cp.passes;
    cp.wrote(1 << 20);
    await until(() => cp.passes > before && !state.running && state.pending < 1 << 20);
    expect(cp.passes).toBeGreaterThan(before);
    expect(cp.catchUps).toBeGreaterThan(0);
    insert.run(BLOB);
    // 301 rows of 2 pages each were written (> 600 frames without checkpoints, next test); here
    // the WAL restarted, and holds only the last write.
    expect(walFrames(file)).toBeLessThan(10);
    cp.stop();
    db.close();
    // The worker's connection was closed first, so the main close was the last one and removed the WAL.
    expect(existsSync(`${file}-wal`)).toBe(false);
    const again = new Database(file, { readonly: true });
    expect((again.prepare('SELECT COUNT(*) AS n FROM t').get() as { n: number }).n).toBe(301);
    again.close();
  });

  it('without it (autocheckpoint off) the WAL keeps every frame: the check above can fail', () => {
    const file = tempStore();
    const db = openWal(file);
    db.pragma('wal_autocheckpoint = 0');
    const insert = db.prepare('INSERT INTO t (b) VALUES (?)');
    for (let i = 0; i < 301; i++) insert.run(BLOB);
    expect(walFrames(file)).toBeGreaterThan(600);
    db.close();
  });

  it('falls back to inline autocheckpoints when the worker cannot open the file', async () => {
    const file = tempStore();
    const db = openWal(file);
    const lines: string[] = [];
    const cp = new WalCheckpointer(db, `${file}.missing`, 1000, (l) => lines.push(l));
    cp.wrote(2000);
    await until(() => lines.length > 0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/inline again/);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    cp.wrote(5000); // ignored once stopped
    db.close();
  });

  it('validates its arguments', () => {
    const file = tempStore();
    const db = openWal(file);
    expect(() => new WalCheckpointer(db, '', 1)).toThrow(TypeError);
    expect(() => new WalCheckpointer(db, file, 0)).toThrow(RangeError);
    expect(() => new WalCheckpointer(db, file, Number.NaN)).toThrow(RangeError);
    db.close();
  });
});

describe('SqliteSyncStore checkpoints', () => {
  it('runs background checkpoints for a file store and keeps the updates across close and reopen', async () => {
    const file = tempStore();
    const store = new SqliteSyncStore(file, 'normal', { checkpointBytes: 1 << 20 });
    for (let i = 0; i < 60; i++) {
      store.addUpdates([{ id: `u${i}`, client: 'c', baseVersion: 1, payload: BLOB }]);
      await new Promise((r) => setImmediate(r));
    }
    await until(() => store.checkpointPasses > 0);
    expect(store.checkpointPasses).toBeGreaterThan(0);
    store.close();
    const again = new SqliteSyncStore(file, 'normal', { checkpoint: 'inline' });
    expect(again.pendingCount()).toBe(60);
    expect(again.checkpointPasses).toBe(0);
    again.close();
    expect(statSync(file).size).toBeGreaterThan(60 * BLOB.length);
  });

  it('rejects an unknown checkpoint mode', () => {
    expect(() => new SqliteSyncStore(tempStore(), 'normal', { checkpoint: 'never' as 'inline' })).toThrow(RangeError);
  });
});
