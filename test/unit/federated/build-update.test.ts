import { describe, expect, it } from 'vitest';
import { buildModelUpdate } from '../../../src/federated/build-update';
import { clipUpdate, updateNorm } from '../../../src/federated/update-norm';
import { padRowsWithDecoys } from '../../../src/federated/decoy-rows';
import { gaussianSampler, seededRandom } from '../../../src/federated/random';
import { aggregateUpdates } from '../../../src/server/robust-aggregate';

function weights(emb: number[], w: number[]) {
  return [
    { name: 'emb', shape: [emb.length / 2, 2], values: Float32Array.from(emb) },
    { name: 'w', shape: [w.length], values: Float32Array.from(w) },
  ];
}

describe('private update building', () => {
  it('clips to exactly C when over and leaves smaller updates alone', () => {
    const u = { dense: [{ name: 'w', shape: [2], values: Float32Array.from([3, 4]) }], sparse: [] };
    expect(clipUpdate(u, 1)).toBeCloseTo(5, 6);
    expect(updateNorm(u)).toBeCloseTo(1, 6);
    expect(clipUpdate(u, 2)).toBeCloseTo(1, 6);
    expect(updateNorm(u)).toBeCloseTo(1, 6);
    expect(() => clipUpdate(u, 0)).toThrow(/clipNorm/);
  });

  it('sends a fixed number of rows: the real ones plus decoys, sorted and unique', () => {
    const rows = padRowsWithDecoys([42, 7, 99], 1000, 64, seededRandom(3));
    expect(rows.length).toBe(64);
    expect([...rows]).toEqual([...new Set(rows)].sort((a, b) => a - b));
    for (const r of [7, 42, 99]) expect(rows).toContain(r);
    expect(padRowsWithDecoys([1], 5, 64, seededRandom(3)).length).toBe(5);
    expect(() => padRowsWithDecoys([10], 5, 3, seededRandom(1))).toThrow(/outside/);
  });

  it('builds delta = local − base, hides touched rows among decoys with matched spread, clips', () => {
    const base = weights(new Array(2000).fill(0), [0, 0, 0]);
    const local = weights(new Array(2000).fill(0), [0.01, 0, 0]);
    local[0]!.values[2 * 5] = 0.02; // row 5 touched
    local[0]!.values[2 * 9 + 1] = -0.02; // row 9 touched
    const u = buildModelUpdate({ baseVersion: 3, base, local, sparseTensors: ['emb'], rowsPerUpdate: 32, clipNorm: 1, quantisation: 'int8', updateId: 'id1', random: seededRandom(9) });
    expect(u.dense).toHaveLength(1);
    expect(u.dense[0]!.values[0]).toBeCloseTo(0.01, 6);
    const s = u.sparse[0]!;
    expect(s.rowIds.length).toBe(32);
    expect(s.rowIds).toContain(5);
    expect(s.rowIds).toContain(9);
    // Decoy rows are not all-zero (a zero row would give the real ones away).
    let zeroRows = 0;
    for (let k = 0; k < s.rowIds.length; k++) if (s.values[2 * k] === 0 && s.values[2 * k + 1] === 0) zeroRows++;
    expect(zeroRows).toBe(0);
    expect(updateNorm(u)).toBeLessThanOrEqual(1 + 1e-6);
    const big = buildModelUpdate({ baseVersion: 3, base, local: weights(new Array(2000).fill(1), [5, 5, 5]), sparseTensors: ['emb'], rowsPerUpdate: 8, clipNorm: 0.5, quantisation: 'fp16', updateId: 'id2', random: seededRandom(1) });
    expect(updateNorm(big)).toBeCloseTo(0.5, 5);
    expect(() => buildModelUpdate({ baseVersion: 3, base, local: weights([0, 0], [0]), sparseTensors: [], rowsPerUpdate: 0, clipNorm: 1, quantisation: 'fp16', updateId: 'x', random: seededRandom(1) })).toThrow(/changed shape/);
  });

  it('given touched rows, reads only those rows and builds the same update as a full scan', () => {
    const base = weights(Array.from({ length: 400 }, (_, i) => Math.sin(i)), [1, 2, 3]);
    const local = weights(Array.from({ length: 400 }, (_, i) => Math.sin(i)), [1, 2.5, 3]);
    for (const [r, v] of [[17, 0.3], [150, -0.2], [3, 0.05]] as const) local[0]!.values[2 * r + 1] = base[0]!.values[2 * r + 1]! + v;
    const opts = { baseVersion: 1, base, sparseTensors: ['emb'], rowsPerUpdate: 12, clipNorm: 10, quantisation: 'int8' as const, updateId: 'x' };
    const scanned = buildModelUpdate({ ...opts, local, random: seededRandom(4) });
    const given = buildModelUpdate({ ...opts, local, random: seededRandom(4), touchedRows: new Map([['emb', [3, 150, 17, 17]]]) });
    expect([...given.sparse[0]!.rowIds]).toEqual([...scanned.sparse[0]!.rowIds]);
    expect([...given.sparse[0]!.values]).toEqual([...scanned.sparse[0]!.values]);
    expect([...given.dense[0]!.values]).toEqual([...scanned.dense[0]!.values]);
    // Rows not named are not read: a change there is not sent.
    local[0]!.values[2 * 90] += 1;
    const stillGiven = buildModelUpdate({ ...opts, local, random: seededRandom(4), touchedRows: new Map([['emb', [3, 150, 17]]]) });
    expect([...stillGiven.sparse[0]!.values]).toEqual([...given.sparse[0]!.values]);
    expect(() => buildModelUpdate({ ...opts, local, random: seededRandom(4), touchedRows: new Map([['emb', [200]]]) })).toThrow(/outside emb/);
  });

  it('Gaussian noise has the right mean and spread, and decoy noise averages out across clients', () => {
    const g = gaussianSampler(seededRandom(11));
    let s = 0;
    let s2 = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) { const x = g(); s += x; s2 += x * x; }
    expect(s / n).toBeCloseTo(0, 2);
    expect(s2 / n).toBeCloseTo(1, 2);
    // 400 clients touch only row 0 (+1 on both coords), 31 decoy rows each: the mean stays close.
    const base = weights(new Array(200).fill(0), []);
    const updates = Array.from({ length: 400 }, (_, c) => {
      const local = weights(new Array(200).fill(0), []);
      local[0]!.values[0] = 0.1;
      local[0]!.values[1] = 0.1;
      return buildModelUpdate({ baseVersion: 1, base, local, sparseTensors: ['emb'], rowsPerUpdate: 32, clipNorm: 10, quantisation: 'fp16', updateId: `c${c}`, random: seededRandom(c + 1) });
    });
    const agg = aggregateUpdates(updates, { kind: 'mean', clipNorm: 10, trimFraction: 0, shapes: new Map([['emb', [100, 2]], ['w', [0]]]) });
    const emb = agg.deltas.get('emb')!;
    expect(emb[0]).toBeCloseTo(0.1, 6);
    let maxDecoy = 0;
    for (let i = 2; i < emb.length; i++) maxDecoy = Math.max(maxDecoy, Math.abs(emb[i]!));
    expect(maxDecoy).toBeLessThan(0.03); // decoy noise ~ 0.1·√(0.31/400) per coordinate
  });
});
