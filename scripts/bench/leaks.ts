// The privacy check: which captured requests carried shopper data out of the page.

/** One request the page made, as captured by Playwright. */
export interface CapturedRequest {
  method: string;
  url: string;
  body: Buffer | null;
}

/**
 * Markers that only shopper data contains in the scripted session: item ids (hbi-), search
 * queries (hbq-), categories (hbc-), and event type names as they would appear in a payload.
 */
export const SESSION_MARKERS: readonly string[] = ['hbi-', 'hbq-', 'hbc-', 'product_view', 'add_to_cart', '"purchase"', '"search"'];

/**
 * The requests whose URL or body contains any marker. Bodies are read both as UTF-8 and as
 * Latin-1 (so binary payloads are scanned byte for byte) and also as UTF-16LE.
 */
export function leakedRequests(requests: readonly CapturedRequest[], markers: readonly string[] = SESSION_MARKERS): CapturedRequest[] {
  if (!Array.isArray(requests)) throw new TypeError('requests must be an array');
  if (markers.length === 0 || markers.some((m) => typeof m !== 'string' || m === '')) throw new TypeError('markers must be non-empty strings');
  const hit = (text: string): boolean => markers.some((m) => text.includes(m));
  return requests.filter((r) => {
    let url = r.url;
    try { url = decodeURIComponent(r.url); } catch { /* keep the raw URL */ }
    if (hit(url)) return true;
    if (!r.body || r.body.length === 0) return false;
    return hit(r.body.toString('utf8')) || hit(r.body.toString('latin1')) || hit(r.body.toString('utf16le'));
  });
}
