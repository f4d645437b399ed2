// Turns "global weights before" and "local weights after" fine-tuning into a private update.
import type { ModelUpdate, Quantisation, SparseRowsDelta } from '../protocol';
import { padRowsWithDecoys } from './decoy-rows';
import { indexTensors } from './named-weights';
import type { NamedTensor } from './named-weights';
import { gaussianSampler } from './random';
import type { Random } from './random';
import { clipUpdate } from './update-norm';

/** Inputs of `buildModelUpdate`. */
export interface BuildUpdateOptions {
  /** The global model version the device started from. */
  baseVersion: number;
  base: readonly NamedTensor[];
  local: readonly NamedTensor[];
  /** 2-D tensors sent as sparse row blocks (item embeddings). */
  sparseTensors: readonly string[];
  /** Rows per sparse tensor in every update (real + decoy); fixed so the count leaks nothing. */
  rowsPerUpdate: number;
  clipNorm: number;
  quantisation: Quantisation;
  updateId: string;
  random: Random;
  /** Rows known to be touched; default: rows whose delta is non-zero. */
  touchedRows?: ReadonlyMap<string, Iterable<number>>;
}

/**
 * Computes local − base for every tensor; embedding tables become exactly `rowsPerUpdate` rows
 * (touched rows, largest first, padded with decoy rows whose values are Gaussian with the same
 * per-coordinate spread as the real rows, so ids and magnitudes do not single out the real ones);
 * then clips the whole update to L2 norm `clipNorm`. Quantisation happens in `encodeUpdate`.
 */
export function buildModelUpdate(o: BuildUpdateOptions): ModelUpdate {
  const base = indexTensors(o.base, 'base weights');
  const local = indexTensors(o.local, 'local weights');
  if (!Number.isInteger(o.rowsPerUpdate) || o.rowsPerUpdate < 0) throw new RangeError('buildModelUpdate: rowsPerUpdate must be an integer ≥ 0');
  const sparseNames = new Set(o.sparseTensors);
  const gauss = gaussianSampler(o.random);
  const dense: ModelUpdate['dense'] = [];
  const sparse: SparseRowsDelta[] = [];
  for (const [name, b] of base) {
    const l = local.get(name);
    if (!l) throw new TypeError(`buildModelUpdate: local weights lack ${name}`);
    if (l.values.length !== b.values.length || l.shape.join() !== b.shape.join()) throw new TypeError(`buildModelUpdate: ${name} changed shape`);
    if (!sparseNames.has(name)) {
      const delta = new Float32Array(b.values.length);
      for (let i = 0; i < delta.length; i++) delta[i] = l.values[i]! - b.values[i]!;
      dense.push({ name, shape: [...b.shape], values: delta });
      continue;
    }
    if (b.shape.length !== 2) throw new TypeError(`buildModelUpdate: sparse tensor ${name} must be 2-D`);
    const [rows, dim] = b.shape as [number, number];
    // Row deltas are computed only for candidate rows (given, or found by one scan), never as a
    // full-size table: an item table is most of the model and a device touches a few rows.
    const rowDelta = new Map<number, Float32Array>();
    const norms = new Map<number, number>();
    const consider = (r: number) => {
      if (rowDelta.has(r)) return;
      if (!Number.isInteger(r) || r < 0 || r >= rows) throw new RangeError(`buildModelUpdate: touched row ${r} outside ${name}`);
      const d = new Float32Array(dim);
      let sq = 0;
      for (let j = 0; j < dim; j++) {
        d[j] = l.values[r * dim + j]! - b.values[r * dim + j]!;
        sq += d[j]! * d[j]!;
      }
      if (sq > 0 || given) {
        rowDelta.set(r, d);
        norms.set(r, sq);
      }
    };
    const given = o.touchedRows?.get(name);
    if (given) for (const r of given) consider(r);
    else
      for (let r = 0; r < rows; r++) {
        const off = r * dim;
        for (let j = 0; j < dim; j++) {
          if (l.values[off + j] !== b.values[off + j]) {
            consider(r);
            break;
          }
        }
      }
    const touched = [...rowDelta.keys()].sort((a, c) => norms.get(c)! - norms.get(a)!);
    const real = touched.slice(0, Math.min(o.rowsPerUpdate, rows));
    let sq = 0;
    for (const r of real) sq += norms.get(r)!;
    const sd = real.length ? Math.sqrt(sq / (real.length * dim)) : 0;
    const realSet = new Set(real);
    const rowIds = padRowsWithDecoys(real, rows, o.rowsPerUpdate, o.random);
    const values = new Float32Array(rowIds.length * dim);
    rowIds.forEach((r, k) => {
      if (realSet.has(r)) values.set(rowDelta.get(r)!, k * dim);
      else for (let j = 0; j < dim; j++) values[k * dim + j] = sd * gauss();
    });
    sparse.push({ name, rows, dim, rowIds, values });
  }
  for (const name of local.keys()) if (!base.has(name)) throw new TypeError(`buildModelUpdate: base weights lack ${name}`);
  const update: ModelUpdate = { baseVersion: o.baseVersion, updateId: o.updateId, clipNorm: o.clipNorm, quantisation: o.quantisation, dense, sparse };
  clipUpdate(update, o.clipNorm);
  return update;
}
