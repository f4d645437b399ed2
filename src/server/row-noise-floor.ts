/** A DP-FedAvg schedule, as the accountant prices it, and the shape of one update's item rows. */
export interface RowNoiseSchedule {
  /** Poisson sampling rate q of clients per round, in (0, 1]. */
  sampleRate: number;
  /** Rounds T. */
  rounds: number;
  /** Noise multiplier z (σ = z·C on the sum of clipped updates); 0 = no noise. */
  noiseMultiplier: number;
  /** Item-embedding rows per update (real + decoy). */
  rowsPerUpdate: number;
  /** Embedding size d. */
  dim: number;
}

/** How loud the DP noise is on one item-embedding row, measured in clients that touch the row. */
export interface RowNoiseFloor {
  /**
   * Signal-to-noise ratio one touching client adds to a row's coordinates over the whole run:
   * q·√T / (z·√(rows·d)). Infinity without noise.
   */
  snrPerClient: number;
  /** Distinct clients that must touch a row before its signal can reach the noise (SNR 1); 0 without noise. */
  clientsForSnr1: number;
}

/**
 * The noise floor of an item-embedding row under user-level DP-FedAvg — an estimate that favours
 * learning, for planning. Each update is clipped to norm C, spread over rows·d values (decoys are
 * drawn to match the real rows' spread; the dense weights take a share too), so one client puts
 * about C/√(rows·d) on a coordinate; it takes part in q·T rounds on average, while every round adds
 * Gaussian noise of std z·C to every coordinate of the sum, √T·z·C over the run. If all k clients
 * of a row pushed it the same way in every round, the row's SNR would be k·q·√T/(z·√(rows·d));
 * real gradients disagree, so a row needs more than `clientsForSnr1` touching clients to be
 * learned. C cancels. Pure; throws RangeError on an input out of range.
 */
export function rowNoiseFloor(s: RowNoiseSchedule): RowNoiseFloor {
  const { sampleRate: q, rounds: T, noiseMultiplier: z, rowsPerUpdate: rows, dim: d } = s;
  if (!(q > 0 && q <= 1)) throw new RangeError(`rowNoiseFloor: sampleRate must be in (0, 1], got ${q}`);
  for (const [name, v] of [['rounds', T], ['rowsPerUpdate', rows], ['dim', d]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`rowNoiseFloor: ${name} must be an integer ≥ 1, got ${v}`);
  }
  if (!(z >= 0 && Number.isFinite(z))) throw new RangeError(`rowNoiseFloor: noiseMultiplier must be a finite number ≥ 0, got ${z}`);
  if (z === 0) return { snrPerClient: Infinity, clientsForSnr1: 0 };
  const snrPerClient = (q * Math.sqrt(T)) / (z * Math.sqrt(rows * d));
  return { snrPerClient, clientsForSnr1: 1 / snrPerClient };
}

/**
 * Of `items` (1..numItems) and of the evaluated `targets`, the fractions whose row is touched by
 * at least `clientsForSnr1` distinct clients: what a federation with that floor could learn.
 * `clientItems` holds each client's own items (a client counts once per item).
 */
export function shareAboveFloor(
  clientItems: readonly (readonly number[])[],
  numItems: number,
  targets: readonly number[],
  clientsForSnr1: number,
): { items: number; targets: number } {
  if (!Number.isInteger(numItems) || numItems < 1) throw new RangeError(`shareAboveFloor: numItems must be an integer ≥ 1, got ${numItems}`);
  if (!(clientsForSnr1 >= 0)) throw new RangeError(`shareAboveFloor: clientsForSnr1 must be ≥ 0, got ${clientsForSnr1}`);
  const touches = new Uint32Array(numItems + 1);
  for (const items of clientItems) for (const i of new Set(items)) if (i >= 1 && i <= numItems) touches[i]!++;
  let items = 0;
  for (let i = 1; i <= numItems; i++) if (touches[i]! >= clientsForSnr1) items++;
  const hit = targets.filter((t) => t >= 1 && t <= numItems && touches[t]! >= clientsForSnr1).length;
  return { items: items / numItems, targets: targets.length ? hit / targets.length : 0 };
}
