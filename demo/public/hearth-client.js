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
  const h = hearth();
  if (!h) return undefined;
  for (const name of names) {
    if (typeof h[name] !== 'function') continue;
    try {
      return await h[name](...args);
    } catch (err) {
      console.warn(`hearth.${name} failed:`, err);
      return undefined;
    }
  }
  return undefined;
}

/** Records an event (schema in src/events/schema.ts). Never throws. */
export function track(event) {
  return call(['track'], event);
}

/** `recommend({ k, context })` → RecommendResult, or undefined when unavailable. */
export function recommend(options) {
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

/** Model version + backend status, or undefined when the SDK has no model yet. */
export function modelStatus() {
  return call(['modelStatus', 'status']);
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
