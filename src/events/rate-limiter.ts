/**
 * A token bucket: allows bursts of `burst` events and a sustained `perSecond` rate, which is
 * far beyond what a human produces, so anything over it is treated as bot noise.
 * Returns true when the event may pass.
 */
export function createRateLimiter(perSecond: number, burst: number): (now: number) => boolean {
  let tokens = burst;
  let last = -Infinity;
  return (now) => {
    tokens = Math.min(burst, tokens + (Number.isFinite(last) ? ((now - last) / 1000) * perSecond : burst));
    last = now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}
