import * as tf from '@tensorflow/tfjs-core';
import type { CatalogItem, HistoryEntry, RecommendResult, WorkerConfig, WorkerRequest, WorkerResults, WorkerStatus } from '../protocol';
import { candidateRule } from '../recommend/candidate-rules';
import { catalogPopularity, coldStartScores } from '../recommend/cold-start';
import { createItemIndex } from '../recommend/item-index';
import { rankRecommendations } from '../recommend/rank-recommendations';
import { topReasons } from '../recommend/reasons';
import { RecommendError } from '../recommend/recommend-error';
import { validateRecommendOptions } from '../recommend/validate-options';
import type { HearthDbHandle } from '../store/db-schema';
import { openHearthDb } from '../store/open-hearth-db';
import { createDeviceFederation, type DeviceFederation } from '../federated/device-federation';
import { createPropensityScorer } from '../propensity/propensity-api';
import { buildActiveModel, type ActiveModel } from './active-model';
import { readCachedModels, storeVerifiedModel } from './artifact-cache';
import { createBackendManager, type BackendManager } from './backend-manager';
import { fetchArtifacts } from './fetch-artifacts';
import { historyFromPageEvents } from './validate-history';

/** What the engine needs from its surroundings (injectable for Node tests). */
export interface EngineDeps {
  fetch?: typeof fetch;
  openDb?: (name: string) => Promise<HearthDbHandle>;
  /** Model download timeout in ms (default 15 s). */
  downloadTimeoutMs?: number;
}

/** The recommendation engine behind the worker: one `handle` per protocol request. */
export interface RecommenderEngine {
  handle<T extends WorkerRequest>(req: T): Promise<WorkerResults[T['type']]>;
}

/**
 * Creates the engine that runs inside the worker: backend selection with fallback, the model
 * lifecycle (IndexedDB cache first, then the network; sha256-verified; previous version kept),
 * and ranking. Requests run one at a time, so a model swap never races a scoring call.
 */
export function createRecommenderEngine(deps: EngineDeps = {}): RecommenderEngine {
  let config: WorkerConfig | null = null;
  let backends: BackendManager | null = null;
  let db: HearthDbHandle | null = null;
  let model: ActiveModel | null = null;
  let previousVersion: string | null = null;
  let etag: string | null = null;
  let lastError: string | null = null;
  let catalog = new Map<string, CatalogItem>();
  let queue: Promise<unknown> = Promise.resolve();
  let propensity: ReturnType<typeof createPropensityScorer> | null = null;
  let federation: DeviceFederation | null = null;

  /** The federated loop (src/federated), created on first use; needs a server URL and the database. */
  const getFederation = (): DeviceFederation => {
    if (!config?.federationUrl) throw new RecommendError('unsupported', 'federated learning is not configured (set recommend.federationUrl)');
    if (!db) throw new RecommendError('unsupported', 'federated learning needs IndexedDB for its outbox');
    // The page only sends finetune/sync after consent (it gates every call), so consent holds here.
    return (federation ??= createDeviceFederation({ serverUrl: config.federationUrl, db, hasConsent: () => true, fetch: deps.fetch, personalWeight: config.personalWeight }));
  };

  async function finetune(rawEvents: unknown): Promise<WorkerResults['finetune']> {
    needInit();
    const fed = getFederation();
    if (!model) throw new RecommendError('no_model', 'finetune: no model is loaded');
    const idx = historyFromPageEvents(rawEvents).map((h) => model!.ids.toIndex(h.itemId)).filter((i): i is number => i !== undefined);
    if (idx.length < 2) throw new RecommendError('invalid_argument', 'finetune: needs at least 2 known items in the history');
    const r = await fed.contribute(model.sasrec, idx);
    return { queued: r.queued, updateId: r.updateId, loss: r.loss };
  }

  const status = (): WorkerStatus => ({
    backend: backends?.active ?? null,
    modelVersion: model?.version ?? null,
    previousVersion,
    numItems: model?.ids.size ?? 0,
    numTensors: tf.memory().numTensors,
    failures: backends ? [...backends.failures] : [],
    lastError,
    threads: backends?.threads ?? false,
    simd: backends?.simd ?? false,
  });

  const needInit = () => {
    if (!config || !backends) throw new RecommendError('invalid_argument', 'the worker was not initialised (send init first)');
    return backends;
  };

  /** Swaps in a verified model; the old one is disposed only after the new one works. */
  async function install(artifacts: ActiveModel['artifacts']): Promise<void> {
    const next = await buildActiveModel(artifacts);
    if (model && model.version !== next.version) previousVersion = model.version;
    model?.dispose();
    model = next;
  }

  /** Checks the network for a newer model; on any failure the current model stays. */
  async function refresh(): Promise<void> {
    if (!config?.modelUrl) return;
    try {
      const got = await fetchArtifacts(config.modelUrl, { fetch: deps.fetch, timeoutMs: deps.downloadTimeoutMs, etag: model ? etag : null });
      if (got.notModified) return;
      if (model && got.artifacts.manifest?.modelVersion === model.version) { etag = got.etag; return; }
      await install(got.artifacts);
      etag = got.etag;
      lastError = null;
      if (db) await storeVerifiedModel(db, got.artifacts, got.etag).catch((e) => { lastError = `model cache write failed: ${(e as Error).message}`; });
    } catch (e) {
      lastError = (e as Error).message + (model ? ` (keeping model ${model.version})` : '');
      throw e;
    }
  }

  async function init(c: WorkerConfig): Promise<WorkerStatus> {
    config = c;
    propensity = createPropensityScorer({ modelUrl: c.propensityUrl, fetch: deps.fetch, timeoutMs: deps.downloadTimeoutMs });
    if (c.catalog) setCatalog(c.catalog);
    backends = createBackendManager(c.wasmPath);
    await backends.activate(c.backend);
    try {
      db = await (deps.openDb ?? ((n: string) => openHearthDb(n)))(c.dbName);
    } catch (e) {
      lastError = `model cache unavailable: ${(e as Error).message}`;
    }
    // Cache first: an offline start still has a model; the previous version is the safety net.
    if (db) {
      const cached = await readCachedModels(db).catch(() => ({ current: null, previous: null }));
      for (const c2 of [cached.current, cached.previous]) {
        if (!c2 || model) continue;
        try { await install(c2.artifacts); etag = c2 === cached.current ? c2.etag : null; } catch (e) { lastError = `cached model unusable: ${(e as Error).message}`; }
      }
      if (cached.previous) previousVersion = cached.previous.artifacts.manifest.modelVersion;
    }
    await refresh().catch(() => { /* lastError says why; the cache or the fallback answers */ });
    return status();
  }

  /** Runs `fn` on the model; on a broken backend, rebuilds on the next one and tries again. */
  async function withBackend<T>(fn: (m: ActiveModel) => T): Promise<T> {
    const b = needInit();
    for (let attempt = 0; ; attempt++) {
      try {
        if (b.isBroken()) throw new Error(`${b.active} context lost`);
        return fn(model!);
      } catch (e) {
        if (attempt >= 2) throw new RecommendError('backend', `inference failed on every backend: ${(e as Error).message}`);
        const artifacts = model!.artifacts;
        model!.dispose();
        model = null;
        await b.fallback((e as Error)?.message ?? String(e));
        await install(artifacts);
      }
    }
  }

  async function recommend(rawEvents: unknown, rawOptions: unknown): Promise<RecommendResult> {
    const options = validateRecommendOptions(rawOptions);
    const history: HistoryEntry[] = [...historyFromPageEvents(rawEvents), ...(options.context ?? []).map((itemId) => ({ itemId, kind: 'view' as const }))];
    const b = needInit();
    const rule = candidateRule(history, options, catalog);
    if (model) {
      const known = history.filter((h) => model!.ids.toIndex(h.itemId) !== undefined);
      const idx = known.map((h) => model!.ids.toIndex(h.itemId)!);
      if (idx.length > 0) {
        const { scores, attention } = await withBackend((m) => m.scoreWithAttention(idx));
        const m = model!;
        const knownIds = known.map((h) => h.itemId);
        const items = rankRecommendations({
          scores, ids: m.ids, rule, k: options.k, diversity: options.diversity, similarity: m.similarity,
          reasonsFor: (target) => topReasons(m.evidence(idx, target, attention), knownIds),
        });
        return { items, source: 'model', backend: b.active, modelVersion: m.version };
      }
      const cold = coldStartScores(model.ids, model.popularity, history, catalog);
      const items = rankRecommendations({ scores: cold.scores, ids: model.ids, rule, k: options.k, diversity: options.diversity, similarity: model.similarity });
      return { items, source: cold.source, backend: b.active, modelVersion: model.version };
    }
    // Documented fallback: no model reachable → the shop's catalog by popularity / affinity.
    if (catalog.size === 0) throw new RecommendError('no_model', `no model is available${lastError ? ` (${lastError})` : ''} and no catalog was given for the popularity fallback`);
    const ids = createItemIndex(['', ...catalog.keys()]);
    const cold = coldStartScores(ids, catalogPopularity(ids, catalog), history, catalog);
    const sameCategory = (a: number, c: number) => (catalog.get(ids.toId(a))?.category === catalog.get(ids.toId(c))?.category ? 1 : 0);
    const items = rankRecommendations({ scores: cold.scores, ids, rule, k: options.k, diversity: options.diversity, similarity: sameCategory });
    return { items, source: cold.source, backend: b.active, modelVersion: null, warning: `no model available${lastError ? `: ${lastError}` : ''}` };
  }

  function setCatalog(items: unknown): { items: number } {
    if (!Array.isArray(items)) throw new RecommendError('invalid_argument', 'setCatalog: items must be an array');
    const next = new Map<string, CatalogItem>();
    items.forEach((it, i) => {
      const c = it as CatalogItem;
      if (!c || typeof c.id !== 'string' || c.id === '') throw new RecommendError('invalid_argument', `setCatalog: items[${i}].id must be a non-empty string`);
      next.set(c.id, c);
    });
    catalog = next;
    return { items: next.size };
  }

  async function dispatch(req: WorkerRequest): Promise<unknown> {
    switch (req.type) {
      case 'init': return init(req.config);
      case 'recommend': return recommend(req.events, req.options);
      case 'setCatalog': return setCatalog(req.items);
      case 'refreshModel': needInit(); await refresh(); return status();
      case 'setBackend': {
        const b = needInit();
        const artifacts = model?.artifacts;
        model?.dispose();
        model = null;
        await b.activate(req.backend);
        if (artifacts) await install(artifacts);
        return status();
      }
      case 'status': return status();
      case 'simulateContextLoss': return { lost: needInit().loseContext() };
      case 'propensity': needInit(); return propensity!(req.features, req.itemId);
      case 'finetune': return finetune(req.events);
      case 'sync': {
        needInit();
        const r = await getFederation().sync();
        return { uploaded: r.sent, remaining: r.remaining, failures: r.failures };
      }
      default:
        throw new RecommendError('invalid_argument', `unknown request type '${String((req as { type?: unknown }).type)}'`);
    }
  }

  return {
    handle(req) {
      const run = queue.then(() => dispatch(req));
      queue = run.catch(() => undefined);
      return run as never;
    },
  };
}
