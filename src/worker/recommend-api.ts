import type { StoredEvent } from '../events/schema';
import type { Features } from '../features/features-snapshot';
import type { PropensityResult } from '../propensity/propensity-types';
import type { BackendPreference, CatalogItem, RecommendResult, WorkerStatus } from '../protocol';
import { historyFromEvents } from '../recommend/history-from-events';
import { RecommendError } from '../recommend/recommend-error';
import type { RecommendConfig } from './recommend-config';
import { createRecommenderHost, type RecommenderHost } from './recommender-host';

/** Controls of the recommendation worker, on `hearth.recommender`. All methods resolve or reject. */
export interface RecommenderControls {
  status(): Promise<WorkerStatus>;
  setBackend(backend: BackendPreference): Promise<WorkerStatus>;
  refreshModel(): Promise<WorkerStatus>;
  setCatalog(items: CatalogItem[]): Promise<{ items: number }>;
  /** Loses the worker's WebGL context on purpose (WEBGL_lose_context), to test the fallback. */
  simulateContextLoss(): Promise<{ lost: boolean }>;
  /** Starts the worker and loads the model now (otherwise the first recommend() does). */
  warmUp(): Promise<WorkerStatus>;
  terminate(): void;
}

/** What a Hearth instance needs to offer recommendations. */
export interface RecommendApiDeps {
  config: RecommendConfig;
  dbName: string;
  consented(): Promise<boolean>;
  events(): Promise<StoredEvent[]>;
  features(): Promise<Features>;
}

/**
 * `recommend()`, `propensity()` and the worker controls for one Hearth instance. The worker is created on the
 * first call (or when the page is idle with `prefetch`); before consent, recommend() rejects
 * with `no_consent` and nothing is fetched.
 */
export function createRecommendApi(deps: RecommendApiDeps): { recommend(options: unknown): Promise<RecommendResult>; propensity(itemId?: string): Promise<PropensityResult>; recommender: RecommenderControls } {
  const c = deps.config;
  let host: RecommenderHost | null = null;
  let catalogSent: Promise<unknown> | null = null;
  const getHost = () => {
    host ??= createRecommenderHost({ workerUrl: c.workerUrl, modelUrl: c.modelUrl ?? null, propensityUrl: c.propensityUrl ?? null, wasmPath: c.wasmPath, backend: c.backend, timeoutMs: c.timeoutMs, dbName: deps.dbName });
    // The catalog goes over once; a failure is retried on the next call.
    if (c.catalog && !catalogSent) catalogSent = host.setCatalog(c.catalog).catch((e) => { catalogSent = null; throw e; });
    return host;
  };
  const gate = async () => {
    if (!(await deps.consented())) throw new RecommendError('no_consent', 'recommend: the shopper has not given consent yet');
    const h = getHost();
    await catalogSent;
    return h;
  };
  if (c.prefetch && typeof requestIdleCallback === 'function') {
    requestIdleCallback(() => { void gate().then((h) => h.warmUp()).catch(() => { /* the first recommend() reports it */ }); });
  }
  return {
    async recommend(options) {
      const h = await gate();
      return h.recommend(historyFromEvents(await deps.events()), options);
    },
    async propensity(itemId) {
      const h = await gate();
      return h.propensity(await deps.features(), itemId);
    },
    recommender: {
      status: () => gate().then((h) => h.status()),
      setBackend: (b) => gate().then((h) => h.setBackend(b)),
      refreshModel: () => gate().then((h) => h.refreshModel()),
      setCatalog: (items) => gate().then((h) => h.setCatalog(items)),
      simulateContextLoss: () => gate().then((h) => h.simulateContextLoss()),
      warmUp: () => gate().then((h) => h.warmUp()),
      terminate: () => { host?.terminate(); host = null; catalogSent = null; },
    },
  };
}
