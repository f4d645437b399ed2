// Encodes an update so that what the server decodes still respects the clip norm.
import { decodeUpdate, encodeUpdate } from '../protocol';
import type { ModelUpdate } from '../protocol';
import type { Random } from './random';
import { updateNorm } from './update-norm';

/**
 * Encodes `update` (already clipped to update.clipNorm). Rounding to int8/fp16 can push the
 * norm a hair over C, which the server rejects; then the values are shrunk slightly and the
 * update re-encoded (at most 8 times). Throws UpdateFormatError for an invalid update.
 */
export function encodeForUpload(update: ModelUpdate, random?: Random): Uint8Array<ArrayBuffer> {
  let u = update;
  for (let attempt = 0; ; attempt++) {
    const bytes = encodeUpdate(u, random ? { random } : {});
    const norm = updateNorm(decodeUpdate(bytes));
    if (norm <= u.clipNorm || attempt >= 8) return bytes;
    const f = (u.clipNorm / norm) * (1 - 0.002 * (attempt + 1));
    u = {
      ...u,
      dense: u.dense.map((t) => ({ ...t, values: t.values.map((v) => v * f) })),
      sparse: u.sparse.map((s) => ({ ...s, values: s.values.map((v) => v * f) })),
    };
  }
}
