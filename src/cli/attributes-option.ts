// Node only: the --attributes option `hearth train` and `hearth simulate` share.
import { readTextFile } from '../data/read-dataset';
import { parseItemAttributes } from '../data/item-attributes';
import type { ItemAttributeTable } from '../data/item-attributes';
import type { ModelConfig } from '../model/model-config';

/**
 * Reads the item → attributes JSON at `path` (none when undefined) for the dataset's `items`, with
 * the model-config fields it implies. Throws the parser's DataError (file and reason) on bad input.
 */
export function readAttributesOption(path: string | undefined, items: readonly string[]): { attrs?: ItemAttributeTable; config: Pick<ModelConfig, 'numAttributes' | 'attributesPerItem'> } {
  if (!path) return { config: {} };
  const attrs = parseItemAttributes(readTextFile(path), path, items);
  return { attrs, config: { numAttributes: attrs.numAttributes, attributesPerItem: attrs.perItem } };
}
