// The methods of a Hearth instance that are not on the tracking path, kept in the lazily loaded
// part (src/hearth-lazy.ts) so the eager tracker stays small: reads (events(), lastUpdate(),
// features()) and recommendations (recommend(), propensity(), the recommender controls).
// createHearth() forwards to them on first use; tracking, consent and forget() never wait for them.
import { RECOMMENDER_METHODS } from './recommender-methods';
import { HearthError } from './events/hearth-error';
import type { StoredEvent } from './events/schema';
import { computeFeatures } from './features/compute-features';
import type { HearthInternals } from './hearth-internals';
import type { Hearth } from './hearth-types';
import type { LastUpdateSummary } from './protocol';
import type { EventStore } from './store/event-store';
import { listStoreEvents } from './store/list-events';
import { getMeta, LAST_UPDATE_KEY } from './store/meta';
import { RecommendError } from './recommend/recommend-error';
import { createRecommendApi, type RecommendApi, type RecommenderControls } from './worker/recommend-api';
import { resolveRecommendConfig } from './worker/recommend-tag';

/** The forwarded methods of one instance, with the same promises as the Hearth interface. */
export type LazyApi = Pick<Hearth, 'events' | 'features' | 'lastUpdate' | 'recommend' | 'propensity'> &
  Omit<RecommenderControls, 'terminate'> & {
    /** Stops the worker if it was started. */
    terminate(): void;
  };

/**
 * The lazily loaded methods of `hearth`, which reach its state through `i` (its internals).
 * createHearth() makes one per instance. Reads never reject for storage failures: they report
 * them and resolve empty; recommendations reject with a RecommendError.
 */
export function createLazyApi(hearth: Hearth, i: HearthInternals): LazyApi {
  const o = i.options;
  const fail = (what: string) => (e: unknown) => i.report(new HearthError('storage', `${what}: ${(e as Error)?.message ?? e}`, { cause: e }));

  // The store to read, after writing what is queued; null before consent or when there is nothing
  // to read (reading never creates the database).
  const readStore = async (): Promise<EventStore | null> => {
    if (!(await i.consented())) return null;
    await i.flush();
    return (await i.hasData()) ? i.getStore() : null;
  };
  // For recommendations nothing is started before consent: every method of createRecommendApi
  // checks it first (and createHearth's forwarding before that).
  // Reads stored events; a failure is reported (naming the method `what`), then rejects (the
  // recommend mirror retries it).
  const readEvents = (q: { since?: number; limit?: number } = {}, what = 'events'): Promise<StoredEvent[]> =>
    readStore().then((s) => (s ? listStoreEvents(s, i.getDb, q) : [])).catch((e) => { fail(`${what}() could not read`)(e); throw e; });
  // The script tag's data-* recommend config is parsed here, on first need: a bad value is
  // reported (onError, stats.errors) and every recommendation call rejects naming it.
  const config = () => {
    try {
      return resolveRecommendConfig(i.recommend);
    } catch (e) {
      i.report(e as HearthError);
      throw new RecommendError('invalid_argument', (e as Error).message);
    }
  };
  let recsApi: RecommendApi | null = null;
  const recs = async (): Promise<RecommendApi> =>
    (recsApi ??= createRecommendApi({ config: config(), dbName: o.dbName, consented: i.consented, events: readEvents, epoch: i.epoch, maxEvents: o.maxEvents, features: () => hearth.features(), signals: typeof BroadcastChannel == 'function' ? i : undefined }));
  const api = {
    async events(query = {}) {
      // Object(): null and primitives have no since/limit (and are refused first).
      const { since, limit } = Object(query) as typeof query;
      // Bad input: thrown in debug mode (for the developer), otherwise reported; resolves empty.
      const bad =
        typeof query !== 'object' || query === null ? 'query must be an object'
        : since !== undefined && !Number.isFinite(since) ? 'since must be a finite number (ms)'
        : limit !== undefined && (!Number.isInteger(limit) || limit < 1) ? 'limit must be a positive integer'
        : '';
      if (!bad) return readEvents({ since, limit }).catch(() => []);
      const err = new HearthError('invalid_argument', `events(): ${bad}`);
      if (o.debug) throw err;
      i.report(err);
      return [];
    },
    features: async () => computeFeatures(await readEvents({ limit: o.maxEvents }, 'features').catch(() => []), Date.now()),
    async lastUpdate() {
      try {
        return (await readStore()) && o.storage !== 'memory' ? ((await getMeta<LastUpdateSummary>(await i.getDb(), LAST_UPDATE_KEY)) ?? null) : null;
      } catch (e) {
        fail('lastUpdate() could not read')(e);
        return null;
      }
    },
    recommend: async (opts) => (await recs()).recommend(opts),
    propensity: async (itemId) => (await recs()).propensity(itemId),
    terminate: () => recsApi?.recommender.terminate(),
  } as LazyApi;
  for (const k of RECOMMENDER_METHODS) {
    (api as unknown as Record<string, unknown>)[k] = async (...a: unknown[]) => ((await recs()).recommender[k] as (...x: unknown[]) => unknown)(...a);
  }
  return api;
}
