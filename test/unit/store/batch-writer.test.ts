import { describe, expect, it, vi } from 'vitest';
import { createBatchWriter } from '../../../src/store/batch-writer';
import type { StoredEvent } from '../../../src/events/schema';

const ev = (id: string) => ({ id, ts: 1, type: 'page_view' }) as unknown as StoredEvent;

describe('createBatchWriter', () => {
  it('writes a batch after the delay, in order, one write per batch', async () => {
    const writes: string[][] = [];
    const w = createBatchWriter(async (b) => { writes.push(b.map((e) => e.id)); return 'ok'; }, 10, 5);
    expect(await Promise.all([w.add(ev('a')), w.add(ev('b'))])).toEqual(['ok', 'ok']);
    expect(writes).toEqual([['a', 'b']]);
  });

  it('an urgent flush (page unloading) starts its write at once, not after the batch in flight', async () => {
    const started: Array<[string[], boolean]> = [];
    let release!: () => void;
    const slow = new Promise<void>((ok) => { release = ok; });
    const w = createBatchWriter(async (b, urgent) => {
      started.push([b.map((e) => e.id), !!urgent]);
      if (b[0]!.id === 'a') await slow;
      return 'ok';
    }, 10, 1000);
    const first = w.add(ev('a'));
    void w.flush();
    await Promise.resolve();
    const second = w.add(ev('b'));
    const flushed = w.flush(true);
    // 'b' is being written although 'a' has not committed yet.
    expect(started).toEqual([[['a'], false], [['b'], true]]);
    expect(await second).toBe('ok');
    release();
    await flushed;
    expect(await first).toBe('ok');
  });

  it('a normal flush waits for the batch in flight', async () => {
    const started: string[] = [];
    let release!: () => void;
    const slow = new Promise<void>((ok) => { release = ok; });
    const w = createBatchWriter(async (b) => { started.push(b[0]!.id); if (b[0]!.id === 'a') await slow; return 'ok'; }, 10, 1000);
    void w.add(ev('a'));
    void w.flush();
    await Promise.resolve();
    void w.add(ev('b'));
    const done = w.flush();
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toEqual(['a']);
    release();
    await done;
    expect(started).toEqual(['a', 'b']);
  });
  it('gives every event of a batch the same promise: a failed write rejects them all, drop() resolves them', async () => {
    const written: string[] = [];
    const w = createBatchWriter<string>(async (b) => { written.push(b.map((e) => e.id).join('')); if (b[0]!.id === 'x') throw new Error('disk'); return 'ok'; }, 10, 1000);
    const [x1, x2] = [w.add(ev('x')), w.add(ev('y'))];
    expect(x1).toBe(x2);
    void w.flush();
    await expect(x1).rejects.toThrow('disk');
    const d = w.add(ev('z'));
    w.drop('dropped');
    await w.flush();
    expect(await d).toBe('dropped');
    // The dropped event was never written.
    expect(written).toEqual(['xy']);
    // A full batch starts its write at once and the next event opens a new batch.
    const small = createBatchWriter<string>(async (b) => b.map((e) => e.id).join(''), 2, 1000);
    const [p1, p2, p3] = [small.add(ev('a')), small.add(ev('b')), small.add(ev('c'))];
    expect(p3).not.toBe(p1);
    expect([await p1, await p2]).toEqual(['ab', 'ab']);
    void small.flush();
    expect(await p3).toBe('c');
  });

  it('a batch after one that went early (full) is still written by the delay, without a flush', async () => {
    const writes: string[][] = [];
    const w = createBatchWriter(async (b) => { writes.push(b.map((e) => e.id)); return 'ok'; }, 2, 5);
    const [p1] = [w.add(ev('a')), w.add(ev('b'))];
    const p3 = w.add(ev('c'));
    expect(await Promise.all([p1, p3])).toEqual(['ok', 'ok']);
    expect(writes).toEqual([['a', 'b'], ['c']]);
  });

  it('after the delay timer wrote a batch it re-arms itself, so the next burst\'s first add() sets no timer', async () => {
    const w = createBatchWriter(async () => 'ok', 10, 5);
    expect(await w.add(ev('a'))).toBe('ok');
    const spy = vi.spyOn(globalThis, 'setTimeout');
    const p = w.add(ev('b'));
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
    expect(await p).toBe('ok');
  });
});
