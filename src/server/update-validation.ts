// Checks a decoded update against the model it claims to update.
import type { ManifestTensor, ModelUpdate } from '../protocol';
import type { UpdateSummary } from '../federated/update-codec';
import { updateNorm } from '../federated/update-norm';

/** A rejected update: HTTP status and a stable reason code for the client. */
export interface Rejection {
  status: number;
  reason: string;
  message: string;
}

/**
 * Returns null when every tensor of `u` names a model tensor with the right shape (sparse
 * blocks only for sparse tensors) and its L2 norm is ≤ clipNorm; a Rejection otherwise.
 * `u` is a decoded update, or the summary `inspectUpdate` returns (its norm is used as is).
 */
export function validateUpdateAgainstModel(u: ModelUpdate | UpdateSummary, tensors: readonly ManifestTensor[], sparse: readonly string[], clipNorm: number): Rejection | null {
  const shapes = new Map(tensors.map((t) => [t.name, t.shape]));
  const sparseSet = new Set(sparse);
  const bad = (reason: string, message: string): Rejection => ({ status: 400, reason, message });
  for (const t of u.dense) {
    const shape = shapes.get(t.name);
    if (!shape) return bad('unknown_tensor', `model has no tensor ${t.name}`);
    if (sparseSet.has(t.name)) return bad('wrong_kind', `${t.name} must be sent as sparse rows`);
    if (shape.join() !== t.shape.join()) return bad('wrong_shape', `${t.name} has shape [${t.shape}], model has [${shape}]`);
  }
  for (const s of u.sparse) {
    const shape = shapes.get(s.name);
    if (!shape) return bad('unknown_tensor', `model has no tensor ${s.name}`);
    if (!sparseSet.has(s.name)) return bad('wrong_kind', `${s.name} is not a sparse tensor`);
    if (shape.length !== 2 || shape[0] !== s.rows || shape[1] !== s.dim) return bad('wrong_shape', `${s.name} is [${s.rows},${s.dim}], model has [${shape}]`);
  }
  // float32 rounding of the client's own clip: allow one part in a million.
  if (u.clipNorm > clipNorm * (1 + 1e-6)) return bad('clip_mismatch', `update was clipped to ${u.clipNorm}, server requires ≤ ${clipNorm}`);
  const norm = 'norm' in u ? u.norm : updateNorm(u);
  if (!(norm <= clipNorm * (1 + 1e-6))) return bad('over_norm', `update L2 norm ${norm.toFixed(6)} exceeds the clip norm ${clipNorm}`);
  return null;
}
