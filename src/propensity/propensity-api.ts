import type { Features } from '../features/features-snapshot';
import { RecommendError } from '../recommend/recommend-error';
import { propensityFeatures } from './propensity-features';
import { predictPropensity, validatePropensityModel, type PropensityModel } from './propensity-model';
import type { PropensityResult } from './propensity-types';

/** What a Hearth instance needs to answer propensity(). */
export interface PropensityApiDeps {
  modelUrl: string | undefined;
  consented(): Promise<boolean>;
  features(): Promise<Features>;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/**
 * `propensity(itemId?)`: fetches the (small, JSON) model once, computes the shopper's features
 * on the device and returns the probability. Rejects with a RecommendError — invalid itemId,
 * no consent, no model configured or reachable — and retries the download on the next call.
 */
export function createPropensityApi(deps: PropensityApiDeps): (itemId?: string) => Promise<PropensityResult> {
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
  return async (itemId) => {
    if (itemId !== undefined && (typeof itemId !== 'string' || itemId === '')) throw new RecommendError('invalid_argument', 'propensity: itemId must be a non-empty string when given');
    if (!(await deps.consented())) throw new RecommendError('no_consent', 'propensity: the shopper has not given consent yet');
    const m = await load();
    const f = await deps.features();
    const x = propensityFeatures(f, itemId);
    return { probability: predictPropensity(m, x), modelVersion: m.version, features: x };
  };
}
