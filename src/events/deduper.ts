/**
 * Remembers event fingerprints for `windowMs` and says whether one was already seen inside
 * that window (double-fired handlers, double clicks, re-rendered tiles).
 */
export function createDeduper(windowMs: number): (fingerprint: string, now: number) => boolean {
  const seen = new Map<string, number>();
  let purged = -Infinity;
  return (fingerprint, now) => {
    // Map keeps insertion order, so expired entries are at the front. Purging at most once per
    // window keeps the common call cheap; lookups below check the age themselves.
    if (now - purged >= windowMs) {
      purged = now;
      for (const [k, t] of seen) { if (now - t < windowMs) break; seen.delete(k); }
    }
    const last = seen.get(fingerprint);
    if (last !== undefined) {
      if (now - last < windowMs) return true;
      // Expired but not yet purged: re-insert, so the Map stays in time order.
      seen.delete(fingerprint);
    }
    seen.set(fingerprint, now);
    return false;
  };
}
