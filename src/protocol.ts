// Wire protocols shared by more than one side of Hearth. Each section is owned by one part of the
// code base; edit only your own section.

// ============================================================================================
// SECTION: sync (federated learning wire format) — owned by src/federated + src/server
// ============================================================================================
//
// One versioned binary payload carries a model update from a device to the aggregation server.
// All numbers are little-endian. Layout (format version 1):
//
//   offset  type        field
//   0       u8[3]       magic "HFU"
//   3       u8          format version (= UPDATE_FORMAT_VERSION)
//   4       u8          quantisation: 1 = int8 with one f32 scale per tensor, 2 = float16
//   5       u8          reserved (0)
//   6       u16         number of dense tensors  (D)
//   8       u16         number of sparse tensors (S)
//   10      u32         base model version the update was computed against
//   14      f32         clip norm C the device clipped the whole update to (L2, all tensors)
//   18      u8          idempotency id length L (1..64, chars [A-Za-z0-9_-])
//   19      u8[L]       idempotency id (ASCII)
//   then D dense tensors:
//           u8 name length N, u8[N] name (UTF-8), u8 rank R, u32[R] dims,
//           (int8 only: f32 scale), values: prod(dims) × (int8 | u16 float16 bits)
//   then S sparse row blocks (rows of an embedding table; ids include decoy rows):
//           u8 name length N, u8[N] name, u32 table rows, u32 row width W, u32 K rows present,
//           u32[K] row ids (strictly increasing, < table rows),
//           (int8 only: f32 scale), values: K × W × (int8 | u16 float16 bits)
//   last    u32         CRC-32 (IEEE) of every byte before it
//
// Encoder/decoder: `encodeUpdate` / `decodeUpdate` (src/federated/update-codec.ts), re-exported
// below so client and server share exactly one implementation.

export {
  /** Version of the binary update format; bump on any layout change. */
  UPDATE_FORMAT_VERSION,
  /** Largest encoded update a client may send and the server will read, in bytes. */
  MAX_UPDATE_BYTES,
  /** Longest idempotency id, in characters. */
  MAX_UPDATE_ID_LENGTH,
} from './federated/update-codec';
/** Content type of an encoded update in POST /v1/updates. */
export const UPDATE_CONTENT_TYPE = 'application/vnd.hearth.update';
/** Header naming the device's pseudonymous client key (used only for rate limiting). */
export const CLIENT_HEADER = 'x-hearth-client';

/** How values are quantised on the wire; both dequantise to float32. */
export type Quantisation = 'int8' | 'fp16';

/** A change to a whole named weight tensor (e.g. attention kernels). */
export interface DenseTensorDelta {
  name: string;
  shape: number[];
  values: Float32Array;
}

/** A change to some rows of a 2-D embedding table; rowIds include decoy rows. */
export interface SparseRowsDelta {
  name: string;
  /** Rows of the whole table (its first dimension). */
  rows: number;
  /** Row width (its second dimension). */
  dim: number;
  /** Strictly increasing row ids present in this update. */
  rowIds: Uint32Array;
  /** rowIds.length × dim values, row-major. */
  values: Float32Array;
}

/** A decoded model update (values already dequantised to float32). */
export interface ModelUpdate {
  baseVersion: number;
  updateId: string;
  clipNorm: number;
  quantisation: Quantisation;
  dense: DenseTensorDelta[];
  sparse: SparseRowsDelta[];
}

/** One tensor's slot in the weights file of a model version. */
export interface ManifestTensor {
  name: string;
  shape: number[];
  /** Byte offset of its float32 values in the weights file. */
  offset: number;
}

/** Privacy spent so far by the aggregation server (user-level DP). */
export interface PrivacySpend {
  epsilon: number;
  delta: number;
  noiseMultiplier: number;
  clipNorm: number;
  sampleRate: number;
  rounds: number;
  accountant: 'rdp-sampled-gaussian';
}

/** GET /v1/model: what a device needs to fetch and verify the current global model. */
export interface ModelManifest {
  /** The update format version the server reads (UPDATE_FORMAT_VERSION). */
  protocol: number;
  version: number;
  parentVersion: number | null;
  createdAt: string;
  /** URL (relative to the server) of the little-endian float32 weights, tensors back to back. */
  weightsUrl: string;
  weightsBytes: number;
  /** Hex SHA-256 of the weights file. */
  sha256: string;
  tensors: ManifestTensor[];
  /** Tensors the server accepts as sparse row blocks (item embeddings). */
  sparseTensors: string[];
  /** Model configuration passed through from the seed model (architecture, vocabulary size…). */
  config: Record<string, unknown> | null;
  clipNorm: number;
  maxUpdateBytes: number;
  privacy: PrivacySpend;
}

/** GET /v1/status: health and progress of the aggregation server. */
export interface SyncServerStatus {
  version: number;
  round: number;
  pendingUpdates: number;
  minUpdates: number;
  roundDeadline: string | null;
  acceptedTotal: number;
  rejectedTotal: number;
  aggregator: string;
  privacy: PrivacySpend;
}

/**
 * What the last model update that left this device looked like (`hearth.lastUpdate()`), read
 * from the update's own header: nothing here is about the shopper's events.
 */
export interface LastUpdateSummary {
  /** Idempotency id of the update (random, per update). */
  updateId: string;
  /** Bytes of the encoded update as sent (header, decoy-padded rows, CRC). */
  bytes: number;
  /** L2 norm the whole update was clipped to before quantisation. */
  clipNorm: number;
  /** Global model version the update was computed against. */
  baseVersion: number;
  quantisation: Quantisation;
  /** When the server acknowledged it (ms since the epoch). */
  sentAt: number;
  /** The server's user-level DP spend (ε, δ) as of the last model fetched, or null if unknown. */
  epsilon: number | null;
  delta: number | null;
}

/** POST /v1/updates answer (2xx). */
export interface UpdateAck {
  accepted: true;
  duplicate: boolean;
  updateId: string;
  round: number;
}

/** Any 4xx/5xx answer of the sync API. */
export interface SyncErrorBody {
  error: string;
  reason: string;
}

export { encodeUpdate, decodeUpdate, UpdateFormatError } from './federated/update-codec';

// ============================================================================================
// END SECTION: sync
// ============================================================================================

// ============================================================================================
// SECTION: worker (page ⇄ recommendation Web Worker) — owned by src/worker + src/recommend
// ============================================================================================
//
// Every request carries a numeric `id`; the worker answers exactly once with the same id, either
// `{ ok: true, result }` or `{ ok: false, error }`. The page side (src/worker/worker-client.ts)
// turns errors and timeouts into rejected promises; nothing is ever thrown into the host page.

/** Backends the worker can run the model on, in fallback order. */
export type BackendName = 'webgl' | 'wasm' | 'cpu';
/** A requested backend: one of them, or `auto` (WebGL → WASM → CPU). */
export type BackendPreference = BackendName | 'auto';

/** Shop metadata for one catalog item, used by filters, cold start and tiles. */
export interface CatalogItem {
  id: string;
  category?: string;
  inStock?: boolean;
  price?: number;
  title?: string;
  url?: string;
  image?: string;
  /** The shop's own popularity count; ranks cold-start results when no model is reachable. */
  popularity?: number;
}

/** Rules applied after scoring. Unknown keys are rejected with a clear error. */
export interface RecommendFilter {
  /** Keep only items the catalog marks in stock (items without catalog data are dropped). */
  inStock?: boolean;
  /** Keep only items whose catalog category is one of these. */
  categories?: string[];
}

/** Options of `recommend()`, as the page passes them. */
export interface RecommendOptions {
  /** How many items to return, 1..MAX_RECOMMEND_K. */
  k: number;
  /** Extra item ids to treat as part of the current session (e.g. the product on screen). */
  context?: string[];
  /** Item ids never to return (purchased and in-cart items are excluded automatically). */
  exclude?: string[];
  filter?: RecommendFilter;
  /** MMR trade-off in [0, 1]: 0 = pure relevance (default), 1 = maximal diversity. */
  diversity?: number;
}

// A value in its own module, so importing it never drags the sync codec into the tracker bundle.
export { MAX_RECOMMEND_K } from './recommend/limits';

/** One past item that drove a recommendation, with its share of the evidence (0..1). */
export interface RecommendReason {
  itemId: string;
  weight: number;
}

/** One recommended item. */
export interface Recommendation {
  itemId: string;
  score: number;
  reasons: RecommendReason[];
}

/** How the worker produced an answer: the model, or a documented fallback. */
export type RecommendSource = 'model' | 'popularity' | 'affinity';

/** The answer to `recommend()`. */
export interface RecommendResult {
  items: Recommendation[];
  source: RecommendSource;
  backend: BackendName | null;
  modelVersion: string | null;
  /** Set when the model could not be used (e.g. none reachable) and a fallback answered. */
  warning?: string;
}

/** What the shopper did recently, oldest first, as the worker needs it. */
export interface HistoryEntry {
  itemId: string;
  /** purchase and cart entries are excluded from results; view/click only feed the sequence. */
  kind: 'view' | 'click' | 'cart' | 'purchase' | 'other';
}

/** Worker configuration sent once by `init`. */
export interface WorkerConfig {
  /** URL of the model manifest (JSON); absolute. */
  modelUrl: string | null;
  /** Base URL (ending in `/`) of the tfjs `.wasm` files. */
  wasmPath: string;
  backend: BackendPreference;
  /** IndexedDB database name (must start with `hearth`). */
  dbName: string;
  /** URL of the propensity model JSON (`hearth propensity train`); null = propensity() unavailable. */
  propensityUrl?: string | null;
  /** Shop catalog for filters, cold start and the no-model fallback (replace it with setCatalog). */
  catalog?: CatalogItem[];
  /** Base URL of `hearth serve` for federated fine-tune + sync; null/absent = no federation. */
  federationUrl?: string | null;
  /** Share α in [0, 1] of its fine-tune the device shows (default 0.25); the upload ignores it. */
  personalWeight?: number;
}

/** Where the worker stands: backend, model version, live tensors. */
export interface WorkerStatus {
  backend: BackendName | null;
  modelVersion: string | null;
  previousVersion: string | null;
  numItems: number;
  numTensors: number;
  /** Backends that failed and were skipped, with why. */
  failures: { backend: BackendName; reason: string }[];
  /** Last model load error (e.g. a hash mismatch), kept for the page to report. */
  lastError: string | null;
  threads: boolean;
  simd: boolean;
}

/** Page → worker messages. */
export type WorkerRequest =
  | { id: number; type: 'init'; config: WorkerConfig }
  /** `events`: the shopper's stored events (hearth.events()); the worker derives the history from them. */
  | { id: number; type: 'recommend'; events: import('./events/schema').StoredEvent[]; options: RecommendOptions }
  | { id: number; type: 'setCatalog'; items: CatalogItem[] }
  | { id: number; type: 'refreshModel' }
  | { id: number; type: 'setBackend'; backend: BackendPreference }
  | { id: number; type: 'status' }
  | { id: number; type: 'simulateContextLoss' }
  /** Purchase propensity from the page's on-device features (src/features) for an optional item. */
  | { id: number; type: 'propensity'; features: import('./features/features-snapshot').Features; itemId?: string }
  /** Federated: fine-tune the model on the shopper's stored events and queue a private update (src/federated). */
  | { id: number; type: 'finetune'; events: import('./events/schema').StoredEvent[] }
  /** Federated: upload the queued updates to the aggregation server. */
  | { id: number; type: 'sync' };

/** The `type` of a page → worker message. */
export type WorkerRequestType = WorkerRequest['type'];

/** The result type of each request type. */
export interface WorkerResults {
  init: WorkerStatus;
  recommend: RecommendResult;
  setCatalog: { items: number };
  refreshModel: WorkerStatus;
  setBackend: WorkerStatus;
  status: WorkerStatus;
  simulateContextLoss: { lost: boolean };
  propensity: import('./propensity/propensity-types').PropensityResult;
  finetune: { queued: boolean; updateId: string | null; loss: number | null };
  sync: { uploaded: number; remaining: number; failures: number };
}

/** Error codes a worker answer can carry. */
export type WorkerErrorCode = 'invalid_argument' | 'no_consent' | 'worker_unavailable' | 'no_model' | 'model_integrity' | 'backend' | 'timeout' | 'unsupported' | 'internal';

/** Worker → page messages: exactly one per request id. */
export type WorkerResponse =
  | { id: number; ok: true; result: WorkerResults[WorkerRequestType] }
  | { id: number; ok: false; error: { code: WorkerErrorCode; message: string } };

// ============================================================================================
// END SECTION: worker
// ============================================================================================
