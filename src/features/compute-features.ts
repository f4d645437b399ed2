import type { StoredEvent } from '../events/schema';
import { DEFAULT_FEATURE_CONFIG, emptyFeatureState, updateFeatures, type FeatureConfig } from './feature-state';
import { featuresSnapshot, type Features } from './features-snapshot';

/** Features of a list of stored events (any order) as of `now`. Pure. */
export function computeFeatures(events: readonly StoredEvent[], now: number, config: FeatureConfig = DEFAULT_FEATURE_CONFIG): Features {
  const sorted = [...events].sort((a, b) => a.ts - b.ts);
  return featuresSnapshot(sorted.reduce((s, e) => updateFeatures(s, e, config), emptyFeatureState()), now, config);
}
