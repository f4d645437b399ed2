import type { BackendPreference, CatalogItem } from '../protocol';
import { HearthError } from '../events/hearth-error';
import { isPersonalWeight } from '../federated/personal-weight';

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
  /**
   * Share α in [0, 1] of its own fine-tune a device shows after finetune(): it shows global +
   * α·(fine-tuned − global); the uploaded update is the same for every α. Default 0.25 (chosen on
   * validation; README "Simulator").
   */
  personalWeight?: number;
  /** URL of the propensity model JSON written by `hearth propensity train` (for propensity()). */
  propensityUrl?: string;
  /** Start the worker when the page is idle instead of on the first recommend(). Default false. */
  prefetch?: boolean;
}

const KEYS = ['workerUrl', 'modelUrl', 'wasmPath', 'backend', 'timeoutMs', 'catalog', 'prefetch', 'propensityUrl', 'federationUrl', 'personalWeight'];

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
  if (![undefined, 'auto', 'webgl', 'wasm', 'cpu'].includes(o.backend as string)) throw bad('.backend must be auto, webgl, wasm or cpu');
  if (o.timeoutMs !== undefined && !((o.timeoutMs as number) >= 100 && (o.timeoutMs as number) <= 600_000)) throw bad('.timeoutMs must be ms in [100, 600000]');
  if (o.personalWeight !== undefined && !isPersonalWeight(o.personalWeight)) throw bad('.personalWeight must be a number in [0, 1]');
  if (o.catalog !== undefined && !Array.isArray(o.catalog)) throw bad('.catalog must be an array of { id, … }');
  return o as RecommendConfig;
}

/**
 * A script tag's recommend config before parsing: a copy of its data-* attributes and its src.
 * The eager tracker only carries it; the lazy part parses and checks it when recommendations are
 * first needed (resolveRecommendConfig in src/worker/recommend-tag.ts).
 */
export interface RecommendTag {
  dataset: DOMStringMap;
  src: string | null;
}

/** A checked RecommendConfig (createHearth), or a script tag's attributes still to be parsed. */
export type RecommendSource = RecommendConfig | RecommendTag;
