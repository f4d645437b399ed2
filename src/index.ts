// The public npm API: named re-exports and types only.
export { createHearth } from './hearth';
export { HearthError } from './events/hearth-error';
export { EventSchema, ItemSchema, EVENT_TYPES } from './events/schema';
export { validateEvent } from './events/validate-event';
export { computeFeatures } from './features/compute-features';
export type { Hearth, HearthOptions, HearthStats, TrackOutcome } from './hearth-types';
export type { HearthErrorCode } from './events/hearth-error';
export type { HearthEvent, StoredEvent, EventType, Item } from './events/schema';
export type { AutocaptureOptions } from './events/autocapture/autocapture-options';
export type { Features } from './features/features-snapshot';
export type { Validation } from './events/validate-event';
// Recommendations and propensity (src/worker, src/recommend, src/propensity).
export { RecommendError } from './recommend/recommend-error';
export type { RecommendOptions, RecommendResult, Recommendation, RecommendReason, RecommendFilter, RecommendSource, CatalogItem, BackendName, BackendPreference, WorkerStatus, WorkerErrorCode, LastUpdateSummary } from './protocol';
export type { RecommendConfig } from './worker/recommend-config';
export type { RecommenderControls } from './worker/recommend-api';
export type { PropensityResult } from './propensity/propensity-types';
