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

// Each key's check and what to say when it fails (one table keeps the tracker bundle small).
const isUrl = (v: unknown) => typeof v === 'string';
const CHECKS: Record<keyof RecommendConfig, [(v: unknown) => boolean, string]> = {
  workerUrl: [isUrl, 'a URL string'],
  wasmPath: [isUrl, 'a URL string'],
  propensityUrl: [isUrl, 'a URL string'],
  modelUrl: [(v) => v === null || isUrl(v), 'a URL string or null'],
  backend: [(v) => ['auto', 'webgl', 'wasm', 'cpu'].includes(v as string), 'auto, webgl, wasm or cpu'],
  timeoutMs: [(v) => typeof v === 'number' && v >= 100 && v <= 600_000, 'ms in [100, 600000]'],
  catalog: [Array.isArray, 'an array of { id, … }'],
  prefetch: [(v) => typeof v === 'boolean', 'a boolean'],
};

/** Checks the recommend config; throws HearthError('invalid_argument') naming the bad field, as createHearth() promises. */
export function validateRecommendConfig(raw: unknown): RecommendConfig {
  if (raw === undefined) return {};
  const bad = (m: string) => new HearthError('invalid_argument', `createHearth(): options.recommend${m}`);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw bad(' must be an object');
  for (const [k, v] of Object.entries(raw)) {
    const check = CHECKS[k as keyof RecommendConfig];
    if (!check) throw bad(`: unknown key '${k}'`);
    if (v !== undefined && !check[0](v)) throw bad(`.${k} must be ${check[1]}`);
  }
  return raw as RecommendConfig;
}

/**
 * The recommend config from a script tag's data-* attributes: data-worker-url (default:
 * hearth-worker.js next to the script), data-model-url, data-wasm-path, data-backend,
 * data-propensity-url. Checked later by validateRecommendConfig.
 */
export function recommendConfigFromDataset(d: DOMStringMap, scriptSrc: string | null): RecommendConfig {
  const c: Record<string, string> = {};
  for (const k of ['workerUrl', 'modelUrl', 'wasmPath', 'backend', 'propensityUrl']) if (d[k]) c[k] = d[k]!;
  if (!c.workerUrl && scriptSrc) c.workerUrl = new URL('hearth-worker.js', new URL(scriptSrc, location.href)).href;
  return c as RecommendConfig;
}
