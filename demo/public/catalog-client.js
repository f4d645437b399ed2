// Loads /catalog.json once per page; the storefront works without it (server-rendered tiles
// stay), so a failure resolves to null plus an explanation.
import { explain } from './notice.js';

let pending = null;

/** The catalog as a Map id → product, or null when it could not be loaded. Never rejects. */
export function loadCatalog() {
  pending ??= (async () => {
    try {
      const res = await fetch('/catalog.json', { signal: AbortSignal.timeout(8000) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const list = await res.json();
      if (!Array.isArray(list)) throw new Error('not a list');
      return new Map(list.filter((p) => p && typeof p.id === 'string').map((p) => [p.id, p]));
    } catch (err) {
      explain(`The product catalogue could not be loaded (${err?.message ?? err}); showing the shop’s popular products instead.`);
      return null;
    }
  })();
  return pending;
}
