/**
 * A token bucket: allows bursts of `burst` events and a sustained `perSecond` rate (> 0), which
 * is far beyond what a human produces, so anything over it is treated as bot noise.
 * Returns true when the event may pass. The bucket starts full.
 */
export function createRateLimiter(perSecond: number, burst: number): (now: number) => boolean {
  let tokens = burst;
  // The first call refills from -Infinity: an infinite refill, capped at a full bucket.
  let last = -Infinity;
  return (now) => {
    tokens = Math.min(burst, tokens + ((now - last) / 1000) * perSecond);
    last = now;
    return tokens >= 1 && tokens-- > 0;
  };
}
