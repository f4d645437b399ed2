// Robust aggregation of clipped client updates into one full-size delta per tensor.
import type { ModelUpdate } from '../protocol';
import { clipUpdate, updateNorm } from '../federated/update-norm';

/** How client deltas are combined. */
export type AggregatorKind = 'mean' | 'trimmed-mean';

/** Options of `aggregateUpdates`. */
export interface AggregateOptions {
  kind: AggregatorKind;
  /** Every update is re-clipped to this L2 norm here (the norm bound the DP guarantee rests on). */
  clipNorm: number;
  /** For trimmed mean: fraction of values dropped at EACH end per coordinate, in [0, 0.5). */
  trimFraction: number;
  /** Full shapes of the model's tensors, by name. */
  shapes: ReadonlyMap<string, readonly number[]>;
}

/**
 * Result: full-size deltas by tensor name, plus the divisor the sum was scaled by. The mean delta
 * of a coordinate is `scale × deltas[i]` (scale absent = 1: the deltas are the mean itself).
 */
export interface Aggregate {
  deltas: Map<string, Float32Array | Float64Array>;
  /** Factor the deltas still need (1/n for a float64 sum handed over undivided); absent = 1. */
  scale?: number;
  /** The effective number of contributors each coordinate was averaged over (for DP noise). */
  divisor: number;
  count: number;
}

// Sum of the order statistics with rank in [lo, hi) of `sorted` merged with `zeros` zeros.
function trimmedSum(sorted: Float64Array | number[], len: number, zeros: number, lo: number, hi: number): number {
  let s = 0;
  let rank = 0;
  let i = 0;
  while (i < len && sorted[i]! < 0) { if (rank >= lo && rank < hi) s += sorted[i]!; rank++; i++; }
  rank += zeros; // zeros add nothing to the sum
  for (; i < len; i++, rank++) if (rank >= lo && rank < hi) s += sorted[i]!;
  return s;
}

// Hot loops live in small functions: V8 optimises them once and for all, where the same loops
// inlined in the large aggregateUpdates body ran several times slower.
function addScaled(d: Float32Array, v: Float32Array, f: number): void {
  for (let i = 0; i < v.length; i++) d[i]! += f * v[i]!;
}

function addRowsScaled(d: Float32Array, rowIds: Uint32Array, dim: number, v: Float32Array, f: number): void {
  for (let r = 0; r < rowIds.length; r++) {
    const off = rowIds[r]! * dim;
    const src = r * dim;
    for (let j = 0; j < dim; j++) d[off + j]! += f * v[src + j]!;
  }
}

/**
 * Combines updates coordinate-wise: each update is first re-clipped to `clipNorm` (norm bound);
 * 'mean' is FedAvg with equal client weights; 'trimmed-mean' drops the ⌊βn⌋ largest and smallest
 * values of every coordinate (clients that did not send a sparse row count as 0 there), which
 * bounds what a minority of scaled or sign-flipped updates can do. `input` may be a lazy
 * iterable (e.g. decoding stored payloads one by one); it is iterated exactly once.
 */
export function aggregateUpdates(input: readonly ModelUpdate[] | Iterable<ModelUpdate>, o: AggregateOptions): Aggregate {
  if (!(o.trimFraction >= 0 && o.trimFraction < 0.5)) throw new RangeError('aggregateUpdates: trimFraction must be in [0, 0.5)');
  const deltas = new Map<string, Float32Array>();
  for (const [name, shape] of o.shapes) deltas.set(name, new Float32Array(shape.reduce((a, b) => a * b, 1)));
  // The mean streams (one update in memory at a time: O(model), however many updates a round
  // has); the trimmed mean needs every update's value of a coordinate at once.
  const updates: Iterable<ModelUpdate> = o.kind === 'mean' ? input : [...input];
  let n = Array.isArray(updates) ? updates.length : -1;
  if (n === 0) return { deltas, divisor: 1, count: 0 };
  const k = o.kind === 'trimmed-mean' ? Math.floor(o.trimFraction * n) : 0;
  const target = (name: string) => {
    const d = deltas.get(name);
    if (!d) throw new TypeError(`aggregateUpdates: unknown tensor ${name}`);
    return d;
  };
  if (k === 0) {
    // The mean is linear: add f·u with f = min(1, C/‖u‖) instead of copying and clipping each update.
    let count = 0;
    for (const u of updates) {
      count++;
      const norm = updateNorm(u);
      if (!Number.isFinite(norm)) throw new RangeError('aggregateUpdates: update contains non-finite values');
      const f = norm > o.clipNorm ? o.clipNorm / norm : 1;
      for (const t of u.dense) {
        const d = target(t.name);
        if (t.values.length !== d.length) throw new RangeError(`aggregateUpdates: ${t.name} has ${t.values.length} values, the model ${d.length}`);
        addScaled(d, t.values, f);
      }
      for (const s of u.sparse) addRowsScaled(target(s.name), s.rowIds, s.dim, s.values, f);
    }
    n = count;
    if (n === 0) return { deltas, divisor: 1, count: 0 };
  } else {
    const clipped = (updates as ModelUpdate[]).map((u) => {
      const c = { dense: u.dense.map((t) => ({ ...t, values: t.values.slice() })), sparse: u.sparse.map((s) => ({ ...s, values: s.values.slice() })) };
      clipUpdate(c, o.clipNorm);
      return c;
    });
    const buf = new Float64Array(n);
    // Dense: every client has every coordinate.
    const denseByName = new Map<string, Float32Array[]>();
    for (const u of clipped) {
      for (const t of u.dense) {
        const list = denseByName.get(t.name) ?? [];
        list.push(t.values);
        denseByName.set(t.name, list);
      }
    }
    for (const [name, list] of denseByName) {
      const d = target(name);
      for (let i = 0; i < d.length; i++) {
        for (let c = 0; c < list.length; c++) buf[c] = list[c]![i]!;
        const view = buf.subarray(0, list.length).sort();
        d[i] = trimmedSum(view, list.length, n - list.length, k, n - k);
      }
    }
    // Sparse: group contributions by row; absent clients contribute zeros.
    const rowsByName = new Map<string, Map<number, Float32Array[]>>();
    const dims = new Map<string, number>();
    for (const u of clipped) {
      for (const s of u.sparse) {
        dims.set(s.name, s.dim);
        const rows = rowsByName.get(s.name) ?? new Map<number, Float32Array[]>();
        rowsByName.set(s.name, rows);
        for (let r = 0; r < s.rowIds.length; r++) {
          const list = rows.get(s.rowIds[r]!) ?? [];
          list.push(s.values.subarray(r * s.dim, (r + 1) * s.dim));
          rows.set(s.rowIds[r]!, list);
        }
      }
    }
    for (const [name, rows] of rowsByName) {
      const d = target(name);
      const dim = dims.get(name)!;
      for (const [row, list] of rows) {
        for (let j = 0; j < dim; j++) {
          for (let c = 0; c < list.length; c++) buf[c] = list[c]![j]!;
          const view = buf.subarray(0, list.length).sort();
          d[row * dim + j] = trimmedSum(view, list.length, n - list.length, k, n - k);
        }
      }
    }
  }
  const divisor = n - 2 * k;
  for (const d of deltas.values()) for (let i = 0; i < d.length; i++) d[i]! /= divisor;
  return { deltas, divisor, count: n };
}
