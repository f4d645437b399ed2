// The "for you" rail: asks Hearth for recommendations and replaces the server-rendered
// popularity tiles with them; when that is impossible it keeps popularity and says why.
import { loadCatalog } from './catalog-client.js';
import { features, recommend, sendCatalog } from './hearth-client.js';
import { explain } from './notice.js';
import { consentState } from './consent.js';
import { recTile } from './tile.js';

/** Fills every `[data-hearth-recs]` container on the page. Never throws. */
export async function setupRails() {
  const rails = [...document.querySelectorAll('[data-hearth-recs]')];
  if (rails.length === 0) return;
  const catalog = await loadCatalog();
  const context = document.querySelector('article.product')?.dataset.productId;
  for (const rail of rails) {
    try {
      await fillRail(rail, catalog, context);
    } catch (err) {
      console.warn('rail failed:', err);
      explain('Recommendations could not be shown; showing popular products instead.');
    } finally {
      // Lets tests (and curious readers of the DOM) know the rail has settled.
      rail.dataset.state = 'settled';
    }
  }
}

async function fillRail(rail, catalog, context) {
  const section = rail.closest('section');
  const label = section?.querySelector('.rail-label');
  const source = section?.querySelector('.rail-source');
  const k = Number(rail.dataset.k) || 8;
  if (!catalog) return; // popularity tiles from the server stay; loadCatalog explained why
  if ((await consentState()) !== 'granted') {
    // Nothing is recorded or computed before consent: popularity is all there is to show.
    if (source) source.textContent = 'Showing popularity across all shoppers. Say yes to personalisation to get a rail ranked on your device.';
    return;
  }
  // With the catalog in the worker, out-of-stock products are filtered out of the rail.
  const filter = (await sendCatalog(catalog)) ? { filter: { inStock: true } } : {};
  // "For you" suggests new things: what the shopper just looked at is left out.
  const seen = ((await features())?.sequence ?? []).slice(-20);
  const exclude = [...new Set([...seen, ...(context ? [context] : [])])];
  const result = await recommend({ k, ...filter, ...(context ? { context: [context] } : {}), ...(exclude.length ? { exclude } : {}) });
  if (!result) {
    explain('On-device recommendations are unavailable right now; showing what is popular instead.');
    return;
  }
  const items = (result.items ?? []).filter((r) => catalog.has(r.itemId));
  if (items.length === 0) {
    if (result.warning) explain(fallbackText(result.warning));
    return;
  }
  const list = document.createElement('ul');
  list.className = 'tiles';
  list.setAttribute('aria-label', 'Recommended products');
  list.dataset.hearthList = 'for-you';
  for (const r of items) list.append(recTile(catalog.get(r.itemId), whyText(r, result.source, catalog)));
  rail.replaceChildren(list);
  rail.dataset.source = result.source;
  if (label) label.textContent = result.source === 'model' ? 'For you' : 'Popular right now';
  if (source) {
    source.dataset.source = result.source;
    source.textContent = result.source === 'model'
      ? `Ranked on this device by model ${result.modelVersion ?? '?'} (${result.backend ?? 'unknown'} backend) from what you browsed here.`
      : `Showing ${result.source} ranking${result.warning ? `: ${result.warning}` : ' until the model has something to go on'}.`;
  }
  if (result.warning) explain(result.source === 'model' ? `Recommendations: ${result.warning}` : fallbackText(result.warning));
}

/** The explanation for a non-model answer, in the shop's words with the SDK's reason. */
function fallbackText(warning) {
  return `The on-device model is not available right now (${warning}), so the rail shows popular products instead.`;
}

/** "Why this?" in words, from the model's reasons (the past items that drove it). */
export function whyText(rec, source, catalog) {
  const reasons = (rec.reasons ?? []).filter((r) => r.itemId !== rec.itemId && catalog.has(r.itemId)).sort((a, b) => b.weight - a.weight).slice(0, 3);
  if (reasons.length === 0) {
    return source === 'model' ? 'Your on-device model ranks it highly for you.' : 'Popular with shoppers right now.';
  }
  const names = reasons.map((r) => `“${catalog.get(r.itemId).name}” (${Math.round(r.weight * 100)}%)`);
  return `Because you looked at ${names.join(', ')}.`;
}
