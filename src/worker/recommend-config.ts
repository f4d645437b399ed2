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
  /** Base URL of `hearth serve`: enables recommender.finetune() / sync() (federated learning). */
  federationUrl?: string;
  /** URL of the propensity model JSON written by `hearth propensity train` (for propensity()). */
  propensityUrl?: string;
  /** Start the worker when the page is idle instead of on the first recommend(). Default false. */
  prefetch?: boolean;
}

const KEYS = ['workerUrl', 'modelUrl', 'wasmPath', 'backend', 'timeoutMs', 'catalog', 'prefetch', 'propensityUrl', 'federationUrl'];

/**
 * Checks the recommend config; throws HearthError('invalid_argument') naming the bad field, as
 * createHearth() promises. URL strings are checked when first used (the worker reports them).
 */
export function validateRecommendConfig(raw: unknown): RecommendConfig {
  if (raw === undefined) return {};
  const bad = (m: string) => new HearthError('invalid_argument', `createHearth(): options.recommend${m}`);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw bad(' must be an object');
  const o = raw as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!KEYS.includes(k)) throw bad(`: unknown key '${k}'`);
  if (o.backend !== undefined && !['auto', 'webgl', 'wasm', 'cpu'].includes(o.backend as string)) throw bad('.backend must be auto, webgl, wasm or cpu');
  if (o.timeoutMs !== undefined && !((o.timeoutMs as number) >= 100 && (o.timeoutMs as number) <= 600_000)) throw bad('.timeoutMs must be ms in [100, 600000]');
  if (o.catalog !== undefined && !Array.isArray(o.catalog)) throw bad('.catalog must be an array of { id, … }');
  return o as RecommendConfig;
}

/**
 * The recommend config from a script tag's data-* attributes: data-worker-url (default:
 * hearth-worker.js next to the script), data-model-url, data-wasm-path, data-backend,
 * data-propensity-url, data-federation-url (→ federationUrl) and data-timeout-ms (→ timeoutMs, a
 * number; a non-number becomes NaN so validateRecommendConfig names the field). Checked later by
 * validateRecommendConfig.
 */
export function recommendConfigFromDataset(d: DOMStringMap, scriptSrc: string | null): RecommendConfig {
  const c: Record<string, string | number> = {};
  for (const k of ['workerUrl', 'modelUrl', 'wasmPath', 'backend', 'propensityUrl', 'federationUrl']) if (d[k]) c[k] = d[k]!;
  // Number('') is 0 and Number('1e3') is 1000: accept only plain digits, anything else is NaN.
  if (d.timeoutMs !== undefined) c.timeoutMs = /^\s*\d+\s*$/.test(d.timeoutMs) ? Number(d.timeoutMs) : Number.NaN;
  if (!c.workerUrl && scriptSrc) c.workerUrl = new URL('hearth-worker.js', new URL(scriptSrc, location.href)).href;
  return c as RecommendConfig;
}
