import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeUpdate, UPDATE_CONTENT_TYPE } from '../../../src/protocol';
import type { ModelManifest, SyncServerStatus } from '../../../src/protocol';
import { startServer } from '../../../src/server/index';
import type { StartedServer } from '../../../src/server/index';
import { seededRandom } from '../../../src/federated/random';
import { tempStore, tinySeed, tinyUpdate } from './fixtures';

let running: StartedServer | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

async function start(extra: Record<string, unknown> = {}) {
  const file = tempStore();
  running = await startServer({ store: file, seed: tinySeed(), minUpdates: 3, noiseMultiplier: 0, random: seededRandom(1), ...extra });
  return { url: running.url, file };
}

function post(url: string, body: Uint8Array<ArrayBuffer>, client = 'c1') {
  return fetch(`${url}/v1/updates`, { method: 'POST', body, headers: { 'content-type': UPDATE_CONTENT_TYPE, 'x-hearth-client': client } });
}

function rowsIn(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM updates').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('aggregation server over HTTP', () => {
  it('serves the manifest with an ETag, 304 on a match, and weights matching the sha256', async () => {
    const { url } = await start();
    const r = await fetch(`${url}/v1/model`);
    expect(r.status).toBe(200);
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    const m = (await r.json()) as ModelManifest;
    expect(m.version).toBe(1);
    expect(m.sparseTensors).toEqual(['item_emb']);
    expect(m.privacy.rounds).toBe(0);
    const again = await fetch(`${url}/v1/model`, { headers: { 'if-none-match': r.headers.get('etag')! } });
    expect(again.status).toBe(304);
    const w = new Uint8Array(await (await fetch(`${url}${m.weightsUrl}`)).arrayBuffer());
    expect(w.length).toBe(m.weightsBytes);
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(w).digest('hex')).toBe(m.sha256);
  });

  it('rejects every kind of bad update with a 4xx reason and writes nothing', async () => {
    const { url, file } = await start();
    const good = encodeUpdate(tinyUpdate('ok-1'));
    const corrupted = good.slice();
    corrupted[40] = corrupted[40]! ^ 0x55;
    const wrongShape = tinyUpdate('bad-shape');
    wrongShape.dense[0] = { name: 'w', shape: [2, 3], values: wrongShape.dense[0]!.values };
    const unknown = tinyUpdate('bad-name');
    unknown.dense[0]!.name = 'nope';
    const tooBigTable = tinyUpdate('bad-rows');
    tooBigTable.sparse[0]!.rows = 51;
    const overNorm = tinyUpdate('over-norm', 1, 2);
    const future = tinyUpdate('future', 9);
    const nanBytes = encodeUpdate(tinyUpdate('nan'));
    // Overwrite a float16 value with NaN bits and fix the CRC so only finiteness is wrong.
    const { crc32 } = await import('../../../src/federated/crc32');
    const off = nanBytes.length - 4 - 2;
    nanBytes[off] = 0x00; nanBytes[off + 1] = 0x7e;
    new DataView(nanBytes.buffer).setUint32(nanBytes.length - 4, crc32(nanBytes.subarray(0, nanBytes.length - 4)), true);
    const cases: [Uint8Array<ArrayBuffer>, number, string][] = [
      [new Uint8Array([1, 2, 3]), 400, 'truncated'],
      [good.subarray(0, good.length - 9), 400, 'bad_checksum'],
      [corrupted, 400, 'bad_checksum'],
      [encodeUpdate(wrongShape), 400, 'wrong_shape'],
      [encodeUpdate(unknown), 400, 'unknown_tensor'],
      [encodeUpdate(tooBigTable), 400, 'wrong_shape'],
      [encodeUpdate({ ...overNorm, clipNorm: 1 }), 400, 'over_norm'],
      [encodeUpdate({ ...tinyUpdate('big-clip'), clipNorm: 5 }), 400, 'clip_mismatch'],
      [encodeUpdate(future), 400, 'unknown_version'],
      [nanBytes, 400, 'not_finite'],
      [new Uint8Array(4 * 1024 * 1024 + 1), 413, 'too_large'],
    ];
    for (const [body, status, reason] of cases) {
      const r = await post(url, body, `c-${reason}`);
      expect({ reason, status: r.status }).toEqual({ reason, status });
      expect(((await r.json()) as { reason: string }).reason).toBe(reason);
    }
    expect(rowsIn(file)).toBe(0);
    const s = (await (await fetch(`${url}/v1/status`)).json()) as SyncServerStatus;
    expect(s.rejectedTotal).toBe(cases.length);
    expect(s.acceptedTotal).toBe(0);
  });

  it('applies a duplicate upload id once and aggregates a round at M updates', async () => {
    const { url, file } = await start();
    const first = await post(url, encodeUpdate(tinyUpdate('u-1')));
    expect(first.status).toBe(202);
    const dup = await post(url, encodeUpdate(tinyUpdate('u-1')));
    expect(dup.status).toBe(200);
    expect(((await dup.json()) as { duplicate: boolean }).duplicate).toBe(true);
    expect(rowsIn(file)).toBe(1);
    await post(url, encodeUpdate(tinyUpdate('u-2')), 'c2');
    await post(url, encodeUpdate(tinyUpdate('u-3')), 'c3');
    let m: ModelManifest | null = null;
    for (let i = 0; i < 50 && (!m || m.version === 1); i++) {
      await new Promise((r) => setTimeout(r, 20));
      m = (await (await fetch(`${url}/v1/model`)).json()) as ModelManifest;
    }
    expect(m!.version).toBe(2);
    expect(m!.privacy.rounds).toBe(1);
    const w = new Float32Array(await (await fetch(`${url}${m!.weightsUrl}`)).arrayBuffer());
    // item_emb row 2 moved by the mean delta (0.1 each, fp16) and row 0 did not; no noise here.
    expect(w[2 * 4]!).toBeCloseTo(0.2, 3);
    expect(w[0]!).toBeCloseTo(0.1, 6);
    // A retry of an already aggregated update is still acknowledged once, not re-applied.
    const late = await post(url, encodeUpdate(tinyUpdate('u-2')), 'c2');
    expect(late.status).toBe(200);
    const s = (await (await fetch(`${url}/v1/status`)).json()) as SyncServerStatus;
    expect(s.pendingUpdates).toBe(0);
    expect(s.acceptedTotal).toBe(3);
  });

  it('rejects stale versions after rounds move on', async () => {
    const { url } = await start({ minUpdates: 1, maxStaleness: 1 });
    await post(url, encodeUpdate(tinyUpdate('a')));
    await new Promise((r) => setTimeout(r, 50));
    await post(url, encodeUpdate(tinyUpdate('b', 2)), 'c2');
    await new Promise((r) => setTimeout(r, 50));
    const stale = await post(url, encodeUpdate(tinyUpdate('c', 1)), 'c3');
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { reason: string }).reason).toBe('stale_version');
  });

  it('rate-limits a flood from one client with 429 + Retry-After', async () => {
    const { url, file } = await start({ rateLimit: { burst: 5, perMinute: 1 }, minUpdates: 1000 });
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) codes.push((await post(url, encodeUpdate(tinyUpdate(`f-${i}`)), 'flooder')).status);
    expect(codes.filter((c) => c === 202)).toHaveLength(5);
    expect(codes.filter((c) => c === 429)).toHaveLength(7);
    expect(rowsIn(file)).toBe(5);
    const other = await post(url, encodeUpdate(tinyUpdate('other-1')), 'someone-else');
    expect(other.status).toBe(202);
  });

  it('limits one address across rotating client ids, unless the per-address bucket is off (proxy, load test)', async () => {
    const limited = await start({ rateLimit: { burst: 2, perMinute: 1 }, minUpdates: 1000 });
    const codes: number[] = [];
    // 2 × 10 = the default per-address burst; distinct ids each stay inside their own bucket.
    for (let i = 0; i < 25; i++) codes.push((await post(limited.url, encodeUpdate(tinyUpdate(`r-${i}`)), `dev-${i}`)).status);
    expect(codes.filter((c) => c === 202)).toHaveLength(20);
    expect(codes.filter((c) => c === 429)).toHaveLength(5);
    expect(rowsIn(limited.file)).toBe(20);
    await running!.close();
    running = null;
    const open = await start({ rateLimit: { burst: 2, perMinute: 1 }, addressRateLimit: null, minUpdates: 1000 });
    const ok: number[] = [];
    for (let i = 0; i < 25; i++) ok.push((await post(open.url, encodeUpdate(tinyUpdate(`o-${i}`)), `dev-${i}`)).status);
    expect(ok.every((c) => c === 202)).toBe(true);
    // The per-client bucket still holds: a third upload from one device within the minute is refused.
    await post(open.url, encodeUpdate(tinyUpdate('o-x1')), 'dev-0');
    expect((await post(open.url, encodeUpdate(tinyUpdate('o-x2')), 'dev-0')).status).toBe(429);
  });

  it('aggregates at the deadline with fewer than M updates, and rolls back as a new version', async () => {
    const { url } = await start({ minUpdates: 100, roundSeconds: 0.2, adminToken: 'secret' });
    await post(url, encodeUpdate(tinyUpdate('d-1')));
    let m: ModelManifest | null = null;
    for (let i = 0; i < 100 && (!m || m.version === 1); i++) {
      await new Promise((r) => setTimeout(r, 20));
      m = (await (await fetch(`${url}/v1/model`)).json()) as ModelManifest;
    }
    expect(m!.version).toBe(2);
    const denied = await fetch(`${url}/v1/admin/rollback`, { method: 'POST', body: JSON.stringify({ version: 1 }) });
    expect(denied.status).toBe(403);
    const rb = await fetch(`${url}/v1/admin/rollback`, { method: 'POST', body: JSON.stringify({ version: 1 }), headers: { authorization: 'Bearer secret' } });
    expect(await rb.json()).toEqual({ version: 3, optimizerState: 'none' }); // sgd keeps no optimizer state
    const m3 = (await (await fetch(`${url}/v1/model`)).json()) as ModelManifest;
    const m1w = await (await fetch(`${url}/v1/model/weights/1`)).arrayBuffer();
    expect(m3.version).toBe(3);
    expect(m3.sha256).toBe((await import('node:crypto')).createHash('sha256').update(new Uint8Array(m1w)).digest('hex'));
    expect(m3.privacy.rounds).toBe(1); // privacy spent stays spent
  });
});
