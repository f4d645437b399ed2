import { parseLenientJson } from './parse-lenient-json';

/** A product found in page markup, in `track()` item shape (not yet validated). */
export type ScrapedItem = Record<string, unknown> & { id: string };

/**
 * The schema.org Products described by a page's JSON-LD blocks (top level, `@graph` and
 * `mainEntity`; not list entries). Broken blocks yield what parses. Never throws.
 */
export function jsonLdProducts(doc: Document): ScrapedItem[] {
  const out: ScrapedItem[] = [];
  doc.querySelectorAll('script[type="application/ld+json"]').forEach((s) => collect(parseLenientJson(s.textContent ?? ''), out, 0));
  return out;
}

const first = (x: unknown): unknown => (Array.isArray(x) ? x[0] : x);
const text = (x: unknown): string | undefined => {
  x = first(x);
  if (typeof x === 'string' || typeof x === 'number') return String(x);
  return x && typeof x === 'object' ? text((x as Record<string, unknown>).name) : undefined;
};

function collect(node: unknown, out: ScrapedItem[], depth: number): void {
  if (depth > 4 || !node || typeof node !== 'object') return;
  if (Array.isArray(node)) { node.forEach((n) => collect(n, out, depth + 1)); return; }
  const n = node as Record<string, unknown>;
  const types = ([] as unknown[]).concat(n['@type']);
  if (types.includes('Product')) {
    const offer = (first(n.offers) ?? {}) as Record<string, unknown>;
    const id = text(n.sku ?? n.productID ?? n.mpn ?? n.gtin13 ?? n['@id'] ?? n.url);
    if (id) out.push({ id, name: text(n.name), category: text(n.category), brand: text(n.brand), price: offer.price ?? offer.lowPrice, currency: offer.priceCurrency });
  }
  collect(n['@graph'], out, depth + 1);
  collect(n.mainEntity, out, depth + 1);
}
