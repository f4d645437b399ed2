import type { AutocaptureOptions } from './events/autocapture/autocapture-options';
import type { HearthError } from './events/hearth-error';
import type { StoredEvent } from './events/schema';
import type { Features } from './features/features-snapshot';
import type { RecommendOptions, RecommendResult } from './protocol';
import type { PropensityResult } from './propensity/propensity-types';
import type { RecommendConfig } from './worker/recommend-config';
import type { RecommenderControls } from './worker/recommend-api';
import type { LastUpdateSummary } from './protocol';

/** Options of createHearth(); every field is optional. */
export interface HearthOptions {
  /** IndexedDB database name; must start with "hearth". Default "hearth". */
  dbName?: string;
  /** Write nothing at all until consent(true); the grant is remembered on the device. Default false. */
  requireConsent?: boolean;
  /** Throw invalid input synchronously (development). Default false: count and report via onError. */
  debug?: boolean;
  /** Receives every refused event and storage problem. Errors thrown by it are swallowed. */
  onError?: (error: HearthError) => void;
  /** Automatic capture: true (default) for all kinds, false for none, or per kind. */
  autocapture?: boolean | AutocaptureOptions;
  /** Keep at most this many events (default 5000) … */
  maxEvents?: number;
  /** … and none older than this many days (default 90). */
  maxAgeDays?: number;
  /** Write a batch when it holds this many events (default 20) … */
  batchSize?: number;
  /** … or this long after its first event (default 200 ms); at once on beforeunload / pagehide / hidden. */
  batchDelayMs?: number;
  /** Identical events inside this window are dropped as duplicates. Default 1000 ms. */
  dedupeWindowMs?: number;
  /** Sustained events per second beyond which events count as bot noise (default 10; burst 3×). */
  maxEventsPerSecond?: number;
  /** "memory" never touches IndexedDB (tests, previews). Default "auto". */
  storage?: 'auto' | 'memory';
  /** On-device recommendations: worker, model and wasm URLs, backend, catalog (src/worker). */
  recommend?: RecommendConfig;
}

/**
 * What a track() call came to. `stored`: committed to IndexedDB. `memory`: kept in the memory
 * fallback. The others mean nothing was written: `invalid` input, a `duplicate` inside the
 * dedupe window, `throttled` as bot noise, `no-consent`, `dropped` by forget()/consent(false),
 * `closed` instance, or a storage `error`.
 */
export type TrackOutcome = 'stored' | 'memory' | 'invalid' | 'duplicate' | 'throttled' | 'no-consent' | 'dropped' | 'closed' | 'error';

/** Counters since the instance started, plus whether consent is granted now (as consentGiven()). */
export interface HearthStats { tracked: number; stored: number; invalid: number; duplicate: number; throttled: number; errors: number; consentGiven: boolean }

/** A Hearth instance (createHearth). No method throws into the host page, except track() in debug mode. */
export interface Hearth {
  /** Validates, preprocesses and stores an event; resolves when it is durably committed (or why not). */
  track(event: unknown): Promise<TrackOutcome>;
  /** Grants (true) or withdraws (false) consent; withdrawing erases every Hearth database. */
  consent(granted: boolean): Promise<void>;
  /**
   * Whether consent is granted right now, i.e. whether track() may write. Always true without
   * `requireConsent`. With it: false until consent(true), or until the grant remembered on this
   * device has been read back (a few milliseconds after creation); false after consent(false),
   * forget(), or another tab withdrawing consent.
   */
  consentGiven(): boolean;
  /** Erases every byte Hearth stored (all `hearth*` databases); queued events are dropped. */
  forget(): Promise<void>;
  /**
   * On-device features computed from the stored events. The computation lives in Hearth's lazy
   * part (hearth-lazy.js next to the worker for the script tag): when that cannot be fetched the
   * promise rejects with an Error naming the URL (never a synchronous throw); the next call retries.
   */
  features(): Promise<Features>;
  /**
   * The receipt of the last model update this device sent to the aggregation server (size, clip
   * norm, base version, the server's ε so far), or null when none was sent, before consent, or
   * after forget(). Read from this device's IndexedDB; never sends anything. Its code is in the
   * lazy part (fetched on first use); when that cannot be fetched it reports a `storage` error
   * and resolves null.
   */
  lastUpdate(): Promise<LastUpdateSummary | null>;
  /**
   * Stored events, oldest first, optionally since a time (ms) and at most `limit`. Its code is in
   * the lazy part (fetched on first use); when that cannot be fetched it reports a `storage` error
   * and resolves [].
   */
  events(query?: { since?: number; limit?: number }): Promise<StoredEvent[]>;
  /** Counters of what happened to tracked events. */
  stats(): HearthStats;
  /** Writes what is queued, stops autocapture and closes the database. */
  close(): Promise<void>;
  /** Top-K recommendations computed on this device in a Web Worker, each with score and reasons. Rejects (never throws) with a clear error. */
  recommend(options: RecommendOptions): Promise<RecommendResult>;
  /** Purchase propensity in [0, 1] from on-device features (needs `recommend.propensityUrl`). */
  propensity(itemId?: string): Promise<PropensityResult>;
  /** The recommendation worker's controls: status, backend, model refresh, catalog. */
  recommender: RecommenderControls;
}
