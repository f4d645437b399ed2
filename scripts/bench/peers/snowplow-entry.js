// Snowplow as a shop bundles it from npm: the tracker and the calls the benchmark makes.
export { newTracker, trackPageView, trackSelfDescribingEvent } from '@snowplow/browser-tracker';
