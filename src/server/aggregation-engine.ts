// The aggregation server's logic without HTTP: versions, update intake, rounds, DP, rollback.
import * as zlib from 'node:zlib';
import { decodeUpdate, UpdateFormatError, UPDATE_FORMAT_VERSION, MAX_UPDATE_BYTES } from '../protocol';
import { inspectUpdate } from '../federated/update-codec';
import type { DecodeOptions, UpdateSummary } from '../federated/update-codec';
import type { ModelManifest, PrivacySpend, SyncServerStatus, UpdateAck } from '../protocol';
import { cryptoGaussianFill, gaussianFillFrom } from './gaussian-noise';
import type { GaussianFill } from './gaussian-noise';
import { packWeights, stepWeightsFile } from './model-weights-file';
import { sumOfPayloads } from './payload-mean';
import type { RunningMean } from './running-mean';
import { optimizerStep, packOptimizerState, unpackOptimizerState, zeroOptimizerState } from './server-optimizer';
import type { OptimizerState, ServerOptimizerSettings } from './server-optimizer';
import { composeEpsilon } from './privacy-accountant';
import { aggregateUpdates } from './robust-aggregate';
import type { Aggregate } from './robust-aggregate';
import type { AggregationServerOptions, ResolvedServerOptions } from './server-options';
import { resolveServerOptions } from './server-options';
import { SqliteSyncStore } from './sqlite-store';
import type { StoredModel, StoredOptimizerState } from './sqlite-store';
import { validateUpdateAgainstModel } from './update-validation';
import { buildTrainLayout, checkTrainLayout } from './train-layout';
import type { TrainLayoutArtifacts, TrainLayoutInfo } from './train-layout';
import type { Rejection } from './update-validation';

/** Outcome of `submit`: an acknowledgement or a rejection (nothing stored). */
export type SubmitResult = { ok: true; status: 200 | 202; ack: UpdateAck } | ({ ok: false } & Rejection);

// Node's native CRC-32 (zlib.crc32, Node ≥ 20.15) is ~5× the portable one; same results.
const NATIVE_CRC: DecodeOptions = typeof (zlib as { crc32?: unknown }).crc32 === 'function' ? { crc32: (zlib as unknown as { crc32: (b: Uint8Array) => number }).crc32 } : {};

// An update that passed validation and waits for the next group commit.
interface Queued {
  summary: UpdateSummary;
  client: string;
  payload: Uint8Array;
  done: (r: SubmitResult) => void;
  failed: (e: unknown) => void;
}

/** What a finished round produced. */
export interface RoundResult {
  round: number;
  version: number;
  updates: number;
  epsilon: number;
}

/**
 * Owns the SQLite store and the head model. All methods are synchronous and each state change
 * is one SQLite transaction, so a single Node process needs no further locking.
 */
export class AggregationEngine {
  readonly options: ResolvedServerOptions;
  readonly store: SqliteSyncStore;
  private head!: StoredModel;
  private privacyCache: PrivacySpend | null = null;
  private readonly noise: GaussianFill;
  // Noise is drawn in chunks of this size into one reused buffer (512 KiB), not per coordinate.
  private readonly noiseScratch = new Float64Array(65536);
  // Rejections are counted in memory only: a rejected update writes nothing to the store.
  private rejected = 0;

  constructor(opts: AggregationServerOptions) {
    this.options = resolveServerOptions(opts);
    this.store = new SqliteSyncStore(this.options.store, this.options.sync, { log: this.options.log });
    this.noise = this.options.random ? gaussianFillFrom(this.options.random) : cryptoGaussianFill();
    const v = this.store.headVersion();
    if (v === null) {
      const seed = this.options.seed;
      if (!seed) {
        this.store.close();
        throw new RangeError('aggregation server: the store has no model yet; pass a seed model (hearth serve --model DIR)');
      }
      for (const s of seed.sparse) {
        const t = seed.tensors.find((x) => x.name === s);
        if (!t || t.shape.length !== 2) throw new RangeError(`aggregation server: sparse tensor ${s} must be a 2-D seed tensor`);
      }
      const file = packWeights(seed.tensors);
      this.store.addModel({ version: 1, parent: null, createdAt: new Date().toISOString(), weights: file.bytes, sha256: file.sha256, tensors: file.tensors, sparse: seed.sparse, config: seed.config, note: 'seed' });
    }
    this.head = this.store.model(this.store.headVersion()!)!;
    const layout = this.options.seed?.trainLayout;
    if (layout && !this.store.trainLayout()) {
      const why = checkTrainLayout(layout, this.head.tensors);
      if (!why) this.store.setTrainLayout(layout);
      else if (v === null) {
        this.store.close();
        throw new RangeError(`aggregation server: seed trainLayout does not match the seed tensors: ${why}`);
      } else this.options.log?.(`not serving the train layout: the seed model does not match the stored versions (${why})`);
    }
    this.layoutInfo = this.store.trainLayout();
    this.optimizer = { kind: this.options.serverOptimizer, lr: this.options.serverLearningRate, beta1: this.options.serverBeta1, beta2: this.options.serverBeta2, tau: this.options.serverTau };
    this.optState = this.loadOptimizerState(this.head.version);
    this.resetRunning();
  }

  private readonly optimizer: ServerOptimizerSettings;
  // The optimizer's moments after the head version (null for sgd). Never mutated in place: a round
  // steps a copy and adopts it only once the round has committed.
  private optState: OptimizerState | null;

  // The state stored with `version`, or zeros (a version made by another optimizer, or before one was used).
  private loadOptimizerState(version: number): OptimizerState | null {
    return this.adoptOptimizerState(this.store.optimizerState(version), version);
  }

  // `stored` (the state kept with `version`) unpacked for this optimizer, or zeros.
  private adoptOptimizerState(stored: StoredOptimizerState | null, version: number): OptimizerState | null {
    const kind = this.optimizer.kind;
    const state = stored && stored.kind === kind ? unpackOptimizerState(kind, stored.state, this.head.tensors) : null;
    if (kind !== 'sgd' && !state) this.options.log?.(`${kind} server optimizer: no ${kind} state kept for version ${version} (states are kept for the newest ${this.options.keepOptimizerStates} versions), starting from zeros`);
    return state ?? zeroOptimizerState(kind, this.head.tensors);
  }

  // The mean aggregator keeps the round's clipped sum up to date as updates commit (each payload is
  // parsed once more then, and never again): a round then costs noise + write, not a re-read of
  // every payload. null = not kept (trimmed mean, or more pending than one round takes).
  private running: RunningMean | null = null;

  // Starts the running sum over what is pending now (normally nothing: after a round or on a fresh store).
  private resetRunning(): void {
    // The previous sum's buffers are zeroed and reused (same shapes and clip norm for the engine's life).
    const previous = this.running?.clear();
    this.running = null;
    if (this.options.aggregator !== 'mean' || this.store.pendingCount() > this.options.maxUpdatesPerRound) return;
    try {
      const pending = this.store.pendingUpdates(this.options.maxUpdatesPerRound).map((p) => storedBytes(p.payload));
      this.running = sumOfPayloads(pending, this.options.clipNorm, this.shapes(), (u) => this.checkStored(u), NATIVE_CRC, previous);
    } catch (e) {
      this.options.log?.(`running sum not kept: ${(e as Error).message}`);
    }
  }

  // Adds freshly committed updates to the running sum (dropping the sum if one does not fit, or if
  // the round would not take them all: runRound then reads the store).
  private addToRunning(fresh: readonly { id: string; payload: Uint8Array; norm: number }[]): void {
    const sum = this.running;
    if (!sum) return;
    try {
      for (const u of fresh) sum.add(u.id, u.payload, u.norm);
      if (sum.ids.length > this.options.maxUpdatesPerRound) this.running = null;
    } catch (e) {
      this.running = null;
      this.options.log?.(`running sum dropped: ${(e as Error).message}`);
    }
  }

  private layoutInfo: TrainLayoutInfo | null;
  // Built train-layout versions (the head and maybe its predecessor while devices catch up).
  private readonly layoutCache = new Map<number, TrainLayoutArtifacts>();

  /**
   * `version` (default: the head) in the `hearth train` layout — manifest.json, model.json and
   * weight shards that `loadModel` verifies — or null when the store has no train layout (seeded
   * without one) or no such version. Built once per version and cached.
   */
  trainLayout(version = this.head.version): TrainLayoutArtifacts | null {
    if (!this.layoutInfo || !Number.isInteger(version)) return null;
    const hit = this.layoutCache.get(version);
    if (hit) return hit;
    const m = version === this.head.version ? this.head : this.store.model(version);
    if (!m) return null;
    const built = buildTrainLayout(m.version, m.weights, m.tensors, m.sha256, this.layoutInfo);
    if (this.layoutCache.size >= 2) this.layoutCache.delete(this.layoutCache.keys().next().value!);
    this.layoutCache.set(version, built);
    return built;
  }

  /** The current head version. */
  get version(): number {
    return this.head.version;
  }

  /** Privacy spent so far (cached; recomputed after every round). */
  privacy(): PrivacySpend {
    if (!this.privacyCache) {
      const rounds = this.store.rounds();
      this.privacyCache = {
        epsilon: composeEpsilon(rounds, this.options.delta),
        delta: this.options.delta,
        noiseMultiplier: this.options.noiseMultiplier,
        clipNorm: this.options.clipNorm,
        sampleRate: this.options.sampleRate,
        rounds: rounds.length,
        accountant: 'rdp-sampled-gaussian',
      };
    }
    return this.privacyCache;
  }

  /** The manifest of the head model (GET /v1/model). */
  manifest(): ModelManifest {
    const h = this.head;
    return {
      protocol: UPDATE_FORMAT_VERSION,
      version: h.version,
      parentVersion: h.parent,
      createdAt: h.createdAt,
      weightsUrl: `/v1/model/weights/${h.version}`,
      weightsBytes: h.weights.length,
      sha256: h.sha256,
      tensors: h.tensors,
      sparseTensors: h.sparse,
      config: h.config,
      clipNorm: this.options.clipNorm,
      maxUpdateBytes: MAX_UPDATE_BYTES,
      privacy: this.privacy(),
    };
  }

  /** The stored weights and hash of `version`, or null. */
  weights(version: number): { bytes: Buffer; sha256: string } | null {
    if (version === this.head.version) return { bytes: this.head.weights, sha256: this.head.sha256 };
    const m = this.store.model(version);
    return m ? { bytes: m.weights, sha256: m.sha256 } : null;
  }

  /** Server status (GET /v1/status). */
  status(): SyncServerStatus {
    const oldest = this.store.oldestPendingAt();
    return {
      version: this.head.version,
      round: this.store.roundCount(),
      pendingUpdates: this.store.pendingCount(),
      minUpdates: this.options.minUpdates,
      roundDeadline: oldest === null ? null : new Date(oldest + this.options.roundSeconds * 1000).toISOString(),
      acceptedTotal: this.store.updateCount(),
      rejectedTotal: this.rejected,
      aggregator: this.options.aggregator === 'mean' ? 'mean' : `trimmed-mean(${this.options.trimFraction})`,
      privacy: this.privacy(),
    };
  }

  // Versions an update may be based on: the head and up to maxStaleness ancestors (cached per head).
  private bases: { head: number; ok: Set<number> } | null = null;
  private acceptableBases(): Set<number> {
    if (this.bases?.head === this.head.version) return this.bases.ok;
    const ok = new Set<number>([this.head.version]);
    let parent = this.head.parent;
    for (let i = 0; i < this.options.maxStaleness && parent !== null; i++) {
      ok.add(parent);
      parent = this.store.parentOf(parent);
    }
    this.bases = { head: this.head.version, ok };
    return ok;
  }

  // Validation shared by submit and submitGrouped: a rejection or duplicate ack, or the summary to store.
  private check(payload: Uint8Array): SubmitResult | UpdateSummary {
    const reject = (status: number, reason: string, message: string): SubmitResult => {
      this.rejected++;
      return { ok: false, status, reason, message };
    };
    let u: UpdateSummary;
    try {
      // Validates everything decodeUpdate does, and the norm, without dequantising the values.
      u = inspectUpdate(payload, NATIVE_CRC);
    } catch (e) {
      if (e instanceof UpdateFormatError) return reject(e.reason === 'too_large' ? 413 : 400, e.reason, e.message);
      throw e;
    }
    if (this.store.hasUpdate(u.updateId)) return this.ack(u.updateId, false);
    if (u.baseVersion > this.head.version) return reject(400, 'unknown_version', `base version ${u.baseVersion} does not exist (head is ${this.head.version})`);
    if (!this.acceptableBases().has(u.baseVersion)) return reject(409, 'stale_version', `base version ${u.baseVersion} is too old (head is ${this.head.version}); fetch the model again`);
    const bad = validateUpdateAgainstModel(u, this.head.tensors, this.head.sparse, this.options.clipNorm);
    if (bad) return reject(bad.status, bad.reason, bad.message);
    return u;
  }

  private ack(updateId: string, fresh: boolean): SubmitResult {
    return { ok: true, status: fresh ? 202 : 200, ack: { accepted: true, duplicate: !fresh, updateId, round: this.store.roundCount() } };
  }

  /**
   * Validates and durably stores one encoded update from `client` before returning. Duplicate
   * ids are acknowledged again without being stored twice. Nothing is written for a rejected update.
   */
  submit(payload: Uint8Array, client: string): SubmitResult {
    this.flush();
    const r = this.check(payload);
    if (!('updateId' in r)) return r;
    const fresh = this.store.addUpdate(r.updateId, client, r.baseVersion, payload);
    if (fresh) this.addToRunning([{ id: r.updateId, payload, norm: r.norm }]);
    return this.ack(r.updateId, fresh);
  }

  /**
   * Like `submit`, with group commit: validation runs now (a rejection resolves at once, nothing
   * written), and the insert joins every other update validated in the same event-loop turn in ONE
   * SQLite transaction. Resolves only after that transaction commits, so an acknowledgement still
   * means the update survives `kill -9`; rejects (nothing stored) if the commit fails.
   */
  submitGrouped(payload: Uint8Array, client: string): Promise<SubmitResult> {
    let r: SubmitResult | UpdateSummary;
    try {
      r = this.check(payload);
    } catch (e) {
      return Promise.reject(e);
    }
    if (!('updateId' in r)) return Promise.resolve(r);
    const summary = r;
    return new Promise((done, failed) => {
      if (this.queue.length === 0) setImmediate(() => this.flush());
      this.queue.push({ summary, client, payload, done, failed });
    });
  }

  private queue: Queued[] = [];

  /** Commits the updates `submitGrouped` has queued (one transaction) and settles their promises. */
  flush(): void {
    if (this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    let fresh: boolean[];
    try {
      fresh = this.store.addUpdates(batch.map((q) => ({ id: q.summary.updateId, client: q.client, baseVersion: q.summary.baseVersion, payload: q.payload })));
    } catch (e) {
      for (const q of batch) q.failed(e);
      return;
    }
    this.addToRunning(batch.filter((_, i) => fresh[i]).map((q) => ({ id: q.summary.updateId, payload: q.payload, norm: q.summary.norm })));
    batch.forEach((q, i) => q.done(this.ack(q.summary.updateId, fresh[i]!)));
  }

  /** Counts an update refused before it reached `submit` (e.g. an oversized body). */
  countRejection(): void {
    this.rejected++;
  }

  /** Whether a round should run now (enough updates, or the oldest one has waited long enough). */
  roundDue(now = Date.now()): boolean {
    const n = this.store.pendingCount();
    if (n >= this.options.minUpdates) return true;
    const oldest = this.store.oldestPendingAt();
    return n > 0 && oldest !== null && now >= oldest + this.options.roundSeconds * 1000;
  }

  /**
   * Aggregates the pending updates into a new head version: robust FedAvg over re-clipped
   * updates, Gaussian noise (std = noiseMultiplier × clipNorm / divisor on every coordinate),
   * server step. Returns null when nothing is pending.
   */
  runRound(): RoundResult | null {
    this.flush(); // updates validated against the current head go in before it moves
    const { clipNorm, trimFraction } = this.options;
    let consumed: readonly string[];
    let agg: Aggregate;
    const n = this.store.pendingCount();
    if (n === 0) return null;
    if (this.running && this.running.ids.length === n) {
      consumed = this.running.ids;
      agg = this.running.scaledSum();
    } else {
      const pending = this.store.pendingUpdates(this.options.maxUpdatesPerRound);
      if (pending.length === 0) return null;
      consumed = pending.map((p) => p.id);
      const bytes = pending.map((p) => storedBytes(p.payload));
      const shapes = this.shapes();
      // A trimmed mean that trims nothing (⌊βn⌋ = 0) is the mean.
      agg =
        this.options.aggregator === 'mean' || Math.floor(trimFraction * bytes.length) === 0
          ? sumOfPayloads(bytes, clipNorm, shapes, (u) => this.checkStored(u), NATIVE_CRC).scaledSum()
          : aggregateUpdates((function* () { for (const b of bytes) yield decodeUpdate(b, NATIVE_CRC); })(), { kind: 'trimmed-mean', clipNorm, trimFraction, shapes });
    }
    const sd = (this.options.noiseMultiplier * clipNorm) / agg.divisor;
    const state = copyState(this.optState);
    // One copy of the head's file, stepped in place (noise drawn in chunks), hashed once.
    const file = stepWeightsFile(this.head.weights, this.head.tensors, (name, w) => optimizerStep(this.optimizer, w, agg.deltas.get(name)!, sd, this.noise, this.noiseScratch, state?.get(name) ?? null, agg.scale ?? 1));
    const round = this.store.roundCount() + 1;
    const model: StoredModel = {
      version: this.head.version + 1,
      parent: this.head.version,
      createdAt: new Date().toISOString(),
      weights: file.bytes,
      sha256: file.sha256,
      tensors: file.tensors,
      sparse: this.head.sparse,
      config: this.head.config,
      note: `round ${round}`,
    };
    this.store.finishRound(
      model,
      { round, updates: consumed.length, noiseMultiplier: this.options.noiseMultiplier, sampleRate: this.options.sampleRate, clipNorm: this.options.clipNorm, aggregator: this.options.aggregator, finishedAt: model.createdAt },
      consumed,
      state ? { kind: this.optimizer.kind, state: packOptimizerState(state, model.tensors) } : undefined,
      this.options.keepOptimizerStates,
    );
    this.head = model;
    this.optState = state;
    this.privacyCache = null;
    this.resetRunning();
    this.options.log?.(`round ${round}: ${consumed.length} updates → version ${model.version}, ε=${this.privacy().epsilon.toFixed(3)}`);
    return { round, version: model.version, updates: consumed.length, epsilon: this.privacy().epsilon };
  }

  // Every tensor's full shape by name (what the sums are laid out by).
  private shapes(): Map<string, readonly number[]> {
    return new Map(this.head.tensors.map((t) => [t.name, t.shape]));
  }

  // A stored update passed validation at intake; shapes never change, so this only fails on a corrupted store.
  private checkStored(u: UpdateSummary): void {
    const bad = validateUpdateAgainstModel(u, this.head.tensors, this.head.sparse, this.options.clipNorm);
    if (bad) throw new Error(`stored update ${u.updateId} no longer validates: ${bad.reason} (${bad.message})`);
  }

  /**
   * What a rollback to `version` does with the server optimizer's state: 'restored' (the state
   * stored with that version comes back), 'reset' (momentum / adam, but that version's state was
   * pruned — it is older than the newest `keepOptimizerStates` versions — or written by another
   * optimizer: the moments restart from zero) or 'none' (sgd keeps no state).
   */
  rollbackOptimizerState(version: number): 'restored' | 'reset' | 'none' {
    if (this.optimizer.kind === 'sgd') return 'none';
    return this.store.optimizerStateKind(version) === this.optimizer.kind ? 'restored' : 'reset';
  }

  /**
   * Rolls back: publishes a NEW head version whose weights equal `version`'s (versions only move
   * forward, so device caches stay simple). Privacy already spent stays spent. The optimizer
   * state goes back with the weights while that version is among the newest
   * `keepOptimizerStates`; beyond that the weights come back with zero moments
   * (`rollbackOptimizerState` tells which, before or after).
   */
  rollback(version: number): number {
    this.flush();
    const target = this.store.model(version);
    if (!Number.isInteger(version) || !target) throw new RangeError(`rollback: version ${version} does not exist`);
    const model: StoredModel = { ...target, version: this.head.version + 1, parent: target.version, createdAt: new Date().toISOString(), note: `rollback to ${version}` };
    // Zeros when that version's state was pruned (older than keepOptimizerStates) or is foreign.
    const stored = this.store.optimizerState(version);
    const state = this.adoptOptimizerState(stored, version);
    // The new head stores the state it starts from, so a restart resumes it.
    const saved = state ? { kind: this.optimizer.kind, state: stored?.kind === this.optimizer.kind ? stored.state : packOptimizerState(state, this.head.tensors) } : undefined;
    this.store.addModel(model, saved, this.options.keepOptimizerStates);
    // Pending deltas computed against the abandoned versions would re-apply what was rolled back.
    this.store.discardPendingNotBasedOn(version);
    this.head = model;
    this.optState = state;
    this.resetRunning();
    this.options.log?.(`rolled back to version ${version} as version ${model.version}`);
    return model.version;
  }

  /** Commits any queued updates, then closes the store. */
  close(): void {
    if (this.store.isOpen) this.flush();
    this.store.close();
  }
}

function copyState(s: OptimizerState | null): OptimizerState | null {
  if (!s) return null;
  return new Map([...s].map(([name, t]) => [name, { m: t.m.slice(), v: t.v ? t.v.slice() : null }]));
}

// A stored payload (a Buffer from SQLite) as a plain Uint8Array view, as the codec reads it.
function storedBytes(b: Uint8Array): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}
