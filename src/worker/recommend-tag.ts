// The script tag's recommend config: parsed from its data-* attributes in the lazy part (this
// file is not in the eager tracker), checked by the same validateRecommendConfig as createHearth's.
import { validateRecommendConfig, type RecommendConfig, type RecommendSource } from './recommend-config';

/**
 * The recommend config from a script tag's data-* attributes: data-worker-url (default:
 * hearth-worker.js next to the script), data-model-url, data-wasm-path, data-backend,
 * data-propensity-url, data-federation-url (→ federationUrl), data-timeout-ms (→ timeoutMs, a
 * number) and data-personal-weight (→ personalWeight, a number); a non-number becomes NaN so
 * validateRecommendConfig names the field. Checked later by
 * validateRecommendConfig.
 */
export function recommendConfigFromDataset(d: DOMStringMap, scriptSrc: string | null): RecommendConfig {
  const c: Record<string, string | number> = {};
  for (const k of ['workerUrl', 'modelUrl', 'wasmPath', 'backend', 'propensityUrl', 'federationUrl']) if (d[k]) c[k] = d[k]!;
  // Number('') is 0 and Number('1e3') is 1000: accept only plain decimals, anything else is NaN.
  for (const k of ['timeoutMs', 'personalWeight']) {
    const v = d[k];
    if (v !== undefined) c[k] = /^\s*\d*\.?\d+\s*$/.test(v) ? Number(v) : NaN;
  }
  if (!c.workerUrl && scriptSrc) c.workerUrl = new URL('hearth-worker.js', new URL(scriptSrc, location.href)).href;
  return c as RecommendConfig;
}

/**
 * The RecommendConfig of a source: a checked config as is, a script tag's attributes parsed
 * (recommendConfigFromDataset) and checked (validateRecommendConfig), which throws a HearthError
 * naming the bad field.
 */
export function resolveRecommendConfig(source: RecommendSource): RecommendConfig {
  return 'dataset' in source ? validateRecommendConfig(recommendConfigFromDataset(source.dataset, source.src)) : source;
}
