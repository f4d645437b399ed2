import type { ModelConfig } from './model-config';
import { layoutOf } from './model-config';
import type { NamedWeights } from './sasrec';

/** The forward pass's answer for one history: the newest position's output and its attention. */
export interface LastPosition {
  /** Final-layer-norm output at the newest position, [dim]: the user vector scored against items. */
  vector: Float32Array;
  /** The last block's attention from the newest position over the window, mean over heads, [L]. */
  attention: Float32Array;
}

/**
 * SasRec's inference forward pass for ONE history in plain JS (no dropout, no padding: a single
 * history is never padded), returning only what recommend() needs: the newest position's vector
 * and attention. Same arithmetic as SasRec's tfjs forward pass (item vector + attribute mean +
 * position, causal self-attention blocks in the config's layout, final layer norm), so it agrees with scoreAll /
 * explain to float32 rounding. On a backend where every small kernel costs a dispatch (WebGL,
 * WASM), ~70 tiny kernels cost far more than these ~0.2 M multiply-adds; only the catalog-sized
 * product stays on the backend. The last block computes its query, attention, projection and
 * feed-forward for the newest row only (nothing else reaches the output). `window` holds item
 * indices in [1, numItems], oldest first, at most maxLen of them (the caller validates).
 */
export function forwardLast(w: NamedWeights, c: ModelConfig, itemAttributes: Int32Array, window: readonly number[]): LastPosition {
  const { dim: d, heads: H, maxLen, blocks } = c;
  const L = window.length;
  if (L < 1 || L > maxLen) throw new RangeError(`forwardLast: window must hold 1..${maxLen} items, got ${L}`);
  const dh = d / H;
  const scale = 1 / Math.sqrt(dh);
  const P = c.attributesPerItem ?? 0;
  const item = w.item_emb!, pos = w.pos_emb!;
  const sasrec = layoutOf(c) === 'sasrec';
  // SASRec scales the input item vector (not the position) by √d.
  const inputScale = sasrec ? Math.sqrt(d) : 1;
  // x[t] = (item vector + attribute mean) + position embedding counted back from the newest item.
  let x = new Float32Array(L * d);
  for (let t = 0; t < L; t++) {
    const i = window[t]!;
    const row = x.subarray(t * d, (t + 1) * d);
    for (let j = 0; j < d; j++) row[j] = item[i * d + j]!;
    if (P > 0) {
      const attr = w.attr_emb!;
      const sum = new Float32Array(d);
      let present = 0;
      for (let p = 0; p < P; p++) {
        const a = itemAttributes[i * P + p]!;
        if (a === 0) continue;
        present++;
        for (let j = 0; j < d; j++) sum[j] += attr[a * d + j]!;
      }
      const n = Math.max(present, 1);
      for (let j = 0; j < d; j++) row[j] += sum[j]! / n;
    }
    const prow = (maxLen - L + t) * d;
    for (let j = 0; j < d; j++) row[j] = row[j]! * inputScale + pos[prow + j]!;
  }
  let attention = new Float32Array(L);
  for (let b = 0; b < blocks; b++) {
    const p = `block${b}/`;
    const last = b === blocks - 1;
    // Rows whose output is still needed: all of them, except in the last block (the newest only).
    const from = last ? L - 1 : 0;
    const h = layerNorm(x, L, d, w[`${p}ln1_gamma`]!, w[`${p}ln1_beta`]!);
    // SASRec: keys and values from the un-normalised stream, queries from its layer norm.
    const kv = sasrec ? x : h;
    const k = dense(kv, 0, L, d, w[`${p}wk`]!, w[`${p}bk`]!);
    const v = dense(kv, 0, L, d, w[`${p}wv`]!, w[`${p}bv`]!);
    const q = dense(h, from, L, d, w[`${p}wq`]!, w[`${p}bq`]!);
    const rows = L - from;
    const o = new Float32Array(rows * d);
    const meanAtt = new Float32Array(L);
    const logits = new Float64Array(L);
    for (let r = 0; r < rows; r++) {
      const i = from + r; // query position: sees keys 0..i (causal)
      for (let hd = 0; hd < H; hd++) {
        const off = hd * dh;
        let max = -Infinity;
        for (let j = 0; j <= i; j++) {
          let s = 0;
          for (let u = 0; u < dh; u++) s += q[r * d + off + u]! * k[j * d + off + u]!;
          logits[j] = s * scale;
          if (logits[j]! > max) max = logits[j]!;
        }
        let total = 0;
        for (let j = 0; j <= i; j++) { logits[j] = Math.exp(logits[j]! - max); total += logits[j]!; }
        for (let j = 0; j <= i; j++) {
          const a = logits[j]! / total;
          if (last && i === L - 1) meanAtt[j] += a / H;
          for (let u = 0; u < dh; u++) o[r * d + off + u] += a * v[j * d + off + u]!;
        }
      }
    }
    if (last) attention = meanAtt;
    const y = new Float32Array(rows * d);
    if (sasrec) {
      // No output projection; the residual adds the normalised input.
      for (let n = 0; n < rows * d; n++) y[n] = h[from * d + n]! + o[n]!;
    } else {
      const proj = dense(o, 0, rows, d, w[`${p}wo`]!, w[`${p}bo`]!);
      for (let n = 0; n < rows * d; n++) y[n] = x[from * d + n]! + proj[n]!;
    }
    const h2 = layerNorm(y, rows, d, w[`${p}ln2_gamma`]!, w[`${p}ln2_beta`]!);
    const f1 = dense(h2, 0, rows, d, w[`${p}w1`]!, w[`${p}b1`]!);
    for (let n = 0; n < f1.length; n++) if (!(f1[n]! > 0)) f1[n] = 0;
    const f = dense(f1, 0, rows, d, w[`${p}w2`]!, w[`${p}b2`]!);
    // SASRec's feed-forward residual also adds its normalised input.
    const res = sasrec ? h2 : y;
    for (let n = 0; n < rows * d; n++) y[n] = res[n]! + f[n]!;
    x = y;
  }
  // x now holds the rows from the last block: the newest position is its last row.
  const vector = layerNorm(x.subarray(x.length - d), 1, d, w.final_ln_gamma!, w.final_ln_beta!);
  return { vector, attention };
}

/** forwardLast's signature: what createForwardMemo returns. */
export type ForwardLast = (w: NamedWeights, c: ModelConfig, itemAttributes: Int32Array, window: readonly number[]) => LastPosition;

/**
 * A forwardLast that remembers its last answer per weights object: called again with the same
 * `w`, config and attribute table objects and a window of equal items, it returns that answer
 * (the same arrays) without recomputing; anything else is computed afresh and remembered. Only
 * for weights objects that are never modified after use (a new object per weight version, as
 * SasRec's CPU copies are). recommend() is often asked several times between two tracked events
 * (several widgets, re-renders), each time with the same history. Callers must not modify the
 * returned arrays. Holds no weights alive (keyed weakly).
 */
export function createForwardMemo(): ForwardLast {
  const last = new WeakMap<NamedWeights, { c: ModelConfig; attrs: Int32Array; window: number[]; out: LastPosition }>();
  return (w, c, itemAttributes, window) => {
    const hit = last.get(w);
    if (hit && hit.c === c && hit.attrs === itemAttributes && sameItems(hit.window, window)) return hit.out;
    const out = forwardLast(w, c, itemAttributes, window);
    last.set(w, { c, attrs: itemAttributes, window: [...window], out });
    return out;
  };
}

function sameItems(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** rows × d layer norm (eps 1e-6, biased variance), like SasRec's. */
function layerNorm(x: Float32Array, rows: number, d: number, gamma: Float32Array, beta: Float32Array): Float32Array {
  const out = new Float32Array(rows * d);
  for (let r = 0; r < rows; r++) {
    let mean = 0;
    for (let j = 0; j < d; j++) mean += x[r * d + j]!;
    mean /= d;
    let variance = 0;
    for (let j = 0; j < d; j++) variance += (x[r * d + j]! - mean) ** 2;
    const inv = 1 / Math.sqrt(variance / d + 1e-6);
    for (let j = 0; j < d; j++) out[r * d + j] = (x[r * d + j]! - mean) * inv * gamma[j]! + beta[j]!;
  }
  return out;
}

/**
 * Rows [from, to) of x ([·, d]) times W ([d, d], row-major) plus bias: [(to − from), d]. Four
 * output columns at a time in local (double) sums: the same sums in the same order as one
 * Float64Array accumulator per row, about 2–3× faster in V8 (no typed-array stores per step).
 */
function dense(x: Float32Array, from: number, to: number, d: number, W: Float32Array, bias: Float32Array): Float32Array {
  const out = new Float32Array((to - from) * d);
  for (let r = from; r < to; r++) {
    const xo = r * d;
    const oo = (r - from) * d;
    let o = 0;
    for (; o + 3 < d; o += 4) {
      let a0 = bias[o]!, a1 = bias[o + 1]!, a2 = bias[o + 2]!, a3 = bias[o + 3]!;
      for (let i = 0, wi = o; i < d; i++, wi += d) {
        const xi = x[xo + i]!;
        a0 += xi * W[wi]!;
        a1 += xi * W[wi + 1]!;
        a2 += xi * W[wi + 2]!;
        a3 += xi * W[wi + 3]!;
      }
      out[oo + o] = a0;
      out[oo + o + 1] = a1;
      out[oo + o + 2] = a2;
      out[oo + o + 3] = a3;
    }
    // d not a multiple of 4: the last columns one at a time.
    for (; o < d; o++) {
      let a = bias[o]!;
      for (let i = 0; i < d; i++) a += x[xo + i]! * W[i * d + o]!;
      out[oo + o] = a;
    }
  }
  return out;
}
