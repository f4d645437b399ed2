// The single-page-app integration path: the npm ESM build, `createHearth`, client-side routes
// (?dept=… / ?item=…) with history.pushState, and explicit track() calls instead of autocapture.
import { explain } from '/static/notice.js';
import { recTile, money } from '/static/tile.js';
import { whyText } from '/static/rail.js';

const $ = (s) => document.querySelector(s);
let hearth = null;
let catalog = new Map();

async function boot() {
  try {
    const res = await fetch('/catalog.json');
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    catalog = new Map((await res.json()).map((p) => [p.id, p]));
  } catch (err) {
    explain(`The product catalogue could not be loaded (${err?.message ?? err}).`);
  }
  try {
    const { createHearth } = await import('/dist/hearth.esm.js');
    // Products are tracked explicitly on route changes; page views are autocaptured (tile
    // impressions are off, as in the shop: recommend() would read them as history).
    hearth = createHearth({
      requireConsent: true,
      autocapture: { products: false, dwell: false, tiles: false },
      recommend: {
        workerUrl: '/dist/hearth-worker.js',
        modelUrl: '/model/manifest.json',
        catalog: [...catalog.values()].map((p) => ({ id: p.id, category: p.category, inStock: p.inStock, price: p.price, title: p.name })),
      },
    });
    // The consent the shopper gave in the script-tag shop is remembered in Hearth's database.
    if (localStorage.getItem('hearth-demo-consent') !== 'granted') explain('Personalisation is off until you allow it in the shop (the banner on any shop page, or “Your data”).');
  } catch (err) {
    explain(`Personalisation is unavailable (${err?.message ?? err}); the app works without it.`);
  }
  const depts = [...new Set([...catalog.values()].map((p) => p.category))];
  $('.spa-cats').replaceChildren(...depts.map((d) => {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = `?dept=${d}`;
    a.textContent = d[0].toUpperCase() + d.slice(1);
    li.append(a);
    return li;
  }));
  // Client-side navigation: links inside the app never reload the page.
  document.addEventListener('click', (e) => {
    const a = e.target instanceof Element ? e.target.closest('a[href^="?"]') : null;
    if (!a) return;
    e.preventDefault();
    history.pushState(null, '', a.getAttribute('href'));
    void route();
  });
  addEventListener('popstate', () => void route());
  await route();
}

async function route() {
  const params = new URLSearchParams(location.search);
  document.querySelector('.spa-list')?.setAttribute('data-hearth-list', 'spa');
  const item = catalog.get(params.get('item') ?? '');
  const dept = params.get('dept') ?? item?.category ?? 'kitchen';
  if (item) {
    $('.spa-title').textContent = `${item.name} — ${money(item.price)}`;
    await safe(() => hearth?.track({ type: 'product_view', item: { id: item.id, name: item.name, category: item.category, brand: item.brand, price: item.price, currency: 'EUR' } }));
  } else {
    $('.spa-title').textContent = dept[0].toUpperCase() + dept.slice(1);
  }
  $('.spa-list').replaceChildren(...[...catalog.values()].filter((p) => p.category === dept).slice(0, 12).map((p) => spaTile(p)));
  await renderRecs(item?.id);
}

async function renderRecs(context) {
  const result = await safe(() => hearth?.recommend({ k: 6, ...(context ? { context: [context], exclude: [context] } : {}) }));
  const items = (result?.items ?? []).filter((r) => catalog.has(r.itemId));
  $('.rail-source').textContent = result ? `${result.source} ranking · model ${result.modelVersion ?? 'none'} · ${result.backend ?? 'no'} backend` : 'Recommendations are unavailable.';
  $('.spa-recs').replaceChildren(...items.map((r) => spaTile(catalog.get(r.itemId), whyText(r, result.source, catalog))));
}

// Product links stay inside the app (?item=…), unlike the server-rendered shop.
function spaTile(p, why) {
  const li = recTile(p, why ?? 'Part of this department.');
  li.querySelector('a').href = `?item=${encodeURIComponent(p.id)}`;
  if (!why) { li.querySelector('details')?.remove(); delete li.dataset.hearthRec; }
  return li;
}

async function safe(fn) {
  try { return await fn(); } catch (err) { console.warn('hearth call failed:', err); return undefined; }
}

void boot();
