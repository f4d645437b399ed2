/** A weight that halves every `halfLifeMs`, remembered at the time `t` of its latest change. */
export interface DecayedScore { w: number; t: number }

/**
 * Adds `amount` at time `at` to a decayed score. Order-independent: adding events in any
 * order gives the same result (an older event is decayed to the score's time). Pure.
 */
export function addDecayed(s: DecayedScore | undefined, amount: number, at: number, halfLifeMs: number): DecayedScore {
  if (!s) return { w: amount, t: at };
  return at >= s.t
    ? { w: s.w * 2 ** (-(at - s.t) / halfLifeMs) + amount, t: at }
    : { w: s.w + amount * 2 ** (-(s.t - at) / halfLifeMs), t: s.t };
}

/** The value of a decayed score at time `now`. Pure. */
export function decayedValue(s: DecayedScore, now: number, halfLifeMs: number): number {
  return s.w * 2 ** (-Math.max(0, now - s.t) / halfLifeMs);
}
