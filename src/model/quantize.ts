/** Weight precision on the wire; everything is float32 again after loading. */
export type Precision = 'fp32' | 'fp16' | 'int8';

/** The tfjs weights-manifest quantisation entry for a weight (absent for plain float32). */
export type QuantizationSpec = { dtype: 'float16' } | { dtype: 'uint8'; scale: number; min: number };

/**
 * Encodes float32 values at `precision` in the standard tfjs layout: fp16 as IEEE half floats,
 * int8 as per-tensor affine uint8 (value ≈ q·scale + min). Returns bytes and the manifest entry.
 */
export function quantizeWeight(values: Float32Array, precision: Precision): { bytes: Uint8Array; quantization?: QuantizationSpec } {
  if (precision === 'fp32') return { bytes: new Uint8Array(values.slice().buffer) };
  if (precision === 'fp16') {
    const out = new Uint16Array(values.length);
    for (let i = 0; i < values.length; i++) out[i] = toHalf(values[i]!);
    return { bytes: new Uint8Array(out.buffer), quantization: { dtype: 'float16' } };
  }
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!Number.isFinite(min)) min = max = 0;
  const scale = max > min ? (max - min) / 255 : 1;
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Math.round((values[i]! - min) / scale);
  return { bytes: out, quantization: { dtype: 'uint8', scale, min } };
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** float32 → IEEE 754 half (round to nearest even), as tfjs expects for 'float16'. */
export function toHalf(value: number): number {
  f32[0] = value;
  const x = u32[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exp = ((x >>> 23) & 0xff) - 127 + 15;
  let mant = x & 0x7fffff;
  if (exp >= 0x1f) return sign | 0x7c00 | (((x >>> 23) & 0xff) === 0xff && mant ? 0x200 : 0);
  if (exp <= 0) {
    if (exp < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - exp;
    let half = mant >>> shift;
    const rem = mant & ((1 << shift) - 1);
    const midpoint = 1 << (shift - 1);
    if (rem > midpoint || (rem === midpoint && half & 1)) half++;
    return sign | half;
  }
  let half = sign | (exp << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && half & 1)) half++;
  return half;
}
