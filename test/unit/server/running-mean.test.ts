import { describe, expect, it } from 'vitest';
import { decodeUpdate, encodeUpdate } from '../../../src/protocol';
import type { ModelUpdate } from '../../../src/protocol';
import { AggregationEngine } from '../../../src/server/aggregation-engine';
import { unpackWeights } from '../../../src/server/model-weights-file';
import { meanOfPayloads, sumOfPayloads } from '../../../src/server/payload-mean';
import { aggregateUpdates } from '../../../src/server/robust-aggregate';
import { RunningMean } from '../../../src/server/running-mean';
import { inspectUpdate } from '../../../src/federated/update-codec';
import { tempStore, tinySeed, tinyUpdate } from './fixtures';

const shapes = new Map([['item_emb', [50, 4]], ['w', [3, 2]]]);

function int8Update(id: string, scale: number, rows: number[]): ModelUpdate {
  return { ...tinyUpdate(id, 1, scale), quantisation: 'int8', sparse: [{ name: 'item_emb', rows: 50, dim: 4, rowIds: Uint32Array.from(rows), values: Float32Array.from({ length: rows.length * 4 }, (_, i) => scale * (i % 5 - 2)) }] };
}

describe('FedAvg straight from payloads', () => {
  it('equals the clipped mean of the decoded updates (int8 and fp16, an over-norm update re-clipped, rows only some send)', () => {
    const payloads = [encodeUpdate(int8Update('a', 0.1, [2, 7])), encodeUpdate(tinyUpdate('b', 1, 0.05)), encodeUpdate(int8Update('c', 3, [7, 9, 40]))];
    expect(inspectUpdate(payloads[2]!).norm).toBeGreaterThan(1); // c must be re-clipped
    const want = aggregateUpdates(payloads.map((p) => decodeUpdate(p)), { kind: 'mean', clipNorm: 1, trimFraction: 0, shapes });
    const got = meanOfPayloads(payloads, 1, shapes);
    expect(got.divisor).toBe(3);
    expect(got.count).toBe(3);
    for (const [name, d] of want.deltas) {
      const g = got.deltas.get(name)!;
      expect(g.length).toBe(d.length);
      d.forEach((x, i) => expect(g[i]).toBeCloseTo(x, 6));
    }
    expect(got.deltas.get('item_emb')![9 * 4 + 1]).not.toBe(0);
  });

  it('refuses a payload that does not fit the shapes, or that check() refuses, before adding it', () => {
    const other = new Map([['item_emb', [60, 4]], ['w', [3, 2]]]);
    expect(() => meanOfPayloads([encodeUpdate(int8Update('a', 0.1, [2]))], 1, other)).toThrow(/item_emb/);
    expect(() => meanOfPayloads([encodeUpdate(int8Update('a', 0.1, [2]))], 1, shapes, () => { throw new Error('no'); })).toThrow('no');
    expect(() => new RunningMean(shapes, 0)).toThrow(RangeError);
    expect(() => new RunningMean(shapes, 1).add('x', encodeUpdate(int8Update('a', 0.1, [2])), NaN)).toThrow(RangeError);
    // A cleared sum is empty and sums again like a new one; ids handed out before stay as they were.
    const payloads = [encodeUpdate(int8Update('a', 0.1, [2, 7])), encodeUpdate(int8Update('b', 0.2, [7, 9]))];
    const used = sumOfPayloads(payloads, 1, shapes);
    const ids = used.ids;
    const reused = sumOfPayloads(payloads.slice(1), 1, shapes, undefined, undefined, used.clear());
    expect(ids).toEqual(['a', 'b']);
    expect(reused.ids).toEqual(['b']);
    expect(reused.result()).toEqual(sumOfPayloads(payloads.slice(1), 1, shapes).result());
    expect(() => sumOfPayloads(payloads, 1, shapes, undefined, undefined, reused)).toThrow(/empty/);
    const empty = new RunningMean(shapes, 1).result();
    expect(empty.count).toBe(0);
    expect(empty.divisor).toBe(1);
  });

  it('a server restarted between intake and round aggregates the same new version as one that was not', () => {
    const run = (restart: boolean): Float32Array[] => {
      const file = tempStore();
      const opts = { store: file, seed: tinySeed(), minUpdates: 1000, noiseMultiplier: 0 };
      let e = new AggregationEngine(opts);
      try {
        for (const [i, s] of [0.1, 0.15, 0.05].entries()) expect(e.submit(encodeUpdate(int8Update(`u${i}`, s, [1 + i, 20])), `c${i}`).ok).toBe(true);
        if (restart) { e.close(); e = new AggregationEngine(opts); }
        expect(e.runRound()!.updates).toBe(3);
        expect(e.runRound()).toBeNull();
        const m = e.store.model(2)!;
        return unpackWeights(m.weights, m.tensors).map((t) => t.values);
      } finally {
        e.close();
      }
    };
    const a = run(false);
    const b = run(true);
    expect(b).toEqual(a);
    expect(a[0]![1 * 4]).not.toBeCloseTo(0.1, 6); // the round moved the rows
  });
});
