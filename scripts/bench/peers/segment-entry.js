// Segment as a shop bundles it from npm: the AnalyticsBrowser loader, nothing else.
export { AnalyticsBrowser } from '@segment/analytics-next';
