// Consent: the shop loads Hearth with data-require-consent, so nothing is recorded until the
// shopper says yes. The choice is remembered by Hearth itself (its database) and, for showing
// the banner, by a small flag here; "forget me" removes both.
import { getConsent, setConsent } from './hearth-client.js';

const KEY = 'hearth-demo-consent';

/** 'granted', 'declined' or null (not asked yet), from the SDK when it can say, else the flag. */
export async function consentState() {
  const sdk = await getConsent();
  if (sdk === true) return 'granted';
  try {
    const v = localStorage.getItem(KEY);
    return v === 'granted' || v === 'declined' ? v : null;
  } catch {
    return null;
  }
}

/** Records the shopper's choice in Hearth and in the flag. */
export async function decideConsent(granted) {
  await setConsent(granted);
  try { localStorage.setItem(KEY, granted ? 'granted' : 'declined'); } catch { /* storage blocked: ask again next time */ }
  document.dispatchEvent(new CustomEvent('demo:consent', { detail: { granted } }));
}

/** Removes the flag (used by "forget me", after Hearth erased its own data). */
export function clearConsentFlag() {
  try { localStorage.removeItem(KEY); } catch { /* nothing to remove */ }
}

/** Shows the banner when the shopper has not decided yet. Never throws. */
export async function setupConsentBanner() {
  const banner = document.querySelector('.consent-banner');
  if (!banner || !globalThis.Hearth) return;
  if ((await consentState()) !== null) return;
  banner.hidden = false;
  // The banner goes only once the choice is stored, so leaving the page right after is safe.
  const decide = async (granted) => {
    banner.querySelectorAll('button').forEach((b) => { b.disabled = true; });
    await decideConsent(granted);
    banner.hidden = true;
  };
  banner.querySelector('.consent-yes')?.addEventListener('click', () => decide(true));
  banner.querySelector('.consent-no')?.addEventListener('click', () => decide(false));
}
