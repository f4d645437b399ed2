import { DataError } from './data-error';

/** An item → attributes table aligned with a dataset's item indices. */
export interface ItemAttributeTable {
  /** Attribute vocabulary size; attribute indices are 1..numAttributes (0 = padding). */
  numAttributes: number;
  perItem: number;
  /** [items.length, perItem] attribute indices, 0-padded; row 0 (padding item) is all zero. */
  table: Int32Array;
  /** Index → original attribute id. */
  attributes: string[];
}

/**
 * Parses `{ "item": [attribute ids] }` JSON into a table aligned with `items` (index → item id).
 * Items without attributes get an all-zero row; attributes beyond `maxPerItem` are dropped.
 * Throws DataError naming `source` for JSON that is not such an object.
 */
export function parseItemAttributes(text: string, source: string, items: readonly string[], maxPerItem = 8): ItemAttributeTable {
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch {
    throw new DataError(`${source}: not valid JSON`);
  }
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) throw new DataError(`${source}: expected an object { "item": [attribute ids] }`);
  const map = obj as Record<string, unknown>;
  const index = new Map<string, number>();
  const attributes = [''];
  let perItem = 1;
  for (const [item, list] of Object.entries(map)) {
    if (!Array.isArray(list) || list.some((a) => typeof a !== 'number' && typeof a !== 'string')) {
      throw new DataError(`${source}: item '${item}' must map to an array of attribute ids`);
    }
    perItem = Math.max(perItem, Math.min(maxPerItem, list.length));
  }
  const table = new Int32Array(items.length * perItem);
  for (let i = 1; i < items.length; i++) {
    const list = map[items[i]!] as (string | number)[] | undefined;
    if (!list) continue;
    list.slice(0, perItem).forEach((a, k) => {
      const key = String(a);
      let idx = index.get(key);
      if (idx === undefined) {
        idx = attributes.length;
        index.set(key, idx);
        attributes.push(key);
      }
      table[i * perItem + k] = idx;
    });
  }
  return { numAttributes: attributes.length - 1, perItem, table, attributes };
}
