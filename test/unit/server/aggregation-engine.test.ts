import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { encodeUpdate } from '../../../src/protocol';
import { AggregationEngine } from '../../../src/server/aggregation-engine';
import { unpackWeights } from '../../../src/server/model-weights-file';
import { seededRandom } from '../../../src/federated/random';
import { tempStore, tinySeed, tinyUpdate } from './fixtures';

describe('aggregation engine DP noise', () => {
  it('adds Gaussian noise with std = z·C/n to every coordinate, and the accountant records it', () => {
    const seed = { tensors: [{ name: 'item_emb', shape: [5000, 4], values: new Float32Array(20000) }, { name: 'w', shape: [3, 2], values: new Float32Array(6) }], sparse: ['item_emb'], config: null };
    const e = new AggregationEngine({ store: tempStore(), seed, minUpdates: 4, clipNorm: 2, noiseMultiplier: 1.5, sampleRate: 0.01, random: seededRandom(4) });
    try {
      for (let i = 0; i < 4; i++) {
        const u = tinyUpdate(`z${i}`, 1, 0);
        u.sparse[0]!.rows = 5000;
        expect(e.submit(encodeUpdate(u), `c${i}`).ok).toBe(true);
      }
      expect(e.roundDue()).toBe(true);
      const r = e.runRound()!;
      expect(r.version).toBe(2);
      const m = e.store.model(2)!;
      const emb = unpackWeights(m.weights, m.tensors)[0]!.values;
      let s = 0;
      let s2 = 0;
      for (const x of emb) { s += x; s2 += x * x; }
      const sd = Math.sqrt(s2 / emb.length - (s / emb.length) ** 2);
      expect(s / emb.length).toBeCloseTo(0, 2);
      expect(sd).toBeGreaterThan(0.75 * 0.97);
      expect(sd).toBeLessThan(0.75 * 1.03); // 1.5 · 2 / 4
      expect(e.privacy().rounds).toBe(1);
      expect(e.privacy().epsilon).toBeGreaterThan(0);
      expect(e.manifest().privacy.epsilon).toBe(e.privacy().epsilon);
    } finally {
      e.close();
    }
  });

  it('refuses to start on an empty store without a seed model', () => {
    expect(() => new AggregationEngine({ store: tempStore() })).toThrow(/no model yet/);
  });

  it('group commit: acknowledges only after the shared transaction commits, once per id, nothing stored for rejections', async () => {
    const file = tempStore();
    const e = new AggregationEngine({ store: file, seed: tinySeed(), minUpdates: 1000 });
    const ids = () => {
      const db = new Database(file, { readonly: true });
      try {
        return (db.prepare('SELECT id FROM updates ORDER BY id').all() as { id: string }[]).map((r) => r.id);
      } finally {
        db.close();
      }
    };
    try {
      const pending = [
        e.submitGrouped(encodeUpdate(tinyUpdate('g-1')), 'a'),
        e.submitGrouped(encodeUpdate(tinyUpdate('g-2')), 'b'),
        e.submitGrouped(encodeUpdate(tinyUpdate('g-1')), 'c'), // same id in the same batch
        e.submitGrouped(encodeUpdate(tinyUpdate('g-bad', 1, 5)), 'd'), // over the norm bound
      ];
      // Validated, queued, not yet written: nothing may be acknowledged at this point.
      expect(ids()).toEqual([]);
      const results = await Promise.all(pending);
      expect(results.map((r) => r.status)).toEqual([202, 202, 200, 400]);
      expect(results[3]).toMatchObject({ ok: false, reason: 'over_norm' });
      expect(ids()).toEqual(['g-1', 'g-2']);
      expect(e.status()).toMatchObject({ pendingUpdates: 2, acceptedTotal: 2, rejectedTotal: 1 });
      // The synchronous path sees the grouped ones as duplicates.
      expect(e.submit(encodeUpdate(tinyUpdate('g-2')), 'b')).toMatchObject({ ok: true, status: 200 });
      // A round commits whatever is queued before the head moves.
      const late = e.submitGrouped(encodeUpdate(tinyUpdate('g-3')), 'e');
      expect(e.runRound()!.updates).toBe(3);
      expect((await late).status).toBe(202);
      expect(e.status()).toMatchObject({ pendingUpdates: 0, round: 1, roundDeadline: null });
    } finally {
      e.close();
    }
  });
});
