import type { ScrapedItem } from './json-ld-products';

/** The top-level schema.org Products described by microdata (itemscope/itemprop). Never throws. */
export function microdataProducts(doc: Document): ScrapedItem[] {
  const out: ScrapedItem[] = [];
  const isProduct = (el: Element | null) => /schema\.org\/Product$/.test(el?.getAttribute('itemtype') ?? '');
  doc.querySelectorAll('[itemscope][itemtype]').forEach((el) => {
    if (!isProduct(el) || isProduct(el.parentElement?.closest('[itemscope][itemtype]') ?? null)) return;
    const prop = (name: string) => {
      const all = [...el.querySelectorAll(`[itemprop~="${name}"]`)];
      // Prefer the product's own property over one inside a nested scope (offers, brand).
      const p = all.find((x) => x.parentElement?.closest('[itemscope]') === el) ?? all[0];
      if (!p) return undefined;
      // brand is often a nested Brand/Organization scope with its own name.
      const named = p.hasAttribute('itemscope') ? p.querySelector('[itemprop~="name"]') ?? p : p;
      return (named.getAttribute('content') ?? (named as HTMLInputElement).value ?? named.textContent ?? '').trim() || undefined;
    };
    const id = prop('sku') ?? prop('productID') ?? prop('mpn') ?? el.getAttribute('itemid') ?? undefined;
    if (id) out.push({ id, name: prop('name'), category: prop('category'), brand: prop('brand'), price: prop('price') ?? prop('lowPrice'), currency: prop('priceCurrency') });
  });
  return out;
}
