/**
 * A dataset of user sequences in time order, with items re-indexed to 1..numItems
 * (index 0 is the padding item in every model input).
 */
export interface Dataset {
  /** Index → original item id; `items[0]` is '' (padding). */
  items: string[];
  /** Original user ids, parallel to `sequences`. */
  users: string[];
  /** Per-user item indices (1-based) in time order. */
  sequences: number[][];
  /** Where the data came from (for error messages). */
  source: string;
}

/** Number of real items in a dataset (excluding the padding index 0). */
export function numItemsOf(ds: Dataset): number {
  return ds.items.length - 1;
}
