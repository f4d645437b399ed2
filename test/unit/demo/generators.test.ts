import { describe, expect, it } from 'vitest';
import { CATEGORIES, generateCatalog } from '../../../demo/lib/catalog.mjs';
import { simulateShoppers, toAttributes, toInteractionLines } from '../../../demo/lib/shoppers.mjs';
import { thumbnailSvg } from '../../../demo/lib/thumbnail.mjs';
import { popularityRanking } from '../../../demo/lib/popularity.mjs';

describe('generateCatalog', () => {
  const catalog = generateCatalog();

  it('makes ≥ 1,000 products across every category and many brands, with the public shape', () => {
    expect(catalog.length).toBeGreaterThanOrEqual(1000);
    expect(new Set(catalog.map((p) => p.category))).toEqual(new Set(CATEGORIES.map((c) => c.id)));
    expect(new Set(catalog.map((p) => p.brand)).size).toBeGreaterThanOrEqual(50);
    for (const p of catalog) {
      expect(Object.keys(p).sort()).toEqual(['brand', 'category', 'id', 'inStock', 'name', 'price']);
      expect(p.price).toBeGreaterThan(0);
    }
    expect(catalog.map((p) => p.id)).toEqual(catalog.map((_, i) => String(i + 1)));
    expect(catalog.some((p) => !p.inStock)).toBe(true);
  });

  it('is deterministic per seed and differs across seeds', () => {
    expect(generateCatalog()).toEqual(catalog);
    expect(generateCatalog({ seed: 8 })).not.toEqual(catalog);
  });

  it('rejects a bad size with a clear error', () => {
    expect(() => generateCatalog({ size: 3 })).toThrow(/size must be an integer/);
    expect(() => generateCatalog({ size: 1.5 })).toThrow(RangeError);
  });
});

describe('simulateShoppers', () => {
  const catalog = generateCatalog();
  const byId = new Map(catalog.map((p) => [p.id, p]));
  const histories = simulateShoppers(catalog, { users: 300 });

  it('gives each shopper a history that mostly stays in a few departments', () => {
    expect(histories).toHaveLength(300);
    let sameAsPrevious = 0;
    let steps = 0;
    for (const h of histories) {
      expect(h.items.length).toBeGreaterThanOrEqual(6);
      expect(h.items.length).toBeLessThanOrEqual(24);
      for (let i = 1; i < h.items.length; i++) {
        expect(h.items[i]).not.toBe(h.items[i - 1]);
        steps++;
        if (byId.get(h.items[i])!.category === byId.get(h.items[i - 1])!.category) sameAsPrevious++;
      }
    }
    // Latent taste: far more same-department steps than the 10% a random walk would give.
    expect(sameAsPrevious / steps).toBeGreaterThan(0.7);
  });

  it('writes the `user item` lines and the attribute JSON that hearth train reads', () => {
    const lines = toInteractionLines(histories).trim().split('\n');
    expect(lines).toHaveLength(histories.reduce((n, h) => n + h.items.length, 0));
    expect(lines[0]).toMatch(/^1 \d+$/);
    const attrs = toAttributes(catalog);
    expect(Object.keys(attrs)).toHaveLength(catalog.length);
    expect(attrs['1']).toHaveLength(2);
    // Same category → same first attribute id.
    const sameCat = catalog.filter((p) => p.category === catalog[0].category).map((p) => attrs[p.id][0]);
    expect(new Set(sameCat).size).toBe(1);
  });

  it('validates its input', () => {
    expect(() => simulateShoppers([], {})).toThrow(/non-empty/);
    expect(() => simulateShoppers(catalog, { users: 0 })).toThrow(/positive integer/);
    expect(() => simulateShoppers(catalog, { minLength: 5, maxLength: 2 })).toThrow(/minLength/);
  });

  it('popularity ranks every item once, most interacted first', () => {
    const ranking = popularityRanking(catalog, histories);
    expect(new Set(ranking).size).toBe(catalog.length);
    const count = (id: string) => histories.reduce((n, h) => n + h.items.filter((i) => i === id).length, 0);
    expect(count(ranking[0])).toBeGreaterThanOrEqual(count(ranking[ranking.length - 1]));
  });
});

describe('thumbnailSvg', () => {
  it('is a self-contained SVG naming the product, escaping text', () => {
    const svg = thumbnailSvg({ id: '1', name: 'A <b> & "c"', category: 'books', brand: 'X & Y', price: 1, inStock: true });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('<title>A &lt;b&gt; &amp; &quot;c&quot;</title>');
    expect(svg).not.toMatch(/href=|url\(|@import/);
  });
});
