// The server's durable state in one embedded SQLite file (WAL): model versions, acknowledged
// updates waiting for a round, finished rounds (the privacy ledger) and counters.
import Database from 'better-sqlite3';
import type { ManifestTensor } from '../protocol';
import type { ModelConfig } from '../model/model-config';
import type { TrainLayoutInfo } from './train-layout';
import { DEFAULT_CHECKPOINT_BYTES, WalCheckpointer } from './wal-checkpointer';

/** A stored model version. */
export interface StoredModel {
  version: number;
  parent: number | null;
  createdAt: string;
  weights: Buffer;
  sha256: string;
  tensors: ManifestTensor[];
  sparse: string[];
  config: Record<string, unknown> | null;
  note: string;
}

/** A stored, acknowledged update that no round has consumed yet. */
export interface PendingUpdate {
  id: string;
  baseVersion: number;
  payload: Buffer;
}

/** An update to store: its id, the client key, its base version and the encoded payload. */
export interface NewUpdate {
  id: string;
  client: string;
  baseVersion: number;
  payload: Uint8Array;
}

/** One finished aggregation round. */
export interface StoredRound {
  round: number;
  version: number;
  updates: number;
  noiseMultiplier: number;
  sampleRate: number;
  clipNorm: number;
  aggregator: string;
  finishedAt: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS models (
  version INTEGER PRIMARY KEY, parent INTEGER, created_at TEXT NOT NULL, weights BLOB NOT NULL,
  sha256 TEXT NOT NULL, tensors TEXT NOT NULL, sparse TEXT NOT NULL, config TEXT, note TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS head (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS updates (
  id TEXT PRIMARY KEY, client TEXT NOT NULL, base_version INTEGER NOT NULL, received_at INTEGER NOT NULL,
  bytes INTEGER NOT NULL, payload BLOB, round INTEGER);
CREATE INDEX IF NOT EXISTS updates_pending ON updates(round) WHERE round IS NULL;
CREATE TABLE IF NOT EXISTS rounds (
  round INTEGER PRIMARY KEY, version INTEGER NOT NULL, updates INTEGER NOT NULL, noise_multiplier REAL NOT NULL,
  sample_rate REAL NOT NULL, clip_norm REAL NOT NULL, aggregator TEXT NOT NULL, finished_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS optimizer_state (version INTEGER PRIMARY KEY, kind TEXT NOT NULL, state BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS train_layout (
  id INTEGER PRIMARY KEY CHECK (id = 1), config TEXT NOT NULL, items TEXT NOT NULL, popularity TEXT NOT NULL,
  item_attributes BLOB, seed_model_version TEXT);
`;

/** Server optimizer state saved with a model version: its kind and packed moments. */
export interface StoredOptimizerState {
  kind: string;
  state: Buffer;
}

/** Durability of a commit: 'normal' survives a killed process, 'full' also a power cut. */
export type SyncMode = 'normal' | 'full';

/** How the store checkpoints its WAL (see wal-checkpointer.ts). */
export interface CheckpointOptions {
  /** 'background' (default for a file store): a worker thread checkpoints; 'inline': SQLite's autocheckpoint. */
  checkpoint?: 'background' | 'inline';
  /** Estimated WAL bytes between background checkpoints (default 16 MiB). */
  checkpointBytes?: number;
  /** Where a fallback to inline checkpoints is reported. */
  log?: (line: string) => void;
}

// Pages a write transaction rewrites besides its blobs (table leaf, index leaves): for the WAL estimate.
const TRANSACTION_OVERHEAD_BYTES = 3 * 32768;

/**
 * Opens (creating if needed) the SQLite store at `file` in WAL mode. Every write method is one
 * transaction: when it returns, the change survives `kill -9` of the server.
 */
export class SqliteSyncStore {
  private readonly db: Database.Database;
  private readonly stmts;
  // Counts the hot path asks for on every upload; this process is the store's only writer.
  private pendingN: number | null = null;
  private roundN: number | null = null;
  private oldestAt: number | null | undefined = undefined; // undefined = not known yet
  private readonly checkpointer: WalCheckpointer | null;

  /**
   * `sync`: commit durability; `checkpoints`: WAL checkpointing (background by default for a file,
   * always inline for ':memory:'). Throws a TypeError / RangeError on invalid arguments.
   */
  constructor(file: string, sync: SyncMode = 'normal', checkpoints: CheckpointOptions = {}) {
    if (typeof file !== 'string' || !file) throw new TypeError('SqliteSyncStore: file must be a non-empty path');
    if (checkpoints.checkpoint !== undefined && checkpoints.checkpoint !== 'background' && checkpoints.checkpoint !== 'inline') throw new RangeError("SqliteSyncStore: checkpoint must be 'background' or 'inline'");
    this.db = new Database(file);
    // 32 KiB pages for a new store (ignored for an existing one): a ~70 KB update spans 3 pages
    // instead of 18, which halves the WAL writes (and syscalls) per acknowledged update.
    this.db.pragma('page_size = 32768');
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${sync === 'full' ? 'FULL' : 'NORMAL'}`);
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    const background = (checkpoints.checkpoint ?? 'background') === 'background' && file !== ':memory:' && !file.startsWith('file:');
    this.checkpointer = background ? new WalCheckpointer(this.db, file, checkpoints.checkpointBytes ?? DEFAULT_CHECKPOINT_BYTES, checkpoints.log) : null;
    this.stmts = {
      head: this.db.prepare('SELECT version FROM head WHERE id = 1'),
      model: this.db.prepare('SELECT * FROM models WHERE version = ?'),
      parent: this.db.prepare('SELECT parent FROM models WHERE version = ?'),
      roundCount: this.db.prepare('SELECT COUNT(*) AS n FROM rounds'),
      insertModel: this.db.prepare(
        'INSERT INTO models (version, parent, created_at, weights, sha256, tensors, sparse, config, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      setHead: this.db.prepare('INSERT INTO head (id, version) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET version = excluded.version'),
      insertUpdate: this.db.prepare(
        'INSERT OR IGNORE INTO updates (id, client, base_version, received_at, bytes, payload, round) VALUES (?, ?, ?, ?, ?, ?, NULL)',
      ),
      findUpdate: this.db.prepare('SELECT round FROM updates WHERE id = ?'),
      pending: this.db.prepare('SELECT id, base_version AS baseVersion, payload FROM updates WHERE round IS NULL ORDER BY received_at, id LIMIT ?'),
      pendingCount: this.db.prepare('SELECT COUNT(*) AS n FROM updates WHERE round IS NULL'),
      oldestPending: this.db.prepare('SELECT MIN(received_at) AS t FROM updates WHERE round IS NULL'),
      consume: this.db.prepare('UPDATE updates SET round = ?, payload = NULL WHERE id = ?'),
      insertRound: this.db.prepare(
        'INSERT INTO rounds (round, version, updates, noise_multiplier, sample_rate, clip_norm, aggregator, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      rounds: this.db.prepare(
        'SELECT round, version, updates, noise_multiplier AS noiseMultiplier, sample_rate AS sampleRate, clip_norm AS clipNorm, aggregator, finished_at AS finishedAt FROM rounds ORDER BY round',
      ),
      discard: this.db.prepare('UPDATE updates SET round = 0, payload = NULL WHERE round IS NULL AND base_version != ?'),
      bump: this.db.prepare('INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = value + excluded.value'),
      counter: this.db.prepare('SELECT value FROM counters WHERE name = ?'),
      insertOptState: this.db.prepare('INSERT OR REPLACE INTO optimizer_state (version, kind, state) VALUES (?, ?, ?)'),
      optState: this.db.prepare('SELECT kind, state FROM optimizer_state WHERE version = ?'),
      optStateKind: this.db.prepare('SELECT kind FROM optimizer_state WHERE version = ?'),
      pruneOptStates: this.db.prepare('DELETE FROM optimizer_state WHERE version <= ?'),
      optStateVersions: this.db.prepare('SELECT version FROM optimizer_state ORDER BY version'),
      updateCount: this.db.prepare('SELECT COUNT(*) AS n FROM updates'),
      getLayout: this.db.prepare('SELECT config, items, popularity, item_attributes AS attrs, seed_model_version AS seed FROM train_layout WHERE id = 1'),
      setLayout: this.db.prepare('INSERT OR REPLACE INTO train_layout (id, config, items, popularity, item_attributes, seed_model_version) VALUES (1, ?, ?, ?, ?, ?)'),
    };
  }

  /** Current head version, or null when no model has been stored. */
  headVersion(): number | null {
    const row = this.stmts.head.get() as { version: number } | undefined;
    return row ? row.version : null;
  }

  /** The model stored as `version`, or null. */
  model(version: number): StoredModel | null {
    const r = this.stmts.model.get(version) as Record<string, unknown> | undefined;
    if (!r) return null;
    return {
      version: r.version as number,
      parent: (r.parent as number | null) ?? null,
      createdAt: r.created_at as string,
      weights: r.weights as Buffer,
      sha256: r.sha256 as string,
      tensors: JSON.parse(r.tensors as string) as ManifestTensor[],
      sparse: JSON.parse(r.sparse as string) as string[],
      config: r.config ? (JSON.parse(r.config as string) as Record<string, unknown>) : null,
      note: r.note as string,
    };
  }

  /** Parent version of `version` (null for the seed or an unknown version), without loading weights. */
  parentOf(version: number): number | null {
    const r = this.stmts.parent.get(version) as { parent: number | null } | undefined;
    return r?.parent ?? null;
  }

  /** Number of finished rounds (counted once, then kept by finishRound). */
  roundCount(): number {
    this.roundN ??= (this.stmts.roundCount.get() as { n: number }).n;
    return this.roundN;
  }

  /**
   * Stores a new model version and makes it the head (one transaction), with the server
   * optimizer's state after it when given (so a restart or a rollback to it resumes that state).
   * With `keepStates` = N, the same transaction deletes the optimizer state of every version
   * ≤ m.version − N: states are kept for the newest N version numbers only.
   */
  addModel(m: StoredModel, optimizer?: StoredOptimizerState, keepStates?: number): void {
    if (keepStates !== undefined && !(Number.isInteger(keepStates) && keepStates >= 1)) throw new RangeError('addModel: keepStates must be an integer ≥ 1');
    this.db.transaction(() => {
      this.stmts.insertModel.run(m.version, m.parent, m.createdAt, m.weights, m.sha256, JSON.stringify(m.tensors), JSON.stringify(m.sparse), m.config ? JSON.stringify(m.config) : null, m.note);
      this.stmts.setHead.run(m.version);
      if (optimizer) this.stmts.insertOptState.run(m.version, optimizer.kind, optimizer.state);
      if (keepStates !== undefined) this.stmts.pruneOptStates.run(m.version - keepStates);
    })();
    this.wrote(m.weights.length + (optimizer?.state.length ?? 0));
  }

  // Tells the checkpointer what a committed transaction added to the WAL (roughly).
  private wrote(blobBytes: number): void {
    this.checkpointer?.wrote(blobBytes + TRANSACTION_OVERHEAD_BYTES);
  }

  /** Background checkpoint passes run so far (0 with inline checkpoints). */
  get checkpointPasses(): number {
    return this.checkpointer?.passes ?? 0;
  }

  /** Versions that have an optimizer state stored, oldest first. */
  optimizerStateVersions(): number[] {
    return (this.stmts.optStateVersions.all() as { version: number }[]).map((r) => r.version);
  }

  /** The kind of optimizer state stored with `version` (without reading the state), or null. */
  optimizerStateKind(version: number): string | null {
    return (this.stmts.optStateKind.get(version) as { kind: string } | undefined)?.kind ?? null;
  }

  /** The server optimizer's state stored with `version`, or null (none kept, e.g. sgd). */
  optimizerState(version: number): StoredOptimizerState | null {
    const r = this.stmts.optState.get(version) as { kind: string; state: Buffer } | undefined;
    return r ? { kind: r.kind, state: r.state } : null;
  }

  /** Durably records an acknowledged update; false when its id was already stored (duplicate). */
  addUpdate(id: string, client: string, baseVersion: number, payload: Uint8Array, receivedAt = Date.now()): boolean {
    return this.addUpdates([{ id, client, baseVersion, payload }], receivedAt)[0]!;
  }

  /**
   * Durably records several updates in ONE transaction (group commit: one WAL commit for all);
   * returns, per update, false when its id was already stored (including earlier in `batch`).
   * All or nothing: if it throws, none was stored.
   */
  addUpdates(batch: readonly NewUpdate[], receivedAt = Date.now()): boolean[] {
    const fresh = this.db.transaction(() =>
      batch.map((u) => this.stmts.insertUpdate.run(u.id, u.client, u.baseVersion, receivedAt, u.payload.length, Buffer.from(u.payload.buffer, u.payload.byteOffset, u.payload.byteLength)).changes === 1),
    )();
    this.wrote(batch.reduce((n, u) => n + u.payload.length, 0));
    if (this.pendingN !== null) this.pendingN += fresh.filter(Boolean).length;
    if (this.oldestAt !== undefined && fresh.some(Boolean)) this.oldestAt = this.oldestAt === null ? receivedAt : Math.min(this.oldestAt, receivedAt);
    return fresh;
  }

  /** Whether an update id is known (pending or consumed). */
  hasUpdate(id: string): boolean {
    return this.stmts.findUpdate.get(id) !== undefined;
  }

  /** Up to `limit` pending updates, oldest first. */
  pendingUpdates(limit: number): PendingUpdate[] {
    return this.stmts.pending.all(limit) as PendingUpdate[];
  }

  /** Number of acknowledged updates not yet aggregated (counted once, then kept by this store's writes). */
  pendingCount(): number {
    this.pendingN ??= (this.stmts.pendingCount.get() as { n: number }).n;
    return this.pendingN;
  }

  /** Receive time (ms) of the oldest pending update, or null (queried once, then kept by this store's writes). */
  oldestPendingAt(): number | null {
    // The query scans every pending row: asked after each upload, it made intake O(pending).
    if (this.oldestAt === undefined) this.oldestAt = (this.stmts.oldestPending.get() as { t: number | null }).t;
    return this.oldestAt;
  }

  /** Number of update ids ever stored. */
  updateCount(): number {
    return (this.stmts.updateCount.get() as { n: number }).n;
  }

  /**
   * Atomically finishes a round: stores the new model as head (with its optimizer state, pruning
   * states older than `keepStates` versions as `addModel` does), records the round in the privacy
   * ledger and marks its updates consumed (their payloads are deleted: raw updates are not kept).
   */
  finishRound(model: StoredModel, round: Omit<StoredRound, 'version'>, consumedIds: readonly string[], optimizer?: StoredOptimizerState, keepStates?: number): void {
    this.db.transaction(() => {
      this.addModel(model, optimizer, keepStates);
      this.stmts.insertRound.run(round.round, model.version, round.updates, round.noiseMultiplier, round.sampleRate, round.clipNorm, round.aggregator, round.finishedAt);
      for (const id of consumedIds) this.stmts.consume.run(round.round, id);
    })();
    // The counters follow only committed writes; recount lazily rather than track partial ones.
    this.pendingN = null;
    this.roundN = null;
    this.oldestAt = undefined;
  }

  /** Every finished round, oldest first (the privacy ledger). */
  rounds(): StoredRound[] {
    return this.stmts.rounds.all() as StoredRound[];
  }

  /** Drops (keeping the id, for idempotency) pending updates not computed against `version`. */
  discardPendingNotBasedOn(version: number): number {
    const n = this.stmts.discard.run(version).changes;
    this.pendingN = null;
    this.oldestAt = undefined;
    return n;
  }

  /** Adds `by` to a named counter. */
  bump(name: string, by = 1): void {
    this.stmts.bump.run(name, by);
  }

  /** Value of a named counter (0 when never bumped). */
  counter(name: string): number {
    const r = this.stmts.counter.get(name) as { value: number } | undefined;
    return r ? r.value : 0;
  }

  /** The seed model's catalogue data for serving versions in train layout, or null when never stored. */
  trainLayout(): TrainLayoutInfo | null {
    const r = this.stmts.getLayout.get() as { config: string; items: string; popularity: string; attrs: Buffer | null; seed: string | null } | undefined;
    if (!r) return null;
    const attrs = r.attrs ? new Int32Array(r.attrs.buffer.slice(r.attrs.byteOffset, r.attrs.byteOffset + r.attrs.byteLength)) : null;
    return { config: JSON.parse(r.config) as ModelConfig, items: JSON.parse(r.items) as string[], popularity: JSON.parse(r.popularity) as number[], itemAttributes: attrs, ...(r.seed ? { seedModelVersion: r.seed } : {}) };
  }

  /** Stores (replacing) the catalogue data used to serve versions in train layout. */
  setTrainLayout(info: TrainLayoutInfo): void {
    const a = info.itemAttributes;
    this.stmts.setLayout.run(JSON.stringify(info.config), JSON.stringify(info.items), JSON.stringify(info.popularity), a ? Buffer.from(a.buffer, a.byteOffset, a.byteLength) : null, info.seedModelVersion ?? null);
  }

  /** Whether the database is still open. */
  get isOpen(): boolean {
    return this.db.open;
  }

  /** Closes the database (stopping the checkpoint worker first, so this final close checkpoints the WAL). */
  close(): void {
    this.checkpointer?.stop();
    if (this.db.open) this.db.close();
  }
}
