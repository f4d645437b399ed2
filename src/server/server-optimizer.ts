// Server optimizers on the noised FedAvg delta (Reddi et al. 2021, "Adaptive Federated
// Optimization"): plain SGD, server momentum, FedAdam. They only post-process the DP-noised mean,
// so the privacy guarantee is unchanged; their state is kept per model version.
import type { ManifestTensor } from '../protocol';
import type { GaussianFill } from './gaussian-noise';

/** How the server applies the round's (noised) mean delta Δ to the weights w. */
export type ServerOptimizerKind = 'sgd' | 'momentum' | 'adam';

/** Optimizer settings; lr is the server learning rate. */
export interface ServerOptimizerSettings {
  kind: ServerOptimizerKind;
  lr: number;
  /** momentum: m ← β1·m + Δ; adam: m ← β1·m + (1 − β1)·Δ. In [0, 1). */
  beta1: number;
  /** adam: v ← β2·v + (1 − β2)·Δ². In [0, 1). */
  beta2: number;
  /** adam: w ← w + lr·m / (√v + τ); τ > 0 bounds the per-coordinate step (Reddi et al.: 1e-3). */
  tau: number;
}

/** Per-tensor optimizer state: momentum m (momentum, adam) and second moment v (adam). */
export type OptimizerState = Map<string, { m: Float32Array; v: Float32Array | null }>;

/** Throws a RangeError naming the first invalid setting. */
export function checkOptimizerSettings(s: ServerOptimizerSettings): void {
  const bad = (m: string) => { throw new RangeError(`server optimizer: ${m}`); };
  if (s.kind !== 'sgd' && s.kind !== 'momentum' && s.kind !== 'adam') bad(`kind must be 'sgd', 'momentum' or 'adam', got '${String(s.kind)}'`);
  if (!(s.lr > 0 && Number.isFinite(s.lr))) bad('learning rate must be > 0');
  if (!(s.beta1 >= 0 && s.beta1 < 1)) bad('beta1 must be in [0, 1)');
  if (!(s.beta2 >= 0 && s.beta2 < 1)) bad('beta2 must be in [0, 1)');
  if (!(s.tau > 0 && Number.isFinite(s.tau))) bad('tau must be > 0');
}

/** A zero state for `layout` (null for sgd, which keeps none). */
export function zeroOptimizerState(kind: ServerOptimizerKind, layout: readonly ManifestTensor[]): OptimizerState | null {
  if (kind === 'sgd') return null;
  const state: OptimizerState = new Map();
  for (const t of layout) {
    const n = t.shape.reduce((a, b) => a * b, 1);
    state.set(t.name, { m: new Float32Array(n), v: kind === 'adam' ? new Float32Array(n) : null });
  }
  return state;
}

/** Serialises a state in `layout` order: every m, then every v (float32, little-endian). */
export function packOptimizerState(state: OptimizerState, layout: readonly ManifestTensor[]): Buffer {
  const parts: Float32Array[] = [];
  for (const t of layout) parts.push(state.get(t.name)!.m);
  for (const t of layout) { const v = state.get(t.name)!.v; if (v) parts.push(v); }
  const out = Buffer.alloc(parts.reduce((a, p) => a + p.byteLength, 0));
  let o = 0;
  for (const p of parts) { out.set(new Uint8Array(p.buffer, p.byteOffset, p.byteLength), o); o += p.byteLength; }
  return out;
}

/** Reads a state `packOptimizerState` wrote for the same kind and layout; null if the size does not match. */
export function unpackOptimizerState(kind: ServerOptimizerKind, bytes: Uint8Array, layout: readonly ManifestTensor[]): OptimizerState | null {
  const state = zeroOptimizerState(kind, layout);
  if (!state) return null;
  const total = [...state.values()].reduce((a, s) => a + s.m.byteLength + (s.v?.byteLength ?? 0), 0);
  if (bytes.byteLength !== total) return null;
  let o = 0;
  const fill = (dst: Float32Array) => { new Uint8Array(dst.buffer).set(bytes.subarray(o, o + dst.byteLength)); o += dst.byteLength; };
  for (const t of layout) fill(state.get(t.name)!.m);
  for (const t of layout) { const v = state.get(t.name)!.v; if (v) fill(v); }
  return state;
}

/** A mean delta: float32 means, or float64 sums that `scale` turns into the mean. */
type Delta = Float32Array | Float64Array;

/**
 * One server step on tensor `w` with Δ = scale·d + sd·N(0, 1) per coordinate (noise drawn in
 * chunks into `scratch` from `fill`; none when sd = 0): sgd w += lr·Δ; momentum m = β1·m + Δ,
 * w += lr·m; adam m = β1·m + (1−β1)·Δ, v = β2·v + (1−β2)·Δ², w += lr·m/(√v + τ). `st` is updated
 * in place. `scale` (default 1) lets a round pass an undivided float64 sum with scale 1/n.
 */
export function optimizerStep(s: ServerOptimizerSettings, w: Float32Array, d: Delta, sd: number, fill: GaussianFill, scratch: Float64Array, st: { m: Float32Array; v: Float32Array | null } | null, scale = 1): void {
  if (w.length !== d.length) throw new RangeError(`optimizerStep: ${w.length} weights, ${d.length} deltas`);
  if (!Number.isFinite(scale)) throw new RangeError('optimizerStep: scale must be finite');
  if (s.kind !== 'sgd' && (!st || st.m.length !== w.length || (s.kind === 'adam' && st.v?.length !== w.length))) throw new RangeError(`optimizerStep: ${s.kind} state does not match the tensor`);
  for (let start = 0; start < w.length; start += scratch.length) {
    const n = Math.min(scratch.length, w.length - start);
    const z = n === scratch.length ? scratch : scratch.subarray(0, n);
    if (sd > 0) fill(z);
    else z.fill(0);
    if (s.kind === 'sgd') sgdChunk(w, d, scale, z, start, s.lr, sd);
    else if (s.kind === 'momentum') momentumChunk(w, d, scale, z, start, s.lr, sd, st!.m, s.beta1);
    else adamChunk(w, d, scale, z, start, s.lr, sd, st!.m, st!.v!, s.beta1, s.beta2, s.tau);
  }
}

function sgdChunk(w: Float32Array, d: Delta, c: number, z: Float64Array, start: number, lr: number, sd: number): void {
  for (let j = 0; j < z.length; j++) w[start + j]! += lr * (c * d[start + j]! + sd * z[j]!);
}

function momentumChunk(w: Float32Array, d: Delta, c: number, z: Float64Array, start: number, lr: number, sd: number, m: Float32Array, b1: number): void {
  for (let j = 0; j < z.length; j++) {
    const i = start + j;
    const mi = b1 * m[i]! + c * d[i]! + sd * z[j]!;
    m[i] = mi;
    w[i]! += lr * mi;
  }
}

function adamChunk(w: Float32Array, d: Delta, c: number, z: Float64Array, start: number, lr: number, sd: number, m: Float32Array, v: Float32Array, b1: number, b2: number, tau: number): void {
  for (let j = 0; j < z.length; j++) {
    const i = start + j;
    const g = c * d[i]! + sd * z[j]!;
    const mi = b1 * m[i]! + (1 - b1) * g;
    const vi = b2 * v[i]! + (1 - b2) * g * g;
    m[i] = mi;
    v[i] = vi;
    w[i]! += (lr * mi) / (Math.sqrt(vi) + tau);
  }
}
