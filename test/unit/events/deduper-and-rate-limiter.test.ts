import { describe, expect, it } from 'vitest';
import { createDeduper } from '../../../src/events/deduper';
import { createRateLimiter } from '../../../src/events/rate-limiter';

describe('createDeduper', () => {
  it('flags an identical fingerprint inside the window only', () => {
    const seen = createDeduper(1000);
    expect(seen('a', 0)).toBe(false);
    expect(seen('a', 500)).toBe(true);
    expect(seen('b', 600)).toBe(false);
    expect(seen('a', 1600)).toBe(false);
  });
});

describe('createRateLimiter', () => {
  it('allows a burst, then the sustained rate only', () => {
    const allow = createRateLimiter(10, 30);
    const burst = Array.from({ length: 40 }, () => allow(0)).filter(Boolean).length;
    expect(burst).toBe(30);
    // One second later, 10 more tokens.
    expect(Array.from({ length: 20 }, () => allow(1000)).filter(Boolean).length).toBe(10);
  });
  it('lets a human pace through indefinitely', () => {
    const allow = createRateLimiter(10, 30);
    for (let t = 0; t < 60_000; t += 500) expect(allow(t)).toBe(true);
  });
});
