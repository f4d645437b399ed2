// Product thumbnails as SVG made by code: a per-category glyph on a per-product colour, so
// tiles are recognisable without any external image or font.
import { CATEGORIES } from './catalog.mjs';

// One simple glyph per category (paths in a 100×100 box).
const GLYPHS = {
  kitchen: '<circle cx="46" cy="56" r="22"/><rect x="66" y="52" width="26" height="8" rx="3"/>',
  outdoors: '<path d="M50 22 L82 78 H18 Z"/><path d="M50 48 L60 78 H40 Z" fill="#fff" opacity=".5"/>',
  audio: '<path d="M26 58 a24 24 0 0 1 48 0" fill="none" stroke="#fff" stroke-width="7"/><rect x="20" y="54" width="14" height="22" rx="4"/><rect x="66" y="54" width="14" height="22" rx="4"/>',
  books: '<rect x="28" y="24" width="44" height="54" rx="3"/><rect x="34" y="30" width="32" height="6" fill="#fff" opacity=".6"/>',
  toys: '<rect x="24" y="48" width="24" height="24" rx="3"/><rect x="52" y="48" width="24" height="24" rx="3"/><rect x="38" y="24" width="24" height="24" rx="3"/>',
  garden: '<path d="M50 80 C50 50 50 40 50 30" stroke="#fff" stroke-width="5" fill="none"/><ellipse cx="36" cy="42" rx="14" ry="7"/><ellipse cx="64" cy="36" rx="14" ry="7"/>',
  beauty: '<rect x="38" y="38" width="24" height="40" rx="6"/><rect x="43" y="24" width="14" height="14" rx="2"/>',
  fitness: '<rect x="18" y="42" width="10" height="24" rx="2"/><rect x="72" y="42" width="10" height="24" rx="2"/><rect x="28" y="50" width="44" height="8"/>',
  office: '<path d="M30 74 L66 26 L74 32 L38 80 Z"/><path d="M30 74 L38 80 L26 84 Z" fill="#fff" opacity=".6"/>',
  pets: '<circle cx="50" cy="60" r="14"/><circle cx="32" cy="40" r="7"/><circle cx="44" cy="30" r="7"/><circle cx="58" cy="30" r="7"/><circle cx="70" cy="40" r="7"/>',
};

/**
 * The SVG thumbnail of a product. Promises: a self-contained 100×100 SVG document (no external
 * references), deterministic per product, with a <title> naming the product.
 * @param {import('./catalog.mjs').Product} product
 * @returns {string}
 */
export function thumbnailSvg(product) {
  if (!product || typeof product.id !== 'string') throw new TypeError('thumbnailSvg: a product with a string id is required');
  const cat = CATEGORIES.find((c) => c.id === product.category) ?? CATEGORIES[0];
  const h = hash(product.id);
  // Hue near the category's own, lightness varied per product.
  const hue = (cat.hue + (h % 36) - 18 + 360) % 360;
  const light = 38 + (h >> 6) % 20;
  const glyph = GLYPHS[cat.id] ?? GLYPHS.books;
  const initials = product.brand.split(/\s|&/).filter(Boolean).map((w) => w[0]).join('').slice(0, 2).toUpperCase();
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="200" height="200" role="img">`
    + `<title>${escapeXml(product.name)}</title>`
    + `<rect width="100" height="100" fill="hsl(${hue} 45% ${light}%)"/>`
    + `<g fill="hsl(${hue} 70% 88%)">${glyph}</g>`
    + `<text x="8" y="16" font-family="sans-serif" font-size="11" font-weight="700" fill="#fff">${escapeXml(initials)}</text>`
    + `</svg>`;
}

function hash(s) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}

/** Escapes text for XML/HTML element content and attribute values. */
export function escapeXml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}
