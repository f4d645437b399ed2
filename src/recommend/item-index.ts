/** Maps shop item ids ↔ model indices (index 0 is the padding item and maps to no id). */
export interface ItemIndex {
  /** Number of real items (indices 1..size). */
  readonly size: number;
  /** Model index of a shop item id, or undefined for an item the model does not know. */
  toIndex(itemId: string): number | undefined;
  /** Shop item id of a model index (throws on an index out of range). */
  toId(index: number): string;
}

/**
 * Builds the id ↔ index map from a manifest's `items` list (`items[i]` is the shop id of model
 * index i; `items[0]` is padding). Rejects non-string or duplicate ids, which would make
 * recommendations ambiguous.
 */
export function createItemIndex(items: readonly string[]): ItemIndex {
  if (!Array.isArray(items) || items.length < 2) throw new TypeError('item list must hold the padding entry and at least one item');
  const map = new Map<string, number>();
  for (let i = 1; i < items.length; i++) {
    const id = items[i];
    if (typeof id !== 'string' || id === '') throw new TypeError(`item ${i} has no id`);
    if (map.has(id)) throw new TypeError(`item id '${id}' appears twice (indices ${map.get(id)} and ${i})`);
    map.set(id, i);
  }
  return {
    size: items.length - 1,
    toIndex: (itemId) => map.get(itemId),
    toId(index) {
      if (!Number.isInteger(index) || index < 1 || index >= items.length) throw new RangeError(`item index ${index} out of range 1..${items.length - 1}`);
      return items[index]!;
    },
  };
}
