import type { Features } from '../features/features-snapshot';

/** The propensity model's inputs, in a fixed order (the trained model stores the same list). */
export const PROPENSITY_FEATURES = [
  'views', 'clicks', 'cart_adds', 'cart_removes', 'purchases', 'searches',
  'session_events', 'session_minutes', 'sessions', 'days_since_last_visit', 'distinct_recent_items',
  'cart_per_view', 'item_visits', 'item_recency', 'item_category_affinity',
] as const;

/** One named input of the propensity model. */
export type PropensityFeature = (typeof PROPENSITY_FEATURES)[number];

const log = (x: number) => Math.log1p(Math.max(0, x));

/**
 * The propensity inputs from on-device `features()` output, optionally for one item: counts
 * (log-scaled), session shape, and how present the item is in the recent sequence. Item
 * features are 0 without `itemId`. Pure; the offline trainer uses the same function.
 * `itemCategory` (when known) adds the shopper's affinity to that category.
 */
export function propensityFeatures(f: Features, itemId?: string, itemCategory?: string): Record<PropensityFeature, number> {
  const c = f.counts;
  const seq = f.sequence;
  let visits = 0;
  let lastAt = -1;
  if (itemId !== undefined) seq.forEach((id, i) => { if (id === itemId) { visits++; lastAt = i; } });
  return {
    views: log(c.product_view),
    clicks: log(c.click),
    cart_adds: log(c.add_to_cart),
    cart_removes: log(c.remove_from_cart),
    purchases: log(c.purchase),
    searches: log(c.search),
    session_events: log(f.session.events),
    session_minutes: log(f.session.lengthMs / 60_000),
    sessions: log(f.session.sessions),
    days_since_last_visit: log((f.session.sinceLastVisitMs ?? 0) / 864e5),
    distinct_recent_items: log(new Set(seq).size),
    cart_per_view: c.add_to_cart / Math.max(1, c.product_view),
    item_visits: log(visits),
    item_recency: lastAt < 0 ? 0 : 1 / (seq.length - lastAt),
    item_category_affinity: itemCategory !== undefined ? f.categoryAffinity[itemCategory] ?? 0 : 0,
  };
}
