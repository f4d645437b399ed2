/** The answer to `propensity(itemId?)`. */
export interface PropensityResult {
  /** Estimated probability in [0, 1] that this shopper purchases (the item, when given). */
  probability: number;
  /** The model version that produced it. */
  modelVersion: string;
  /** The features it used, by name (standardisation happens inside the model). */
  features: Record<string, number>;
}
