// The storefront's page script: cart, rails, search tracking and the privacy panel. Each part
// is guarded on its own, so one failing never blanks the page or breaks the others.
import { setupCart } from './cart.js';
import { setupRails } from './rail.js';
import { setupPrivacyPanel } from './privacy-panel.js';
import { hearth, track } from './hearth-client.js';
import { setupConsentBanner } from './consent.js';

const parts = [
  // Says up front when the Hearth script did not load (the shop still works).
  hearth,
  setupCart,
  setupConsentBanner,
  setupPrivacyPanel,
  setupRails,
  () => {
    // A search with results is an interest signal; an empty search is not an event.
    const q = new URLSearchParams(location.search).get('q')?.trim();
    if (document.body.dataset.page === 'search' && q) track({ type: 'search', query: q.slice(0, 100) });
  },
];
// In parallel: a slow model load must not hold up the cart or the panel.
await Promise.all(parts.map((part) => Promise.resolve().then(part).catch((err) => console.warn('storefront part failed:', err))));
