import type { StoredEvent } from '../events/schema';
import type { Features } from '../features/features-snapshot';
import type { BackendPreference, CatalogItem, RecommendResult, WorkerStatus } from '../protocol';
import type { PropensityResult } from '../propensity/propensity-types';
import { noConsentError, RecommendError } from '../recommend/recommend-error';
import type { RecommendConfig } from './recommend-config';
import { createEventMirror, type WriteSignals } from '../store/event-mirror';
import { createWorkerClient, type WorkerClient, type WorkerLike } from './worker-client';

/** Controls of the recommendation worker, on `hearth.recommender`. All methods resolve or reject. */
export interface RecommenderControls {
  status(): Promise<WorkerStatus>;
  /** Rebuilds the model on `backend` (it still falls back down WebGL → WASM → CPU). */
  setBackend(backend: BackendPreference): Promise<WorkerStatus>;
  /** Checks the model URL for a new version and swaps it in without a reload. */
  refreshModel(): Promise<WorkerStatus>;
  setCatalog(items: CatalogItem[]): Promise<{ items: number }>;
  /** Loses the worker's WebGL context on purpose (WEBGL_lose_context), to test the fallback. */
  simulateContextLoss(): Promise<{ lost: boolean }>;
  /** Fine-tunes the model on this device's events and queues a private update (needs federationUrl). */
  finetune(): Promise<{ queued: boolean; updateId: string | null; loss: number | null }>;
  /** Uploads queued federated updates. */
  sync(): Promise<{ uploaded: number; remaining: number; failures: number }>;
  /** Starts the worker and loads the model now (otherwise the first recommend() does). */
  warmUp(): Promise<WorkerStatus>;
  terminate(): void;
}

/** What a Hearth instance gives the recommendation side. */
export interface RecommendApiDeps {
  config: RecommendConfig;
  dbName: string;
  consented(): Promise<boolean>;
  /** Stored events (all, or a page): rejects when the read fails (already reported). */
  events(query?: { since?: number; limit?: number }): Promise<StoredEvent[]>;
  /** Changes whenever stored events were erased (forget(), consent withdrawn, another tab deleting the database). */
  epoch(): number;
  /** Most stored events kept (the instance's maxEvents). */
  maxEvents: number;
  /** Write signals (the instance's internals, where BroadcastChannel exists): with them recommend() reads IndexedDB only after a write; absent, on every call. */
  signals?: WriteSignals;
  features(): Promise<Features>;
  /** Creates the worker (tests; default `new Worker(url)`). */
  createWorker?: (url: string) => WorkerLike;
}

/** The page side of recommendations for one Hearth instance. */
export interface RecommendApi {
  recommend(options: unknown): Promise<RecommendResult>;
  propensity(itemId?: string): Promise<PropensityResult>;
  recommender: RecommenderControls;
}

/**
 * `recommend()`, `propensity()` and the worker controls. Nothing is fetched before the first
 * call after consent (or idle time with `prefetch`): then the worker starts from `workerUrl`
 * (default: hearth-worker.js next to this bundle), gets absolute URLs and loads backend + model.
 * A failed start is retried with a fresh worker on the next call. Every method settles.
 */
export function createRecommendApi(deps: RecommendApiDeps): RecommendApi {
  const c = deps.config;
  const timeoutMs = c.timeoutMs ?? 10_000;
  let client: WorkerClient | null = null;
  let ready: Promise<WorkerStatus> | null = null;

  const start = (): Promise<WorkerStatus> =>
    (ready ??= (async () => {
      const abs = (u: string, base?: string) => new URL(u, base ?? (typeof location !== 'undefined' ? location.href : undefined)).href;
      const url = (u?: string | null) => (u ? abs(u) : null);
      const workerUrl = abs(c.workerUrl ?? new URL('hearth-worker.js', import.meta.url).href);
      let worker: WorkerLike;
      try {
        worker = deps.createWorker ? deps.createWorker(workerUrl) : (new Worker(workerUrl) as WorkerLike);
      } catch (e) {
        throw new RecommendError('worker_unavailable', `cannot start the recommendation worker at ${workerUrl}: ${(e as Error).message}`);
      }
      client = createWorkerClient(worker, timeoutMs);
      const wasmPath = abs(c.wasmPath ?? './', workerUrl);
      return client.call('init', {
        config: {
          modelUrl: url(c.modelUrl),
          propensityUrl: url(c.propensityUrl),
          federationUrl: url(c.federationUrl),
          wasmPath: wasmPath.endsWith('/') ? wasmPath : `${wasmPath}/`,
          backend: c.backend ?? 'auto',
          dbName: deps.dbName,
          ...(c.catalog ? { catalog: c.catalog } : {}),
          ...(c.personalWeight !== undefined ? { personalWeight: c.personalWeight } : {}),
        },
      }, timeoutMs * 3);
    })().catch((e) => {
      client?.terminate();
      client = null;
      ready = null;
      throw e;
    }));

  // Consent first: before it, nothing is fetched and the promise rejects with `no_consent`.
  const worker = async (): Promise<WorkerClient> => {
    if (!(await deps.consented())) throw noConsentError();
    await start();
    return client!;
  };
  if (c.prefetch && typeof requestIdleCallback === 'function') requestIdleCallback(() => void worker().catch(() => {}));
  // recommend() sends slim, incrementally read events: no full read + clone per call (long tasks).
  const recentEvents = createEventMirror((q) => deps.events(q), deps.epoch, deps.maxEvents, deps.signals);

  return {
    recommend: async (options) => (await worker()).call('recommend', { events: (await recentEvents()) as StoredEvent[], options: options as never }),
    propensity: async (itemId) => (await worker()).call('propensity', itemId === undefined ? { features: await deps.features() } : { features: await deps.features(), itemId }),
    recommender: {
      status: async () => (await worker()).call('status', {}),
      setBackend: async (backend) => (await worker()).call('setBackend', { backend }, timeoutMs * 3),
      refreshModel: async () => (await worker()).call('refreshModel', {}, timeoutMs * 3),
      setCatalog: async (items) => (await worker()).call('setCatalog', { items }),
      simulateContextLoss: async () => (await worker()).call('simulateContextLoss', {}),
      finetune: async () => (await worker()).call('finetune', { events: await deps.events().catch(() => []) }, timeoutMs * 6),
      sync: async () => (await worker()).call('sync', {}, timeoutMs * 6),
      warmUp: async () => { await worker(); return ready!; },
      terminate() { client?.terminate(); client = null; ready = null; },
    },
  };
}
