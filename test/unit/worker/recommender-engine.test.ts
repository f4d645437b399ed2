import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeEach, describe, expect, it } from 'vitest';
import { createRecommenderEngine } from '../../../src/worker/recommender-engine';
import type { HistoryEntry, WorkerConfig, WorkerRequest } from '../../../src/protocol';
import { loadModel } from '../../../src/model/artifacts';
import { topK } from '../../../src/recommend/top-k';
import { memoryOrigin, modelFiles, tinyArtifacts } from './support/tiny-model';

const BASE = 'https://shop.test/model/';
const config: WorkerConfig = { modelUrl: `${BASE}manifest.json`, wasmPath: '/', backend: 'cpu', dbName: 'hearth-test' };
const history: HistoryEntry[] = [3, 7, 7, 12, 5].map((i) => ({ itemId: `sku-${i}`, kind: 'view' as const }));
let nextId = 1;
/** Stored events that produce `h` as the history (views, cart adds, purchases). */
const toEvents = (h: HistoryEntry[]) => h.map((e, i) => {
  const base = { id: `e${i}`, ts: 1000 + i };
  return e.kind === 'purchase' ? { ...base, type: 'purchase', items: [{ id: e.itemId }], value: 1, currency: 'EUR' } : { ...base, type: e.kind === 'cart' ? 'add_to_cart' : 'product_view', item: { id: e.itemId } };
});
const req = <T extends WorkerRequest['type']>(type: T, fields: object = {}) => ({ id: nextId++, type, ...fields }) as Extract<WorkerRequest, { type: T }>;

beforeEach(() => { globalThis.indexedDB = new IDBFactory(); });

describe('recommender engine (Node, cpu backend, fake-indexeddb)', () => {
  it('loads, verifies and caches the model, and ranks like the model does', async () => {
    await tf.setBackend('cpu');
    const origin = memoryOrigin(BASE);
    const a = await tinyArtifacts(1);
    origin.serve(modelFiles(a));
    const engine = createRecommenderEngine({ fetch: origin.fetch });
    const st = await engine.handle(req('init', { config }));
    expect(st).toMatchObject({ backend: 'cpu', modelVersion: 'v1', numItems: 40, lastError: null });

    const res = await engine.handle(req('recommend', { events: toEvents(history), options: { k: 5 } }));
    expect(res.source).toBe('model');
    expect(res.items).toHaveLength(5);
    // Reference: the same model scored directly, seen items kept (no purchase/cart), top 5.
    const { model } = await loadModel(await tinyArtifacts(1));
    const expected = topK(model.scoreAll([3, 7, 7, 12, 5]), 5).map((c) => `sku-${c.index}`);
    model.dispose();
    expect(res.items.map((r) => r.itemId)).toEqual(expected);
    for (const r of res.items) {
      for (const why of r.reasons) expect(history.map((h) => h.itemId)).toContain(why.itemId);
      expect(r.reasons.reduce((s, x) => s + x.weight, 0)).toBeLessThanOrEqual(1.000001);
    }
  });

  it('keeps the previous model on a hash mismatch, and starts offline from the cache', async () => {
    await tf.setBackend('cpu');
    const origin = memoryOrigin(BASE);
    origin.serve(modelFiles(await tinyArtifacts(1)));
    const engine = createRecommenderEngine({ fetch: origin.fetch });
    await engine.handle(req('init', { config }));
    // v2 whose first shard was tampered with after hashing.
    const files = modelFiles(await tinyArtifacts(2));
    const shard = files.get('group1-shard1of1.bin') as Uint8Array;
    shard[10] ^= 0xff;
    origin.serve(files);
    await expect(engine.handle(req('refreshModel'))).rejects.toMatchObject({ code: 'model_integrity', message: expect.stringMatching(/sha256 mismatch/) });
    const st = await engine.handle(req('status'));
    expect(st.modelVersion).toBe('v1');
    expect(st.lastError).toMatch(/sha256 mismatch.*keeping model v1/);
    expect((await engine.handle(req('recommend', { events: toEvents(history), options: { k: 3 } }))).source).toBe('model');

    // A good v2 upgrades without a restart; v1 becomes the previous version.
    origin.serve(modelFiles(await tinyArtifacts(2)));
    expect(await engine.handle(req('refreshModel'))).toMatchObject({ modelVersion: 'v2', previousVersion: 'v1', lastError: null });

    // A fresh engine (a reload) with the network gone starts from the IndexedDB cache.
    origin.setOnline(false);
    const offline = createRecommenderEngine({ fetch: origin.fetch });
    const st2 = await offline.handle(req('init', { config }));
    expect(st2.modelVersion).toBe('v2');
    expect(st2.previousVersion).toBe('v1');
    expect(st2.lastError).toMatch(/model download failed/);
    expect((await offline.handle(req('recommend', { events: toEvents(history), options: { k: 3 } }))).items).toHaveLength(3);
  });

  it('applies rules, cold start and the documented no-model fallback', async () => {
    await tf.setBackend('cpu');
    const origin = memoryOrigin(BASE);
    origin.serve(modelFiles(await tinyArtifacts(1)));
    const engine = createRecommenderEngine({ fetch: origin.fetch });
    await engine.handle(req('init', { config }));
    const bought: HistoryEntry[] = [...history, { itemId: 'sku-9', kind: 'purchase' }, { itemId: 'sku-10', kind: 'cart' }];
    const all = await engine.handle(req('recommend', { events: toEvents(bought), options: { k: 40 } }));
    expect(all.items.map((r) => r.itemId)).not.toContain('sku-9');
    expect(all.items.map((r) => r.itemId)).not.toContain('sku-10');
    // Unknown items only → popularity cold start.
    const cold = await engine.handle(req('recommend', { events: toEvents([{ itemId: 'never-seen', kind: 'view' }]), options: { k: 3 } }));
    expect(cold.source).toBe('popularity');
    expect(cold.items[0]!.itemId).toBe('sku-' + [...Array(40).keys()].map((i) => i + 1).sort((x, y) => ((y * 7919) % 53) - ((x * 7919) % 53) || x - y)[0]);

    origin.serve(new Map());
    const none = createRecommenderEngine({ fetch: origin.fetch });
    await none.handle(req('init', { config: { ...config, dbName: 'hearth-other' } }));
    await expect(none.handle(req('recommend', { events: toEvents(history), options: { k: 3 } }))).rejects.toMatchObject({ code: 'no_model', message: expect.stringMatching(/404/) });
    await none.handle(req('setCatalog', { items: [{ id: 'a', popularity: 1, category: 'x' }, { id: 'b', popularity: 9, category: 'y' }] }));
    const fb = await none.handle(req('recommend', { events: toEvents(history), options: { k: 1 } }));
    expect(fb).toMatchObject({ source: 'popularity', modelVersion: null, items: [{ itemId: 'b' }] });
    expect(fb.warning).toMatch(/no model available/);
  });

  it('rejects bad input clearly and leaks no tensors across many calls', async () => {
    await tf.setBackend('cpu');
    const origin = memoryOrigin(BASE);
    origin.serve(modelFiles(await tinyArtifacts(1)));
    const engine = createRecommenderEngine({ fetch: origin.fetch });
    await expect(engine.handle(req('recommend', { events: toEvents(history), options: { k: 3 } }))).rejects.toThrow(/not initialised/);
    await engine.handle(req('init', { config }));
    await expect(engine.handle(req('recommend', { events: toEvents(history), options: { k: 0 } }))).rejects.toMatchObject({ code: 'invalid_argument' });
    await expect(engine.handle(req('recommend', { events: toEvents(history), options: { k: 1e9 } }))).rejects.toThrow(/k must be an integer/);
    await expect(engine.handle(req('recommend', { events: toEvents(history), options: { k: 3, filter: { colour: 'red' } } }))).rejects.toThrow(/unknown filter 'colour'/);
    await expect(engine.handle(req('recommend', { events: 'nope', options: { k: 3 } }))).rejects.toThrow(/events must be an array/);
    await expect(engine.handle(req('recommend', { events: [{ type: 'product_view' }], options: { k: 3 } }))).rejects.toThrow(/events\[0\] is not a stored Hearth event/);
    const before = (await engine.handle(req('status'))).numTensors;
    for (let i = 0; i < 200; i++) await engine.handle(req('recommend', { events: toEvents(history), options: { k: 10, diversity: 0.3 } }));
    expect((await engine.handle(req('status'))).numTensors).toBe(before);
  });
});

describe('federated hooks', () => {
  it('finetune and sync explain what is missing instead of failing silently', async () => {
    await tf.setBackend('cpu');
    const origin = memoryOrigin(BASE);
    origin.serve(modelFiles(await tinyArtifacts(1)));
    const engine = createRecommenderEngine({ fetch: origin.fetch });
    await engine.handle(req('init', { config }));
    await expect(engine.handle(req('sync'))).rejects.toMatchObject({ code: 'unsupported', message: expect.stringMatching(/federationUrl/) });
    const fed = createRecommenderEngine({ fetch: origin.fetch });
    await fed.handle(req('init', { config: { ...config, dbName: 'hearth-fed', federationUrl: 'https://fl.test' } }));
    await expect(fed.handle(req('finetune', { events: toEvents(history.slice(0, 1)) }))).rejects.toThrow(/at least 2 known items/);
    // No aggregation server reachable: the federated client's own error comes through.
    await expect(fed.handle(req('finetune', { events: toEvents(history) }))).rejects.toThrow(/global model is not available|fetch|404/);
  });
  it('passes the page\'s personalWeight to the device federation (a bad one is refused there, before any fetch)', async () => {
    await tf.setBackend('cpu');
    const origin = memoryOrigin(BASE);
    origin.serve(modelFiles(await tinyArtifacts(1)));
    const fed = createRecommenderEngine({ fetch: origin.fetch });
    await fed.handle(req('init', { config: { ...config, dbName: 'hearth-fed-alpha', federationUrl: 'https://fl.test', personalWeight: 2 } }));
    await expect(fed.handle(req('finetune', { events: toEvents(history) }))).rejects.toThrow(/personalWeight must be a number in \[0, 1\]/);
  });
});
