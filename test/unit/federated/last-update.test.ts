import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHearth } from '../../../src/hearth';
import { createSyncClient } from '../../../src/federated/sync-client';
import { summariseSentUpdate } from '../../../src/federated/last-update-summary';
import { encodeForUpload } from '../../../src/federated/encode-for-upload';
import { openHearthDb } from '../../../src/store/open-hearth-db';
import { getMeta, LAST_UPDATE_KEY, setMeta } from '../../../src/store/meta';
import { startServer } from '../../../src/server/index';
import type { LastUpdateSummary } from '../../../src/protocol';
import { tempStore, tinySeed, tinyUpdate } from '../server/fixtures';

const cleanup: (() => Promise<void> | void)[] = [];
beforeEach(() => { globalThis.indexedDB = new IDBFactory(); });
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

describe('the receipt of the last update sent', () => {
  it('is read from the encoded header: size, clip norm, base version, quantisation', () => {
    const body = encodeForUpload(tinyUpdate('r-1', 7));
    const s = summariseSentUpdate(body, 'r-1', { epsilon: 2.5, delta: 1e-6, noiseMultiplier: 1, clipNorm: 1, sampleRate: 0.1, rounds: 3, accountant: 'rdp-sampled-gaussian' }, 1234);
    expect(s).toEqual({ updateId: 'r-1', bytes: body.length, clipNorm: 1, baseVersion: 7, quantisation: 'fp16', sentAt: 1234, epsilon: 2.5, delta: 1e-6 });
    expect(summariseSentUpdate(body, 'r-1', null, 1).epsilon).toBeNull();
    expect(() => summariseSentUpdate(new Uint8Array(5), 'x', null, 1)).toThrow(RangeError);
  });

  it('is written once the server acknowledges an upload (not for duplicates), and hearth.lastUpdate() returns it', async () => {
    const s = await startServer({ store: tempStore(), seed: tinySeed(), minUpdates: 100, noiseMultiplier: 0 });
    cleanup.push(() => s.close());
    const db = await openHearthDb('hearth');
    cleanup.push(() => db.close());
    const h = createHearth();
    cleanup.push(() => h.close());
    await h.track({ type: 'search', query: 'boots' }); // the database exists, as on a real device
    expect(await h.lastUpdate()).toBeNull();

    const c = createSyncClient({ serverUrl: s.url, db, hasConsent: () => true, clientKey: 'dev1' });
    await c.fetchModel();
    await c.enqueue(tinyUpdate('u-1'));
    const before = Date.now();
    expect(await c.flush()).toMatchObject({ sent: 1 });
    const receipt = await getMeta<LastUpdateSummary>(db, LAST_UPDATE_KEY);
    expect(receipt).toMatchObject({ updateId: 'u-1', clipNorm: 1, baseVersion: 1, quantisation: 'fp16', delta: 1e-6 });
    expect(receipt!.bytes).toBe(encodeForUpload(tinyUpdate('u-1')).length);
    expect(receipt!.sentAt).toBeGreaterThanOrEqual(before);
    expect(await h.lastUpdate()).toEqual(receipt);

    // A duplicate acknowledgement does not replace the receipt.
    await c.enqueue(tinyUpdate('u-1'));
    expect(await c.flush()).toMatchObject({ duplicates: 1 });
    expect((await getMeta<LastUpdateSummary>(db, LAST_UPDATE_KEY))!.updateId).toBe('u-1');
  });

  it('is null before consent and gone after forget()', async () => {
    const h = createHearth({ requireConsent: true });
    cleanup.push(() => h.close());
    expect(await h.lastUpdate()).toBeNull();
    await h.consent(true);
    await h.track({ type: 'search', query: 'boots' });
    const db = await openHearthDb('hearth');
    await setMeta(db, LAST_UPDATE_KEY, { updateId: 'x', bytes: 10, clipNorm: 1, baseVersion: 1, quantisation: 'int8', sentAt: 1, epsilon: null, delta: null });
    db.close();
    expect(await h.lastUpdate()).toMatchObject({ updateId: 'x' });
    await h.forget();
    expect(await h.lastUpdate()).toBeNull();
  });
});
