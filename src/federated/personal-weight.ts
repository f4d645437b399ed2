// The personal weight α, defined once for every place that takes it: the device federation, the
// simulator, and createHearth()'s recommend.personalWeight (the lazy part, which must not pull in
// model code, so this file imports nothing).

/**
 * Default personal weight α: the share of its own fine-tune a device shows. Chosen on validation
 * (Beauty, README "Simulator") by a rule fixed beforehand — the largest α whose personalised −
 * global NDCG@10 is not below −1 SE: α = 1 lowered it, 0.25 was level with the global model.
 */
export const DEFAULT_PERSONAL_WEIGHT = 0.25;

/** Whether `x` is a valid personal weight: a number in [0, 1] (NaN is not). */
export const isPersonalWeight = (x: unknown): x is number => typeof x === 'number' && x >= 0 && x <= 1;

/** Returns α (undefined → the default); throws a RangeError unless it is a number in [0, 1]. */
export function checkPersonalWeight(alpha: number | undefined, where = 'personalWeight'): number {
  if (alpha === undefined) return DEFAULT_PERSONAL_WEIGHT;
  if (!isPersonalWeight(alpha)) throw new RangeError(`${where} must be a number in [0, 1], got ${String(alpha)}`);
  return alpha;
}
