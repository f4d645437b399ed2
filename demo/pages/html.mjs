// Tiny helpers for building HTML safely: every interpolated value is escaped unless it was
// itself produced by `html`.
import { escapeXml } from '../lib/thumbnail.mjs';

class SafeHtml {
  constructor(value) { this.value = value; }
  toString() { return this.value; }
}

/**
 * Tagged template that escapes interpolations. Arrays are joined; `SafeHtml` values (from
 * `html` or `raw`) are inserted as-is; null/undefined/false render as nothing.
 */
export function html(strings, ...values) {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

/** Marks a trusted string as HTML (only for text this code made itself, e.g. JSON-LD). */
export function raw(value) {
  return new SafeHtml(String(value));
}

function render(v) {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof SafeHtml) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  return escapeXml(v);
}

/** Formats a price the way the shop shows it. */
export function money(price) {
  return `€${Number(price).toFixed(2)}`;
}
