import 'fake-indexeddb/auto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createSyncClient } from '../../../src/federated/sync-client';
import { openHearthDb } from '../../../src/store/open-hearth-db';
import { listOutbox } from '../../../src/store/outbox';
import { seededRandom } from '../../../src/federated/random';
import { startServer } from '../../../src/server/index';
import type { StartedServer } from '../../../src/server/index';
import { tempStore, tinySeed, tinyUpdate } from '../server/fixtures';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

let dbn = 0;
async function db() {
  const d = await openHearthDb(`hearth-sync-test-${++dbn}`);
  cleanup.push(() => d.close());
  return d;
}

async function server(extra: Record<string, unknown> = {}): Promise<StartedServer> {
  const s = await startServer({ store: tempStore(), seed: tinySeed(), minUpdates: 3, noiseMultiplier: 0, ...extra });
  cleanup.push(() => s.close());
  return s;
}

/** Counts requests on the way out (the real fetch does the work). */
function countingFetch() {
  const calls: string[] = [];
  const f = ((input: RequestInfo | URL, init?: RequestInit) => {
    calls.push(`${init?.method ?? 'GET'} ${String(input)}`);
    return fetch(input, init);
  }) as typeof fetch;
  return { f, calls };
}

describe('sync client against a real hearth server', () => {
  it('sends nothing without consent or offline, and keeps queued updates', async () => {
    const s = await server();
    const d = await db();
    const { f, calls } = countingFetch();
    let consent = false;
    let online = true;
    const c = createSyncClient({ serverUrl: s.url, db: d, hasConsent: () => consent, isOnline: () => online, fetch: f });
    expect(await c.enqueue(tinyUpdate('n-1'))).toBeNull();
    expect(await c.pending()).toBe(0);
    consent = true;
    expect(await c.enqueue(tinyUpdate('n-2'))).toBe('n-2');
    online = false;
    expect((await c.flush()).skipped).toBe('offline');
    consent = false;
    online = true;
    expect((await c.flush()).skipped).toBe('no-consent');
    expect(calls).toEqual([]);
    expect(await c.pending()).toBe(1);
  });

  it('uploads, gets a round aggregated, and picks up the new verified version (304 after)', async () => {
    const s = await server();
    const d = await db();
    const c = createSyncClient({ serverUrl: s.url, db: d, hasConsent: () => true, clientKey: 'dev1' });
    const first = await c.fetchModel();
    expect(first!.manifest.version).toBe(1);
    for (const id of ['a', 'b', 'c']) await c.enqueue(tinyUpdate(id));
    const r = await c.flush();
    expect(r).toMatchObject({ sent: 3, duplicates: 0, failures: 0, remaining: 0 });
    let m = null;
    for (let i = 0; i < 50 && !m; i++) {
      await new Promise((res) => setTimeout(res, 20));
      m = await c.fetchModel(first!.etag);
    }
    expect(m!.manifest.version).toBe(2);
    expect(m!.tensors.map((t) => t.name)).toEqual(['item_emb', 'w']);
    expect(await c.fetchModel(m!.etag)).toBeNull();
    // Re-sending an id already applied is acknowledged as a duplicate, not applied twice.
    await c.enqueue(tinyUpdate('a'));
    expect(await c.flush()).toMatchObject({ sent: 0, duplicates: 1 });
  });

  it('bounded retries with backoff while the server is down, nothing lost, then delivers', async () => {
    const d = await db();
    // A port nobody listens on: reserve one, then close it.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const delays: number[] = [];
    const c = createSyncClient({ serverUrl: `http://127.0.0.1:${port}`, db: d, hasConsent: () => true, maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000, random: seededRandom(2), sleep: async (ms) => { delays.push(ms); } });
    await c.enqueue(tinyUpdate('down-1'));
    await c.enqueue(tinyUpdate('down-2'));
    const r = await c.flush();
    expect(r.failures).toBe(3); // three tries of the first update, then it stops for this flush
    expect(r.remaining).toBe(2);
    expect(delays).toHaveLength(2);
    expect(delays[0]!).toBeLessThanOrEqual(100);
    expect(delays[1]!).toBeLessThanOrEqual(200);
    expect((await listOutbox(d)).find((x) => x.id === 'down-1')!.attempts).toBe(3);
    // The server comes up on that port: the same outbox is delivered.
    const s = await startServer({ store: tempStore(), seed: tinySeed(), minUpdates: 100, port });
    cleanup.push(() => s.close());
    expect(await c.flush()).toMatchObject({ sent: 2, remaining: 0 });
  });

  it('retries a 5xx server a bounded number of times and keeps the update', async () => {
    let hits = 0;
    const bad = createServer((_req, res) => { hits++; res.writeHead(503).end(); });
    await new Promise<void>((r) => bad.listen(0, '127.0.0.1', () => r()));
    cleanup.push(() => new Promise<void>((r) => bad.close(() => r())));
    const d = await db();
    const c = createSyncClient({ serverUrl: `http://127.0.0.1:${(bad.address() as AddressInfo).port}`, db: d, hasConsent: () => true, maxAttempts: 4, sleep: async () => {} });
    await c.enqueue(tinyUpdate('x'));
    const r = await c.flush();
    expect(hits).toBe(4);
    expect(r).toMatchObject({ sent: 0, failures: 4, remaining: 1 });
  });

  it('drops updates the server refuses for good and reports why; the outbox is bounded', async () => {
    const s = await server();
    const d = await db();
    const c = createSyncClient({ serverUrl: s.url, db: d, hasConsent: () => true, maxOutbox: 2 });
    const wrong = tinyUpdate('wrong');
    wrong.dense[0]!.name = 'not-a-tensor';
    await c.enqueue(wrong);
    const r = await c.flush();
    expect(r.rejected).toEqual([{ id: 'wrong', status: 400, reason: 'unknown_tensor' }]);
    expect(r.remaining).toBe(0);
    for (const id of ['o1', 'o2', 'o3', 'o4']) await c.enqueue(tinyUpdate(id));
    expect((await listOutbox(d)).map((x) => x.id)).toEqual(['o3', 'o4']);
    expect(() => createSyncClient({ serverUrl: 'ftp://x', db: d, hasConsent: () => true })).toThrow(/serverUrl/);
  });
});
