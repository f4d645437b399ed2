// The storefront's one door to the Hearth SDK loaded by the script tag (window.Hearth). Every
// call is guarded: the shop keeps working, and explains, when Hearth is missing or fails.
import { explain } from './notice.js';

/** The Hearth instance from the script tag, or null (with an explanation) when it is missing. */
export function hearth() {
  const h = globalThis.Hearth;
  if (h && typeof h === 'object' && typeof h.track === 'function') return h;
  explain('Personalisation is unavailable (the Hearth script did not load); the shop works without it.');
  return null;
}

/** Calls the first of `names` that the SDK has; resolves its result, or undefined. Never rejects. */
async function call(names, ...args) {
  return (await attempt(names, ...args)).value;
}

/** Like call(), but also says why it failed: `{ value }` or `{ value: undefined, error }`. */
async function attempt(names, ...args) {
  const h = hearth();
  if (!h) return { value: undefined, error: 'Hearth is not loaded' };
  for (const name of names) {
    if (typeof h[name] !== 'function') continue;
    try {
      return { value: await h[name](...args) };
    } catch (err) {
      console.warn(`hearth.${name} failed:`, err);
      return { value: undefined, error: String(err?.message ?? err) };
    }
  }
  return { value: undefined, error: `Hearth has no ${names[0]}()` };
}

/** Records an event (schema in src/events/schema.ts). Never throws. */
export function track(event) {
  return call(['track'], event);
}

/**
 * `recommend(options)` → RecommendResult, or undefined when unavailable. The first call on a
 * page starts the worker and compiles the model (slow on software WebGL), so an answer that
 * times out is asked for once more before giving up.
 */
export async function recommend(options) {
  const first = await attempt(['recommend'], options);
  if (first.value !== undefined || !/within \d+ ms|timed? ?out/i.test(first.error ?? '')) return first.value;
  return call(['recommend'], options);
}

/** The on-device features, or undefined. */
export function features() {
  return call(['features'], {});
}

/** Every stored event, oldest first (`hearth.events()`), or undefined. */
export function storedEvents() {
  return call(['events']);
}

/**
 * Sends the shop catalog to the recommendation worker once per page (for in-stock filtering
 * and cold start). Resolves true when it arrived, false otherwise. Never rejects.
 */
let catalogSent = null;
export function sendCatalog(catalog) {
  catalogSent ??= (async () => {
    const r = hearth()?.recommender;
    if (!r || typeof r.setCatalog !== 'function') return false;
    try {
      await r.setCatalog([...catalog.values()].map((p) => ({ id: p.id, category: p.category, inStock: p.inStock, price: p.price, title: p.name, url: `/product/${p.id}` })));
      return true;
    } catch (err) {
      console.warn('hearth.recommender.setCatalog failed:', err);
      return false;
    }
  })();
  return catalogSent;
}

/** The worker's status (`hearth.recommender.status()`: backend, modelVersion…), or undefined. */
export async function modelStatus() {
  const r = hearth()?.recommender;
  if (!r || typeof r.status !== 'function') return undefined;
  try {
    return await r.status();
  } catch (err) {
    // Before consent, or with no worker: the panel shows "not loaded".
    console.warn('hearth.recommender.status failed:', err);
    return undefined;
  }
}

/** What the last federated update sent looked like (bytes, clip norm, ε), or undefined. */
export function lastUpdate() {
  return call(['lastUpdate', 'syncStatus']);
}

/** The current consent (true/false), or undefined when the SDK does not say. */
export function getConsent() {
  return call(['consentGiven', 'getConsent', 'hasConsent']);
}

/** Grants or withdraws consent (withdrawing erases Hearth's data, per the SDK). */
export function setConsent(granted) {
  return call(['consent'], granted);
}

/** Erases everything Hearth stored on this device. */
export function forgetMe() {
  return call(['forget']);
}
