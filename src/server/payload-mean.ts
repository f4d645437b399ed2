// FedAvg straight from stored payloads (a round whose running sum was not kept, e.g. after a restart).
import { inspectUpdate } from '../federated/update-codec';
import type { DecodeOptions, UpdateSummary } from '../federated/update-codec';
import type { Aggregate } from './robust-aggregate';
import { RunningMean } from './running-mean';

/**
 * The clipped mean of encoded updates: Σ min(1, C/‖uᵢ‖)·uᵢ / n per coordinate (absent sparse rows
 * count as zeros), the same result as `aggregateUpdates` with kind 'mean' on the decoded updates,
 * without decoding them into float copies. Each payload is fully validated and its norm computed
 * from the wire values; `check` may throw to refuse one before any of its values are added (e.g.
 * shapes that do not match the model). `shapes` gives every tensor's full shape by name.
 */
export function meanOfPayloads(payloads: Iterable<Uint8Array>, clipNorm: number, shapes: ReadonlyMap<string, readonly number[]>, check: (s: UpdateSummary) => void = () => {}, options: DecodeOptions = {}): Aggregate {
  return sumOfPayloads(payloads, clipNorm, shapes, check, options).result();
}

/**
 * The running clipped sum over `payloads` (validated and checked as in meanOfPayloads), to add
 * more to. `sum` (default: a new one for `shapes`, `clipNorm`, `options`) is an empty sum to
 * fill instead, e.g. one just cleared for reuse.
 */
export function sumOfPayloads(payloads: Iterable<Uint8Array>, clipNorm: number, shapes: ReadonlyMap<string, readonly number[]>, check: (s: UpdateSummary) => void = () => {}, options: DecodeOptions = {}, sum = new RunningMean(shapes, clipNorm, options)): RunningMean {
  if (sum.ids.length !== 0) throw new RangeError('sumOfPayloads: sum must be empty');
  for (const p of payloads) {
    const s = inspectUpdate(p, options);
    check(s);
    sum.add(s.updateId, p, s.norm);
  }
  return sum;
}
