import type { BackendPreference, CatalogItem } from '../protocol';
import { HearthError } from '../events/hearth-error';

/** The `recommend` option of createHearth(): where the worker, model and wasm files live. */
export interface RecommendConfig {
  /** URL of hearth-worker.js (default: next to the Hearth bundle). */
  workerUrl?: string;
  /** URL of the model's manifest.json written by `hearth train`; null/absent = popularity fallback only. */
  modelUrl?: string | null;
  /** URL prefix of the tfjs .wasm files (default: the worker's folder). */
  wasmPath?: string;
  /** Force a backend (it still falls back down WebGL → WASM → CPU). Default 'auto'. */
  backend?: BackendPreference;
  /** Per-request timeout in ms (default 10000). */
  timeoutMs?: number;
  /** Shop catalog for filters, cold start and the no-model fallback. */
  catalog?: CatalogItem[];
  /** URL of the propensity model JSON written by `hearth propensity train` (for propensity()). */
  propensityUrl?: string;
  /** Start the worker when the page is idle instead of on the first recommend(). Default false. */
  prefetch?: boolean;
}

const KEYS = new Set(['workerUrl', 'modelUrl', 'wasmPath', 'backend', 'timeoutMs', 'catalog', 'prefetch', 'propensityUrl']);

/** Checks the recommend config; throws HearthError('invalid_argument') naming the bad field, as createHearth() promises. */
export function validateRecommendConfig(raw: unknown): RecommendConfig {
  if (raw === undefined) return {};
  const bad = (m: string): never => { throw new HearthError('invalid_argument', `createHearth(): options.recommend: ${m}`); };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) bad('must be an object');
  const o = raw as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!KEYS.has(k)) bad(`unknown key '${k}'`);
  for (const k of ['workerUrl', 'wasmPath', 'propensityUrl'] as const) if (o[k] !== undefined && typeof o[k] !== 'string') bad(`${k} must be a URL string`);
  if (o.modelUrl != null && typeof o.modelUrl !== 'string') bad('modelUrl must be a URL string or null');
  if (o.backend !== undefined && !['auto', 'webgl', 'wasm', 'cpu'].includes(o.backend as string)) bad(`backend must be auto, webgl, wasm or cpu, got '${String(o.backend)}'`);
  if (o.timeoutMs !== undefined && !(typeof o.timeoutMs === 'number' && o.timeoutMs >= 100 && o.timeoutMs <= 600_000)) bad('timeoutMs must be a number of ms in [100, 600000]');
  if (o.catalog !== undefined && !Array.isArray(o.catalog)) bad('catalog must be an array of { id, category?, inStock?, … }');
  if (o.prefetch !== undefined && typeof o.prefetch !== 'boolean') bad('prefetch must be a boolean');
  return o as RecommendConfig;
}

/**
 * The recommend config from a script tag's data-* attributes: data-worker-src (default:
 * hearth-worker.js next to the script), data-model-url, data-wasm-path, data-backend,
 * data-propensity-url, data-recs-timeout (ms), data-prefetch. Left to validateRecommendConfig.
 */
export function recommendConfigFromDataset(d: DOMStringMap, scriptSrc: string | null): RecommendConfig {
  const c: RecommendConfig = {};
  const base = typeof location !== 'undefined' ? location.href : undefined;
  if (d.workerSrc) c.workerUrl = d.workerSrc;
  else if (scriptSrc) c.workerUrl = new URL('hearth-worker.js', new URL(scriptSrc, base)).href;
  if (d.modelUrl) c.modelUrl = d.modelUrl;
  if (d.wasmPath) c.wasmPath = d.wasmPath;
  if (d.backend) c.backend = d.backend as RecommendConfig['backend'];
  if (d.propensityUrl) c.propensityUrl = d.propensityUrl;
  if (d.recsTimeout) c.timeoutMs = Number(d.recsTimeout);
  if (d.prefetch !== undefined) c.prefetch = d.prefetch !== 'false';
  return c;
}
