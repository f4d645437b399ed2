import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeUpdate } from '../../../src/protocol';
import { AggregationEngine } from '../../../src/server/aggregation-engine';
import { tempStore, tinySeed, tinyUpdate } from './fixtures';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

/** Spawns `hearth serve --json …` from source and resolves with its URL once it listens. */
function serve(args: string[]): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/unit/server/serve-entry.ts', 'serve', '--json', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve({ url: (JSON.parse(line) as { url: string }).url, child });
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`hearth serve exited ${code}: ${err}`)));
  });
}

function storedIds(file: string): Set<string> {
  const db = new Database(file, { readonly: true });
  try {
    return new Set((db.prepare('SELECT id FROM updates').all() as { id: string }[]).map((r) => r.id));
  } finally {
    db.close();
  }
}

describe('hearth serve (spawned process)', () => {
  it('keeps every acknowledged update after kill -9, and a retried id is applied once', async () => {
    const file = tempStore();
    new AggregationEngine({ store: file, seed: tinySeed() }).close();
    const { url, child } = await serve(['--store', file, '--min-updates', '100000', '--rate-burst', '1000']);
    const acked: string[] = [];
    let killed = false;
    const posts = Array.from({ length: 60 }, (_, i) =>
      fetch(`${url}/v1/updates`, { method: 'POST', body: encodeUpdate(tinyUpdate(`k9-${i}`)), headers: { 'x-hearth-client': `c${i}` } })
        .then((r) => {
          if (r.status === 202) acked.push(`k9-${i}`);
          // Kill the server mid-stream, while later uploads are still in flight.
          if (acked.length === 30 && !killed) { killed = true; child.kill('SIGKILL'); }
        })
        .catch(() => undefined),
    );
    await Promise.all(posts);
    await new Promise((r) => child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r));
    expect(child.signalCode).toBe('SIGKILL');
    expect(acked.length).toBeGreaterThanOrEqual(30);
    const ids = storedIds(file);
    for (const id of acked) expect(ids.has(id)).toBe(true);

    const again = await serve(['--store', file, '--min-updates', '100000']);
    const retry = await fetch(`${again.url}/v1/updates`, { method: 'POST', body: encodeUpdate(tinyUpdate(acked[0]!)) });
    expect(retry.status).toBe(200);
    expect(((await retry.json()) as { duplicate: boolean }).duplicate).toBe(true);
    const status = (await (await fetch(`${again.url}/v1/status`)).json()) as { pendingUpdates: number };
    expect(status.pendingUpdates).toBe(ids.size);
    again.child.kill('SIGTERM');
  });

  it('with a server optimizer, kill -9 after rounds keeps the head\'s state and only the newest --keep-optimizer-states', async () => {
    const file = tempStore();
    new AggregationEngine({ store: file, seed: tinySeed() }).close();
    const { url, child } = await serve(['--store', file, '--min-updates', '1', '--noise-multiplier', '0', '--server-optimizer', 'momentum', '--keep-optimizer-states', '2', '--max-staleness', '100', '--rate-burst', '100']);
    for (let i = 0; i < 5; i++) {
      const r = await fetch(`${url}/v1/updates`, { method: 'POST', body: encodeUpdate(tinyUpdate(`opt-${i}`)), headers: { 'x-hearth-client': `o${i}` } });
      expect(r.status).toBe(202);
      // The round runs right after the 202: wait for it before the next upload.
      for (let t = 0; t < 200; t++) {
        const s = (await (await fetch(`${url}/v1/status`)).json()) as { round: number };
        if (s.round === i + 1) break;
        await new Promise((ok) => setTimeout(ok, 25));
      }
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r));
    const db = new Database(file, { readonly: true });
    try {
      expect((db.prepare('SELECT version FROM head').get() as { version: number }).version).toBe(6);
      expect((db.prepare('SELECT version FROM optimizer_state ORDER BY version').all() as { version: number }[]).map((r) => r.version)).toEqual([5, 6]);
    } finally {
      db.close();
    }
    const lines: string[] = [];
    const e = new AggregationEngine({ store: file, serverOptimizer: 'momentum', keepOptimizerStates: 2, log: (l) => lines.push(l) });
    e.close();
    expect(lines.filter((l) => /starting from zeros/.test(l))).toEqual([]); // the head's state was read back
  });

  it('exits non-zero with a clear message on bad input', async () => {
    const run = (args: string[]) =>
      new Promise<{ code: number | null; err: string }>((resolve) => {
        const c = spawn(process.execPath, ['--import', 'tsx', 'test/unit/server/serve-entry.ts', 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
        let err = '';
        c.stderr!.on('data', (d: Buffer) => (err += d.toString()));
        c.on('exit', (code) => resolve({ code, err }));
      });
    const noModel = await run(['--store', tempStore(), '--port', '0']);
    expect(noModel.code).toBe(2);
    expect(noModel.err).toMatch(/no model yet/);
    const badClip = await run(['--clip', 'abc']);
    expect(badClip.code).toBe(2);
    expect(badClip.err).toMatch(/--clip must be a number/);
    expect(badClip.err).not.toMatch(/\n\s+at /);
    const badAddress = await run(['--rate-address-per-minute=-1']);
    expect(badAddress.code).toBe(2);
    expect(badAddress.err).toMatch(/--rate-address-per-minute must be a number/);
    const badOptimizer = await run(['--server-optimizer', 'lamb']);
    expect(badOptimizer.code).toBe(2);
    expect(badOptimizer.err.trim()).toMatch(/^hearth.*--server-optimizer must be sgd, momentum or adam, got 'lamb'$/);
    const badKeep = await run(['--keep-optimizer-states', '0']);
    expect(badKeep.code).toBe(2);
    expect(badKeep.err).toMatch(/--keep-optimizer-states/);
    const badBeta = await run(['--server-beta1', '1.5']);
    expect(badBeta.code).toBe(2);
    expect(badBeta.err).toMatch(/--server-beta1/);
  });
});
