import { jsonLdProducts, type ScrapedItem } from './json-ld-products';
import { microdataProducts } from './microdata-products';

/** The product a page is about: the first schema.org Product in its JSON-LD, else in its microdata; undefined if none. Never throws on broken markup. */
export function pageProduct(doc: Document): ScrapedItem | undefined {
  return [...jsonLdProducts(doc), ...microdataProducts(doc)][0];
}
