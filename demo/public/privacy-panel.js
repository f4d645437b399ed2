// The privacy panel ("Your data"): what Hearth keeps on this device, what the model is, what
// the last update that left the device looked like, consent, and "forget me".
import { loadCatalog } from './catalog-client.js';
import * as sdk from './hearth-client.js';
import { clearConsentFlag, consentState, decideConsent } from './consent.js';
import { sendUpdateNow } from './federation.js';

/** Wires the panel toggle; opens the panel on /privacy. Never throws. */
export function setupPrivacyPanel() {
  const panel = document.getElementById('privacy-panel');
  const toggle = document.querySelector('.privacy-toggle');
  if (!panel || !toggle) return;
  const open = async (show) => {
    panel.hidden = !show;
    toggle.setAttribute('aria-expanded', String(show));
    if (show) {
      panel.querySelector('h2')?.setAttribute('tabindex', '-1');
      panel.querySelector('h2')?.focus();
      await renderPanel(panel);
    }
  };
  toggle.addEventListener('click', () => open(panel.hidden));
  panel.addEventListener('keydown', (e) => { if (e.key === 'Escape') { open(false); toggle.focus(); } });
  if (location.pathname.replace(/\/$/, '') === '/privacy') return open(true);
  return undefined;
}

/** Re-reads everything from the SDK and redraws the panel body. */
export async function renderPanel(panel) {
  const body = panel.querySelector('.privacy-body');
  if (!globalThis.Hearth) {
    body.replaceChildren(para('Hearth is not running on this page, so nothing is stored on this device.'));
    panel.querySelector('.privacy-loading')?.setAttribute('hidden', '');
    return;
  }
  const loading = panel.querySelector('.privacy-loading');
  const [catalog, all, feats, model, update, consent, server] = await Promise.all([
    loadCatalog(), sdk.storedEvents(), sdk.features(), sdk.modelStatus(), sdk.lastUpdate(), consentState(), serverStatus(),
  ]);
  const events = Array.isArray(all) ? all.slice(-5).reverse() : [];
  const nameOf = (id) => catalog?.get(id)?.name ?? `item ${id}`;
  body.replaceChildren(
    section('Events stored on this device', [
      dl([['Count', Array.isArray(all) ? String(all.length) : 'unavailable']]),
      heading('Latest'),
      list(events.map((e) => describeEvent(e, nameOf)), 'No events yet.', 'events'),
    ]),
    section('Features computed here', featureRows(feats, nameOf)),
    section('Model', [dl([
      ['Version', model?.modelVersion ?? model?.version ?? 'not loaded'],
      ['Backend', model?.backend ?? 'not started'],
    ])]),
    section('Last update sent', [update && update.bytes !== undefined
      ? dl([['Bytes', String(update.bytes)], ['Clipped to norm', fmt(update.clipNorm ?? update.clippedNorm)], ['ε spent (server, so far)', fmt(update.epsilon)], ['Sent', update.sentAt ? new Date(update.sentAt).toLocaleString() : '—']])
      : para('Nothing has left this device yet. Only clipped, noised model updates ever do — never your events.')]),
    section('Aggregation server', [server.ok
      ? dl([['Global model', `version ${server.body.version}`], ['Rounds', String(server.body.round)], ['Updates accepted', String(server.body.acceptedTotal)],
        ['ε spent (all devices)', `${fmt(server.body.privacy?.epsilon)} at δ = ${server.body.privacy?.delta ?? '—'}`]])
      : para(`Unreachable (${server.reason}). Nothing can leave this device now; updates wait in its outbox and the shop keeps working.`)]),
    controls(panel, consent),
  );
  if (loading) loading.hidden = true;
}

/**
 * GET /v1/status of the aggregation server (same origin). Asked only while the panel is open:
 * it carries nothing about the shopper, and shows what the server has aggregated so far.
 */
async function serverStatus() {
  try {
    const res = await fetch('/v1/status', { signal: AbortSignal.timeout(5000) });
    const body = await res.json().catch(() => null);
    if (!res.ok || !body) return { ok: false, reason: body?.error ?? `HTTP ${res.status}` };
    return { ok: true, body };
  } catch (err) {
    return { ok: false, reason: String(err?.message ?? err) };
  }
}

function featureRows(feats, nameOf) {
  if (!feats) return [para('Features are unavailable (Hearth is not running).')];
  const bars = (obj) => Object.entries(obj ?? {}).slice(0, 5).map(([k, v]) => {
    const li = document.createElement('li');
    const bar = document.createElement('span');
    bar.className = 'bar';
    bar.style.width = `${Math.round(v * 80)}px`;
    li.append(bar, `${k} ${Math.round(v * 100)}%`);
    return li;
  });
  return [
    dl([['Recent items', String(feats.sequence?.length ?? 0)], ['Last viewed', feats.sequence?.length ? nameOf(feats.sequence.at(-1)) : '—'],
      ['Price band', feats.priceBand?.preferred ?? '—']]),
    heading('Department affinity'), listOf(bars(feats.categoryAffinity), 'None yet.', 'category-affinity'),
    heading('Brand affinity'), listOf(bars(feats.brandAffinity), 'None yet.', 'brand-affinity'),
  ];
}

function controls(panel, consent) {
  const wrap = document.createElement('div');
  wrap.className = 'actions';
  const label = document.createElement('label');
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.className = 'consent';
  box.checked = consent === 'granted';
  label.append(box, ' Personalise on this device (and share clipped, noised model updates)');
  box.addEventListener('change', async () => { await decideConsent(box.checked); await renderPanel(panel); });
  const forget = document.createElement('button');
  forget.type = 'button';
  forget.className = 'forget-me';
  forget.textContent = 'Forget me';
  forget.addEventListener('click', async () => {
    await sdk.forgetMe();
    clearConsentFlag();
    try { localStorage.removeItem('hearth-demo-cart'); } catch { /* nothing to remove */ }
    await renderPanel(panel);
    const done = panel.querySelector('.forgotten') ?? document.createElement('p');
    done.className = 'forgotten';
    done.setAttribute('role', 'status');
    done.textContent = 'Done: everything Hearth stored on this device, and your cart, is gone.';
    panel.append(done);
  });
  const send = document.createElement('button');
  send.type = 'button';
  send.className = 'send-update secondary';
  send.textContent = 'Send a model update now';
  send.disabled = consent !== 'granted';
  send.addEventListener('click', async () => {
    send.disabled = true;
    send.textContent = 'Learning on this device…';
    await sendUpdateNow();
    await renderPanel(panel);
  });
  wrap.append(label, send, forget);
  return wrap;
}

function describeEvent(e, nameOf) {
  const item = e.item?.id ?? e.items?.[0]?.id ?? e.itemIds?.[0];
  const what = e.type === 'search' ? `“${e.query}”` : item ? nameOf(item) : e.url ? new URL(e.url).pathname : '';
  const kind = e.type === 'custom' ? e.name : e.type;
  const when = e.ts ? new Date(e.ts).toLocaleTimeString() : '';
  return `${kind} ${what} ${when}`.trim();
}

const fmt = (n) => (typeof n === 'number' && Number.isFinite(n) ? n.toFixed(3) : '—');

function section(title, children) {
  const s = document.createElement('section');
  s.append(heading(title), ...children);
  return s;
}
function heading(text) {
  const h = document.createElement('h3');
  h.textContent = text;
  return h;
}
function para(text) {
  const p = document.createElement('p');
  p.textContent = text;
  return p;
}
function dl(rows) {
  const d = document.createElement('dl');
  for (const [k, v] of rows) {
    const dt = document.createElement('dt');
    dt.textContent = k;
    const dd = document.createElement('dd');
    dd.textContent = String(v);
    d.append(dt, dd);
  }
  return d;
}
function list(texts, empty, name) {
  return listOf(texts.map((t) => { const li = document.createElement('li'); li.textContent = t; return li; }), empty, name);
}
function listOf(items, empty, name) {
  if (items.length === 0) return para(empty);
  const ol = document.createElement('ol');
  ol.className = name;
  ol.append(...items);
  return ol;
}
