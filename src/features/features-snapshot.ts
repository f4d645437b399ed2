import type { EventType } from '../events/schema';
import { decayedValue, type DecayedScore } from './decayed-score';
import { DEFAULT_FEATURE_CONFIG, type FeatureConfig, type FeatureState } from './feature-state';
import { PRICE_BAND_EDGES, preferredBand } from './price-band';

/** What `features()` returns: model inputs derived on the device. */
export interface Features {
  /** Recent item ids, oldest first, consecutive repeats collapsed, capped. */
  sequence: string[];
  /** Recency-weighted affinity per category / brand, positive ones only, summing to 1, best first. */
  categoryAffinity: Record<string, number>;
  brandAffinity: Record<string, number>;
  /** Interest-weighted histogram over price bands, its argmax, and the band edges. */
  priceBand: { preferred: number | null; histogram: number[]; edges: readonly number[] };
  /** How many events of each type are stored. */
  counts: Record<EventType, number>;
  /** The current session and the gap since the previous one (null when there was none). */
  session: { sessions: number; lengthMs: number; events: number; sinceLastVisitMs: number | null };
}

/** Turns the fold state into features as of `now`. Pure. */
export function featuresSnapshot(state: FeatureState, now: number, config: FeatureConfig = DEFAULT_FEATURE_CONFIG): Features {
  const s = state.session;
  return {
    sequence: [...state.sequence],
    categoryAffinity: normalise(state.categories, now, config.halfLifeMs),
    brandAffinity: normalise(state.brands, now, config.halfLifeMs),
    priceBand: { preferred: preferredBand(state.priceBands), histogram: [...state.priceBands], edges: PRICE_BAND_EDGES },
    counts: { ...state.counts },
    session: s
      ? { sessions: s.sessions, lengthMs: s.last - s.start, events: s.events, sinceLastVisitMs: s.previousEnd === null ? null : s.start - s.previousEnd }
      : { sessions: 0, lengthMs: 0, events: 0, sinceLastVisitMs: null },
  };
}

const normalise = (scores: Record<string, DecayedScore>, now: number, halfLifeMs: number): Record<string, number> => {
  const pos = Object.entries(scores).map(([k, s]) => [k, decayedValue(s, now, halfLifeMs)] as const).filter(([, v]) => v > 0);
  const total = pos.reduce((a, [, v]) => a + v, 0);
  return Object.fromEntries(pos.sort((a, b) => b[1] - a[1]).slice(0, 20).map(([k, v]) => [k, v / total]));
};
