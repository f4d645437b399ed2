// The weights file of a model version: float32 little-endian tensors back to back.
import { createHash } from 'node:crypto';
import type { ManifestTensor } from '../protocol';
import type { NamedTensor } from '../federated/named-weights';

/** A serialised model version: bytes, tensor layout and hash. */
export interface WeightsFile {
  bytes: Buffer;
  tensors: ManifestTensor[];
  sha256: string;
}

/** Packs named tensors into one weights file (the layout GET /v1/model describes). */
export function packWeights(tensors: readonly NamedTensor[]): WeightsFile {
  const total = tensors.reduce((a, t) => a + t.values.length * 4, 0);
  const bytes = Buffer.alloc(total);
  const layout: ManifestTensor[] = [];
  let offset = 0;
  for (const t of tensors) {
    layout.push({ name: t.name, shape: [...t.shape], offset });
    // Copy through a Float32Array view: machines running Node are little-endian.
    new Float32Array(bytes.buffer, bytes.byteOffset + offset, t.values.length).set(t.values);
    offset += t.values.length * 4;
  }
  return { bytes, tensors: layout, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** Unpacks a weights file into named tensors (copies, so callers may mutate them). */
export function unpackWeights(bytes: Uint8Array, layout: readonly ManifestTensor[]): NamedTensor[] {
  return layout.map((t) => {
    const n = t.shape.reduce((a, b) => a * b, 1);
    if (t.offset + n * 4 > bytes.byteLength) throw new RangeError(`weights file too short for ${t.name}`);
    const values = new Float32Array(n);
    new Uint8Array(values.buffer).set(bytes.subarray(t.offset, t.offset + n * 4));
    return { name: t.name, shape: [...t.shape], values };
  });
}

/**
 * A new weights file: a copy of `bytes` (laid out as `layout`) in which `step(name, values)` has
 * changed each tensor in place through a Float32Array view, then hashed once. One copy of the
 * model per call, where unpack + pack made two.
 */
export function stepWeightsFile(bytes: Uint8Array, layout: readonly ManifestTensor[], step: (name: string, values: Float32Array) => void): WeightsFile {
  // Unpooled (offset 0: the views below need 4-byte alignment) and not zero-filled: set() overwrites every byte.
  const out = Buffer.allocUnsafeSlow(bytes.byteLength);
  if (out.byteOffset % 4 !== 0) throw new RangeError('stepWeightsFile: unaligned buffer');
  out.set(bytes);
  for (const t of layout) {
    const n = t.shape.reduce((a, b) => a * b, 1);
    if (t.offset % 4 !== 0 || t.offset + n * 4 > out.byteLength) throw new RangeError(`weights file too short or misaligned for ${t.name}`);
    step(t.name, new Float32Array(out.buffer, out.byteOffset + t.offset, n));
  }
  return { bytes: out, tensors: layout.map((t) => ({ name: t.name, shape: [...t.shape], offset: t.offset })), sha256: createHash('sha256').update(out).digest('hex') };
}
