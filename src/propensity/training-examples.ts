import type { StoredEvent } from '../events/schema';
import { DEFAULT_FEATURE_CONFIG, emptyFeatureState, updateFeatures } from '../features/feature-state';
import { featuresSnapshot } from '../features/features-snapshot';
import type { LoggedEvent } from './event-log';
import { PROPENSITY_FEATURES, propensityFeatures } from './propensity-features';

/** Labelled examples: feature rows (PROPENSITY_FEATURES order), 0/1 labels and the user of each. */
export interface Examples {
  x: number[][];
  y: number[];
  users: string[];
}

/** A logged event as the on-device store would hold it (so features are computed identically). */
function toStored(e: LoggedEvent, n: number): StoredEvent {
  const item = { id: e.item, ...(e.category ? { category: e.category } : {}) };
  const base = { id: `e${n}`, ts: e.ts };
  return (e.type === 'purchase' ? { ...base, type: 'purchase', items: [item], value: 0, currency: 'EUR' } : { ...base, type: e.type, item }) as StoredEvent;
}

/**
 * One example per product view (at most `maxPerUser` per user, the latest ones): the features
 * the device would have computed right after that view, for the viewed item, labelled 1 when
 * the same user purchases that item later in the log — the "will this shopper buy what they
 * are looking at" signal a shop uses to decide on an offer. Features use the same code path as
 * the SDK (src/features fold + propensityFeatures), so offline and on-device inputs agree.
 */
export function buildExamples(users: ReadonlyMap<string, readonly LoggedEvent[]>, maxPerUser = 20): Examples {
  const out: Examples = { x: [], y: [], users: [] };
  for (const [user, events] of users) {
    const rows: { x: number[]; y: number }[] = [];
    let state = emptyFeatureState();
    events.forEach((e, t) => {
      state = updateFeatures(state, toStored(e, t), DEFAULT_FEATURE_CONFIG);
      if (e.type !== 'product_view') return;
      const f = propensityFeatures(featuresSnapshot(state, e.ts, DEFAULT_FEATURE_CONFIG), e.item, e.category);
      const bought = events.some((later, u) => u > t && later.type === 'purchase' && later.item === e.item);
      rows.push({ x: PROPENSITY_FEATURES.map((k) => f[k]), y: bought ? 1 : 0 });
    });
    for (const r of rows.slice(-maxPerUser)) { out.x.push(r.x); out.y.push(r.y); out.users.push(user); }
  }
  return out;
}
