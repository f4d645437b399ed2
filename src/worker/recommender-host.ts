import type { Features } from '../features/features-snapshot';
import type { BackendPreference, CatalogItem, HistoryEntry, RecommendResult, WorkerStatus } from '../protocol';
import type { PropensityResult } from '../propensity/propensity-types';
import { RecommendError } from '../recommend/recommend-error';
import { createWorkerClient, type WorkerClient, type WorkerLike } from './worker-client';

/** How the page reaches the recommendation worker. */
export interface RecommenderHostOptions {
  /** URL of dist/hearth-worker.js (default: next to this script). */
  workerUrl?: string | URL;
  /** URL of the model's manifest.json (written by `hearth train`); null = popularity fallback only. */
  modelUrl?: string | URL | null;
  /** URL prefix of the tfjs .wasm files (default: the worker's folder). */
  wasmPath?: string | URL;
  /** URL of the propensity model JSON. */
  propensityUrl?: string | URL | null;
  backend?: BackendPreference;
  dbName?: string;
  /** Per-request timeout in ms (default 10 s; start-up gets 3× that). */
  timeoutMs?: number;
  /** Creates the worker (tests; default `new Worker(url)`). */
  createWorker?: (url: string) => WorkerLike;
}

/** The page side of recommendations. Every method resolves or rejects; none throws. */
export interface RecommenderHost {
  recommend(history: HistoryEntry[], options: unknown): Promise<RecommendResult>;
  setCatalog(items: CatalogItem[]): Promise<{ items: number }>;
  propensity(features: Features, itemId?: string): Promise<PropensityResult>;
  refreshModel(): Promise<WorkerStatus>;
  setBackend(backend: BackendPreference): Promise<WorkerStatus>;
  status(): Promise<WorkerStatus>;
  simulateContextLoss(): Promise<{ lost: boolean }>;
  /** Starts the worker now if it is not running (e.g. when the page is idle). */
  warmUp(): Promise<WorkerStatus>;
  terminate(): void;
}

/** The default worker URL: hearth-worker.js next to the running bundle. */
export function defaultWorkerUrl(): string {
  return new URL('hearth-worker.js', import.meta.url).href;
}

/**
 * Creates the host. Nothing is fetched until the first call: then the worker starts, gets its
 * config (absolute URLs) and loads backend + model; later calls reuse it. If start-up fails the
 * next call tries again with a fresh worker.
 */
export function createRecommenderHost(options: RecommenderHostOptions = {}): RecommenderHost {
  const timeoutMs = options.timeoutMs ?? 10_000;
  let client: WorkerClient | null = null;
  let ready: Promise<WorkerStatus> | null = null;

  const start = (): Promise<WorkerStatus> =>
    (ready ??= (async () => {
      const base = typeof location !== 'undefined' ? location.href : undefined;
      const workerUrl = new URL(String(options.workerUrl ?? defaultWorkerUrl()), base).href;
      const wasmPath = new URL(String(options.wasmPath ?? './'), workerUrl).href;
      const modelUrl = options.modelUrl == null ? null : new URL(String(options.modelUrl), base).href;
      const propensityUrl = options.propensityUrl == null ? null : new URL(String(options.propensityUrl), base).href;
      let worker: WorkerLike;
      try {
        worker = options.createWorker ? options.createWorker(workerUrl) : (new Worker(workerUrl) as WorkerLike);
      } catch (e) {
        throw new RecommendError('worker_unavailable', `cannot start the recommendation worker at ${workerUrl}: ${(e as Error).message}`);
      }
      client = createWorkerClient(worker, timeoutMs);
      return client.call('init', { config: { modelUrl, wasmPath: wasmPath.endsWith('/') ? wasmPath : `${wasmPath}/`, backend: options.backend ?? 'auto', dbName: options.dbName ?? 'hearth', propensityUrl } }, timeoutMs * 3);
    })().catch((e) => {
      client?.terminate();
      client = null;
      ready = null;
      throw e;
    }));

  const call = async <R>(fn: (c: WorkerClient) => Promise<R>): Promise<R> => {
    await start();
    return fn(client!);
  };

  return {
    recommend: (history, opts) => call((c) => c.call('recommend', { history, options: opts as never })),
    setCatalog: (items) => call((c) => c.call('setCatalog', { items })),
    propensity: (features, itemId) => call((c) => c.call('propensity', itemId === undefined ? { features } : { features, itemId })),
    refreshModel: () => call((c) => c.call('refreshModel', {}, timeoutMs * 3)),
    setBackend: (backend) => call((c) => c.call('setBackend', { backend }, timeoutMs * 3)),
    status: () => call((c) => c.call('status', {})),
    simulateContextLoss: () => call((c) => c.call('simulateContextLoss', {})),
    warmUp: start,
    terminate() {
      client?.terminate();
      client = null;
      ready = null;
    },
  };
}
