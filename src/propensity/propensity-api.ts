import type { Features } from '../features/features-snapshot';
import { RecommendError } from '../recommend/recommend-error';
import { propensityFeatures } from './propensity-features';
import { predictPropensity, validatePropensityModel, type PropensityModel } from './propensity-model';
import type { PropensityResult } from './propensity-types';

/** Where the propensity scorer gets its model. */
export interface PropensityScorerDeps {
  modelUrl: string | null | undefined;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/**
 * The propensity scorer (runs in the worker): fetches the small JSON model once, then maps
 * on-device features (+ optional item) to a probability. Rejects with a RecommendError —
 * invalid itemId, no model configured or reachable — and retries the download next time.
 */
export function createPropensityScorer(deps: PropensityScorerDeps): (features: Features, itemId?: string) => Promise<PropensityResult> {
  let model: Promise<PropensityModel> | null = null;
  const load = () =>
    (model ??= (async () => {
      if (!deps.modelUrl) throw new RecommendError('no_model', 'propensity: no model configured (set recommend.propensityUrl)');
      const ctl = new AbortController();
      const timer = setTimeout(() => ctl.abort(), deps.timeoutMs ?? 10_000);
      try {
        const res = await (deps.fetch ?? fetch)(deps.modelUrl, { signal: ctl.signal });
        if (!res.ok) throw new Error(`GET ${deps.modelUrl} answered ${res.status}`);
        return validatePropensityModel(await res.json());
      } catch (e) {
        throw new RecommendError('no_model', `propensity: model unavailable: ${(e as Error).message}`);
      } finally {
        clearTimeout(timer);
      }
    })().catch((e) => { model = null; throw e; }));
  return async (features, itemId) => {
    if (itemId !== undefined && (typeof itemId !== 'string' || itemId === '')) throw new RecommendError('invalid_argument', 'propensity: itemId must be a non-empty string when given');
    if (!features || typeof features !== 'object' || !Array.isArray(features.sequence) || !features.counts) throw new RecommendError('invalid_argument', 'propensity: features must come from hearth.features()');
    const m = await load();
    const x = propensityFeatures(features, itemId);
    return { probability: predictPropensity(m, x), modelVersion: m.version, features: x };
  };
}
