/**
 * Remembers event fingerprints for `windowMs` and says whether one was already seen inside
 * that window (double-fired handlers, double clicks, re-rendered tiles).
 */
export function createDeduper(windowMs: number): (fingerprint: string, now: number) => boolean {
  const seen = new Map<string, number>();
  return (fingerprint, now) => {
    // Map keeps insertion order and `now` only grows (Date.now()), so expired entries are at the
    // front: drop them up to the first one still inside the window. What is left was seen inside
    // it. (Should the clock step back, an entry may outlive its window until those before it expire.)
    for (const [k, t] of seen) { if (now - t < windowMs) break; seen.delete(k); }
    // Seen: true; otherwise remember it (set() returns the map, so !set() is false).
    return seen.has(fingerprint) || !seen.set(fingerprint, now);
  };
}
