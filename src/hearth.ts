import { RECOMMENDER_METHODS } from './recommender-methods';
import { startAutocapture } from './events/autocapture/start-autocapture';
import { createDeduper } from './events/deduper';
import { eventId } from './events/event-id';
import { HearthError } from './events/hearth-error';
import { createRateLimiter } from './events/rate-limiter';
import type { StoredEvent } from './events/schema';
import { checkEvent } from './events/validate-event';
import { setInternals, type HearthInternals } from './hearth-internals';
import type { LazyApi } from './hearth-lazy-api';
import { resolveOptions, type ResolvedOptions } from './hearth-options';
import type { Hearth, HearthOptions, HearthStats, TrackOutcome } from './hearth-types';
import { createBatchWriter } from './store/batch-writer';
import type { HearthDbHandle } from './store/db-schema';
import { eraseHearthData } from './store/erase-hearth-data';
import type { EventStore } from './store/event-store';
import { hearthDbExists } from './store/hearth-db-exists';
import { createIdbEventStore } from './store/idb-event-store';
import { createMemoryEventStore } from './store/memory-event-store';
import { getMeta, setMeta } from './store/meta';
import { openHearthDb } from './store/open-hearth-db';
import { loadLazy } from './load-lazy';
import { noConsentError, RecommendError } from './recommend/recommend-error';
import type { RecommenderControls } from './worker/recommend-api';
import { validateRecommendConfig, type RecommendSource } from './worker/recommend-config';

const CONSENT_KEY = 'consent';

/**
 * Creates a Hearth tracker. Returns at once; the database opens on the first write (and never
 * before consent when `requireConsent` is set). Throws a HearthError only for invalid options.
 */
export function createHearth(options: HearthOptions = {}): Hearth {
  const o = resolveOptions(options);
  const config = validateRecommendConfig(options.recommend);
  const hearth = startHearth(o, config);
  // `prefetch`: start the worker when the page is idle (warmUp() refuses before consent, fetching
  // nothing). Only here: the script tag has no attribute for it, so its bundle leaves this out.
  if (config.prefetch && typeof requestIdleCallback === 'function') requestIdleCallback(() => void hearth.recommender.warmUp().catch(() => {}));
  return hearth;
}

/**
 * createHearth() for options already checked and completed (resolveOptions, or the script tag,
 * which builds them from data-* attributes itself and so need not carry the generic checks); the
 * recommend config may be a script tag's attributes, parsed by the lazy part. Never throws.
 */
export function startHearth(o: ResolvedOptions, recConfig: RecommendSource): Hearth {
  const stats: Omit<HearthStats, 'consentGiven'> = { tracked: 0, stored: 0, invalid: 0, duplicate: 0, throttled: 0, errors: 0 };
  const listeners: ((e: StoredEvent) => void)[] = [];
  const isDuplicate = createDeduper(o.dedupeWindowMs);
  const withinRate = createRateLimiter(o.maxEventsPerSecond, o.maxEventsPerSecond * 3);
  let closed = false;

  const report = (e: HearthError) => {
    stats.errors++;
    try { o.onError?.(e); } catch { /* the host's handler must not break tracking */ }
  };
  const fail = (what: string, code: HearthError['code'] = 'storage') => (e: unknown) => report(new HearthError(code, `${what}: ${(e as Error)?.message ?? e}`, { cause: e }));

  // Connection: opened lazily, dropped when another tab upgrades/deletes, never during erasure.
  let erasing: Promise<void> = Promise.resolve();
  let db: Promise<HearthDbHandle> | null = null;
  const getDb = (): Promise<HearthDbHandle> =>
    (db ??= erasing.then(() => openHearthDb(o.dbName, {
      onClosed(deleted) {
        db = null;
        // Another tab erased everything: what this page mirrored of it is stale too.
        if (deleted) generation++;
        // Another tab withdrew consent (deleted the database): stop writing here too.
        if (deleted && o.requireConsent) consent = false;
      },
      onBlocked: () => report(new HearthError('storage', 'IndexedDB upgrade blocked by another tab')),
    })).catch((e) => { db = null; throw e; }));

  // Store: IndexedDB when it works, otherwise memory (reported once).
  let store: Promise<EventStore> | null = null;
  const memory = () => createMemoryEventStore(o);
  const getStore = () =>
    (store ??= o.storage === 'memory'
      ? Promise.resolve(memory())
      : getDb().then(() => createIdbEventStore(getDb, o), (e) => { fail('IndexedDB unavailable, keeping events in memory')(e); return memory(); }));

  // Whether there may be stored events: a store open in this page (the memory fallback too),
  // storage 'memory' (which never touches IndexedDB, not even to list its databases), or the
  // database exists. Looks without opening: opening would create the database, which is a write.
  const hasData = async () => !!store || o.storage === 'memory' || hearthDbExists(o.dbName);

  // Consent: true/false, or a promise while the remembered grant is being read. The grant is
  // remembered on the device (meta store) when gated and not memory-only.
  const remembered = o.requireConsent && o.storage !== 'memory';
  let consent: boolean | Promise<boolean> = !o.requireConsent;
  if (remembered) {
    const reading = (async () => {
      if (!(await hasData())) return false;
      return (await getMeta<{ granted: boolean }>(await getDb(), CONSENT_KEY))?.granted === true;
    })().catch(() => false);
    // consent()/forget() (or another tab's erasure) while the grant is read wins over what is read.
    const pending: Promise<boolean> = reading.then((g) => (consent === pending ? (consent = g) : consented()));
    consent = pending;
  }
  const consented = async (): Promise<boolean> => consent;

  // Never rejects (track() hands its promise straight to the host): a failure settles as 'error'.
  const writer = createBatchWriter<TrackOutcome>(async (batch, urgent) => {
    try {
      let s = await getStore();
      try {
        await s.append(batch, urgent);
      } catch (e) {
        fail('writing events failed', (e as DOMException)?.name === 'QuotaExceededError' ? 'quota' : 'storage')(e);
        // One retry on a fresh connection (another tab may have closed ours), then memory.
        db = null;
        try { await s.append(batch); } catch { s = memory(); store = Promise.resolve(s); await s.append(batch); }
      }
      stats.stored += batch.length;
      for (const e of batch) listeners.forEach((l) => { try { l(e); } catch (err) { fail('event listener failed')(err); } });
      return s.durable ? 'stored' : 'memory';
    } catch (e) {
      fail('writing events failed')(e);
      return 'error';
    }
  }, o.batchSize, o.batchDelayMs);

  // Erase everything: queued events, the store, and every hearth* database.
  let generation = 0;
  const wipe = async () => {
    generation++;
    writer.drop('dropped');
    // A memory fallback's events go with the store (nothing else holds them).
    const d = db;
    store = null;
    db = null;
    erasing = (async () => {
      (await d?.catch(() => null))?.close();
      await eraseHearthData(o.dbName);
    })().catch(fail('erasing Hearth data failed'));
    await erasing;
  };

  // Bad input: thrown in debug mode (for the developer), otherwise reported.
  const refuse = (code: 'invalid_event' | 'invalid_argument', message: string): void => {
    const err = new HearthError(code, message);
    if (o.debug) throw err;
    report(err);
  };

  // Reads, recommendations, propensity, features() and product-page parsing live in a lazily
  // loaded part (src/hearth-lazy.ts, src/hearth-lazy-api.ts); for recommendations nothing is
  // fetched before consent. Tracking, consent and forget() never depend on it.
  const lazy = () => loadLazy(recConfig);
  let api: LazyApi | null = null;
  const withApi = () => lazy().then((m) => (api ??= m.createLazyApi(hearth, internals)));
  // A read resolves `empty` (and reports) when the lazy part cannot be loaded.
  const read = <K extends 'events' | 'lastUpdate'>(k: K, empty: unknown) => (...a: unknown[]) =>
    withApi().then((x) => (x[k] as (...y: unknown[]) => unknown)(...a), (e) => { fail(`${k}() could not load`)(e); return empty; }) as ReturnType<Hearth[K]>;
  const rec = (k: Exclude<keyof LazyApi, 'events' | 'lastUpdate' | 'features' | 'terminate'>) => async (...a: unknown[]) => {
    if (!(await consented())) throw noConsentError();
    // The loader's error names the URL that failed (hearth-lazy.js, or the ESM chunk).
    const x = await withApi().catch((e) => { throw new RecommendError('worker_unavailable', `${(e as Error)?.message ?? e}`); });
    return (x[k] as (...y: unknown[]) => unknown)(...a);
  };
  // The controls exist at once; each loads the recommendation part first (terminate() needs none).
  const recommender = { terminate: () => api?.terminate() } as RecommenderControls;
  for (const k of RECOMMENDER_METHODS) {
    (recommender as unknown as Record<string, unknown>)[k] = rec(k);
  }

  // Leaving or hiding: commit the queue at once, in one transaction started before unload.
  // beforeunload comes before the next page is even requested (more time for the commit);
  // visibilitychange bubbles from the document to window, and on becoming visible again it only
  // writes a batch a little early.
  const flushNow = () => { void writer.flush(true); };
  const leaving = ['pagehide', 'beforeunload', 'visibilitychange'];
  // In a page (not Node, not a worker): listen for leaving it.
  const inPage = !!globalThis.document;
  // track() without the promise wrapping: an outcome known at once is returned as is.
  const trackNow = (input: unknown): TrackOutcome | Promise<TrackOutcome> => {
    if (closed) return 'closed';
    stats.tracked++;
    const v = checkEvent(input);
    if (!v.ok) {
      stats.invalid++;
      refuse('invalid_event', `track(): ${v.message}`);
      return 'invalid';
    }
    if (consent === false) return 'no-consent';
    const now = Date.now();
    if (isDuplicate(v.json, now)) { stats.duplicate++; return 'duplicate'; }
    // Impressions come in bursts by nature (a grid scrolls into view): not a sign of a bot.
    if (!(v.event.type === 'custom' && v.event.name === 'impression') && !withinRate(now)) { stats.throttled++; return 'throttled'; }
    // The validated event is a fresh object of ours: complete it in place instead of copying.
    const event = v.event as StoredEvent;
    event.id = eventId(now);
    event.ts = now;
    const gen = generation;
    const queue = (): TrackOutcome | Promise<TrackOutcome> => {
      // An event tracked before forget()/consent(false) must not be written after it.
      if (gen !== generation) return 'dropped';
      // Open the connection now, not when the batch is due: a page leaving soon after must
      // find it open, so its last batch's transaction can start before unload.
      void getStore();
      return writer.add(event);
    };
    // Consent known (the usual case): queue at once, without a detour through promises.
    return consent === true ? queue() : consented().then((c) => (c ? queue() : 'no-consent'));
  };
  const hearth: Hearth = {
    // Promise.resolve() of a promise is that promise: one wrapping for every outcome.
    track: (input) => Promise.resolve(trackNow(input)),
    async consent(granted) {
      if (typeof granted !== 'boolean') return refuse('invalid_argument', 'consent(): expected true or false');
      consent = granted;
      if (!granted) return wipe();
      if (remembered) {
        try { await setMeta(await getDb(), CONSENT_KEY, { granted: true, at: Date.now() }); } catch (e) { fail('remembering consent failed')(e); }
      }
    },
    async forget() {
      // The remembered grant is erased too, so gated instances stop until asked again.
      if (o.requireConsent) consent = false;
      await wipe();
    },
    events: read('events', []),
    features: async () => (await withApi()).features(),
    lastUpdate: read('lastUpdate', null),
    // A pending read of the remembered grant counts as not (yet) granted.
    consentGiven: () => consent === true,
    stats: () => ({ ...stats, consentGiven: consent === true }),
    recommend: rec('recommend') as Hearth['recommend'],
    propensity: rec('propensity') as Hearth['propensity'],
    recommender,
    async close() {
      if (closed) return;
      closed = true;
      recommender.terminate();
      stopAutocapture();
      if (inPage) for (const t of leaving) removeEventListener(t, flushNow);
      await writer.flush();
      (await db?.catch(() => null))?.close();
      db = null;
    },
  };

  const stopAutocapture = o.autocapture
    ? startAutocapture((e) => { void hearth.track(e); }, o.autocapture, fail('autocapture failed', 'autocapture'), async () => (await lazy()).startLazyCapture)
    : () => {};
  // Registered after autocapture (whose lazily added dwell listeners use the capture phase), so a
  // dwell event emitted on hide is in the flushed batch.
  if (inPage) for (const t of leaving) addEventListener(t, flushNow);
  const internals: HearthInternals = {
    options: o,
    recommend: recConfig,
    consented,
    getDb,
    getStore,
    hasData,
    epoch: () => generation,
    flush: writer.flush,
    subscribe: (l) => { listeners.push(l); },
    report,
  };
  setInternals(hearth, internals);
  return hearth;
}

