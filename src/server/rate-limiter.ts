// Per-client token buckets: a flood from one client is refused (429) without touching the store.

/** Token bucket settings: `burst` requests at once, refilled at `perMinute`. */
export interface RateLimitOptions {
  burst: number;
  perMinute: number;
  /** Buckets kept at most (oldest dropped first) so many clients cannot exhaust memory. */
  maxClients?: number;
}

/** A keyed token-bucket limiter. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly o: RateLimitOptions) {
    if (!(o.burst >= 1) || !(o.perMinute > 0)) throw new RangeError('RateLimiter: burst must be ≥ 1 and perMinute > 0');
  }

  /** Takes one token for `key`; returns 0 when allowed, else seconds until the next token. */
  take(key: string, now = Date.now()): number {
    let b = this.buckets.get(key);
    if (!b) {
      b = { tokens: this.o.burst, at: now };
      if (this.buckets.size >= (this.o.maxClients ?? 100_000)) this.buckets.delete(this.buckets.keys().next().value!);
    }
    this.buckets.delete(key); // re-insert: Map order becomes least-recently-used first
    b.tokens = Math.min(this.o.burst, b.tokens + ((now - b.at) / 60_000) * this.o.perMinute);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - b.tokens) / this.o.perMinute) * 60);
  }
}
