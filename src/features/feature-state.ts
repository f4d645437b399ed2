import { EVENT_TYPES, type EventType, type Item, type StoredEvent } from '../events/schema';
import { addDecayed, type DecayedScore } from './decayed-score';
import { pushItem } from './item-sequence';
import { PRICE_BAND_EDGES, priceBand } from './price-band';
import { updateSession, type SessionState } from './session-stats';

/** Tunables of the feature fold. */
export interface FeatureConfig { sequenceCap: number; halfLifeMs: number }
export const DEFAULT_FEATURE_CONFIG: FeatureConfig = { sequenceCap: 50, halfLifeMs: 7 * 24 * 3600 * 1000 };

/** Everything the features are computed from; updated one event at a time. */
export interface FeatureState {
  sequence: string[];
  categories: Record<string, DecayedScore>;
  brands: Record<string, DecayedScore>;
  priceBands: number[];
  counts: Record<EventType, number>;
  session: SessionState | null;
}

/** How strongly each kind of event signals interest (for affinities and price bands). */
const INTEREST: Partial<Record<EventType, number>> = { product_view: 1, click: 1, add_to_cart: 3, remove_from_cart: -1, purchase: 5, custom: 0.5 };

/** The state before any event. Pure. */
export function emptyFeatureState(): FeatureState {
  return {
    sequence: [],
    categories: {},
    brands: {},
    priceBands: new Array(PRICE_BAND_EDGES.length + 1).fill(0),
    counts: Object.fromEntries(EVENT_TYPES.map((t) => [t, 0])) as Record<EventType, number>,
    session: null,
  };
}

/** Folds one stored event into the state; events should arrive in time order. Pure. */
export function updateFeatures(state: FeatureState, e: StoredEvent, config: FeatureConfig = DEFAULT_FEATURE_CONFIG): FeatureState {
  const items: Item[] = e.type === 'purchase' ? e.items : 'item' in e && e.item ? [e.item] : [];
  // A rating's strength follows the rating: 0 pushes away, 5 pulls strongly.
  const interest = e.type === 'rate' ? e.rating - 2.5 : INTEREST[e.type] ?? 0;
  // Impressions are exposure, not interest: they stay out of the sequence and affinities.
  const signal = !(e.type === 'custom' && e.name === 'impression');
  const next: FeatureState = {
    ...state,
    counts: { ...state.counts, [e.type]: state.counts[e.type] + 1 },
    session: updateSession(state.session, e.ts),
  };
  if (!signal || interest === 0) return next;
  next.categories = { ...state.categories };
  next.brands = { ...state.brands };
  next.priceBands = [...state.priceBands];
  for (const item of items) {
    if (interest > 0) next.sequence = pushItem(next.sequence, item.id, config.sequenceCap);
    if (item.category) next.categories[item.category] = addDecayed(next.categories[item.category], interest, e.ts, config.halfLifeMs);
    if (item.brand) next.brands[item.brand] = addDecayed(next.brands[item.brand], interest, e.ts, config.halfLifeMs);
    if (item.price !== undefined && interest > 0) next.priceBands[priceBand(item.price)]! += interest;
  }
  return next;
}
