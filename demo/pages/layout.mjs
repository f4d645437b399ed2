// The page frame shared by every storefront page: landmarks, navigation, search, the privacy
// panel, and the script tag that loads Hearth.
import { CATEGORIES } from '../lib/catalog.mjs';
import { html } from './html.mjs';

/**
 * A complete HTML document. Promises: a skip link, banner/navigation/main/complementary/
 * contentinfo landmarks, the Hearth script tag with its data-* configuration, and the
 * storefront script; `body` goes inside <main>.
 * @param {{ title: string, body: unknown, head?: unknown, page: string, query?: string }} opts
 */
// Autocapture includes tiles: impressions are stored for analytics but never count as
// history for recommend() (src/recommend/history-from-events.ts), clicks do.
export function layout({ title, body, head = '', page, query = '' }) {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Hearth demo shop</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/static/styles.css">
${head}
<script src="/dist/hearth.iife.js" data-hearth data-require-consent="true" data-autocapture="pageViews,products,tiles,routes,dwell" data-model-url="/model/manifest.json" data-worker-url="/dist/hearth-worker.js" defer></script>
<script type="module" src="/static/storefront.js"></script>
</head>
<body data-page="${page}">
<a class="skip" href="#main">Skip to content</a>
<header class="top">
  <a class="logo" href="/">Hearth<span> demo shop</span></a>
  <form class="search" role="search" action="/search" method="get">
    <label for="q" class="sr-only">Search products</label>
    <input id="q" name="q" type="search" value="${query}" placeholder="Search 1,200 products">
    <button type="submit">Search</button>
  </form>
  <a class="cart-link" href="/cart">Cart <span class="cart-count" aria-live="polite">0</span></a>
  <button class="privacy-toggle" type="button" aria-controls="privacy-panel" aria-expanded="false">Your data</button>
</header>
<nav class="cats" aria-label="Departments"><ul>${CATEGORIES.map((c) => html`<li><a href="/category/${c.id}">${c.label}</a></li>`)}</ul></nav>
<section class="consent-banner" aria-labelledby="consent-title" hidden>
  <h2 id="consent-title">Personalise this shop, on this device only?</h2>
  <p>Hearth can keep what you browse here in this browser to recommend products. Your events never leave the device; with your consent, only clipped, noised model updates do. Change your mind any time under “Your data”.</p>
  <button type="button" class="consent-yes">Yes, personalise</button> <button type="button" class="consent-no secondary">No thanks</button>
</section>
<div class="notice" role="status" aria-live="polite" hidden></div>
<main id="main" tabindex="-1">
${body}
</main>
<aside id="privacy-panel" class="privacy" aria-labelledby="privacy-title" hidden>
  <h2 id="privacy-title">What stays on this device</h2>
  <p class="privacy-loading">Loading…</p>
  <div class="privacy-body"></div>
</aside>
<footer class="foot"><p>Demo data is generated; no real products or shoppers. <a href="/spa/">The same shop as an npm-import app</a></p></footer>
</body>
</html>`;
}
