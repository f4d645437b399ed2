// The clipped FedAvg sum kept up to date as updates are acknowledged, so a round only divides,
// adds noise and writes the new version (no second read or parse of the round's payloads).
import { addScaledUpdate } from '../federated/update-codec';
import type { DecodeOptions } from '../federated/update-codec';
import type { Aggregate } from './robust-aggregate';

/**
 * Σ min(1, C/‖uᵢ‖)·uᵢ over the updates added so far, in float64, with their ids in order. `result()`
 * gives the same mean `meanOfPayloads` computes over the same payloads.
 */
export class RunningMean {
  private readonly sums = new Map<string, Float64Array>();
  private added: string[] = [];

  /** `shapes`: every tensor's full shape by name; `clipNorm`: the re-clip bound C (> 0). */
  constructor(
    shapes: ReadonlyMap<string, readonly number[]>,
    private readonly clipNorm: number,
    private readonly options: DecodeOptions = {},
  ) {
    if (!(Number.isFinite(clipNorm) && clipNorm > 0)) throw new RangeError('RunningMean: clipNorm must be a finite number > 0');
    for (const [name, shape] of shapes) this.sums.set(name, new Float64Array(shape.reduce((a, b) => a * b, 1)));
  }

  /**
   * Empties the sum for reuse (zeros in place: a round then does not allocate, and page-fault in,
   * a fresh model-sized float64 buffer). Returns this.
   */
  clear(): this {
    for (const s of this.sums.values()) s.fill(0);
    this.added = []; // a new array: callers may still hold the old `ids`
    return this;
  }

  /** Ids of the updates in the sum, in the order they were added. */
  get ids(): readonly string[] {
    return this.added;
  }

  /**
   * Adds one payload whose L2 norm (from `inspectUpdate`) is `norm`, re-clipped to C. Validates
   * the payload again as it reads it; throws (UpdateFormatError, RangeError) if it is invalid or
   * does not fit the shapes — the sum is then unusable and must be rebuilt.
   */
  add(id: string, payload: Uint8Array, norm: number): void {
    if (!(norm >= 0 && Number.isFinite(norm))) throw new RangeError('RunningMean.add: norm must be a finite number ≥ 0');
    addScaledUpdate(payload, norm > this.clipNorm ? this.clipNorm / norm : 1, (name) => this.sums.get(name), this.options);
    this.added.push(id);
  }

  /**
   * The mean as the float64 sums themselves with `scale` = 1/n (no copy, no pass over the model:
   * the server step multiplies as it reads). The sums are shared: add nothing after calling this.
   */
  scaledSum(): Aggregate {
    const n = this.added.length;
    return { deltas: this.sums, scale: n > 0 ? 1 / n : 0, divisor: Math.max(1, n), count: n };
  }

  /** The mean over the updates added (float32 deltas by tensor name); divisor 1 and zeros when empty. */
  result(): Aggregate {
    const n = this.added.length;
    const deltas = new Map<string, Float32Array>();
    for (const [name, s] of this.sums) {
      const d = new Float32Array(s.length);
      if (n > 0) divideInto(d, s, n);
      deltas.set(name, d);
    }
    return { deltas, divisor: Math.max(1, n), count: n };
  }
}

function divideInto(d: Float32Array, s: Float64Array, n: number): void {
  for (let i = 0; i < s.length; i++) d[i] = s[i]! / n;
}
