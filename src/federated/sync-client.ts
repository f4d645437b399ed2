// The device side of federated sync: a bounded IndexedDB outbox of encoded updates, uploads
// with retry (exponential backoff + jitter), and conditional model downloads. Nothing is sent
// without consent or while offline; the only payload ever sent is an encoded model update.
import { CLIENT_HEADER, UPDATE_CONTENT_TYPE } from '../protocol';
import type { ModelManifest, ModelUpdate, PrivacySpend } from '../protocol';
import type { HearthDbHandle } from '../store/db-schema';
import { deleteOutbox, listOutbox, putOutbox } from '../store/outbox';
import { LAST_UPDATE_KEY, setMeta } from '../store/meta';
import { summariseSentUpdate } from './last-update-summary';
import { backoffDelay } from './backoff';
import { encodeForUpload } from './encode-for-upload';
import type { NamedTensor } from './named-weights';
import type { Random } from './random';

/** Settings of `createSyncClient`. */
export interface SyncClientOptions {
  /** Base URL of `hearth serve` (e.g. https://fl.example.com). */
  serverUrl: string;
  /** The Hearth IndexedDB handle (src/store); updates wait in its `outbox` store. */
  db: HearthDbHandle;
  /** Asked before anything is queued or sent. */
  hasConsent: () => boolean | Promise<boolean>;
  /** Default: navigator.onLine (true where unknown). */
  isOnline?: () => boolean;
  fetch?: typeof fetch;
  /** Most updates kept; the oldest are dropped beyond it (default 8). */
  maxOutbox?: number;
  /** Tries per update in one flush (default 4). */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  random?: Random;
  sleep?: (ms: number) => Promise<void>;
  /** Pseudonymous key for the server's rate limiter (no user or event data). */
  clientKey?: string;
}

/** What one flush did. */
export interface FlushReport {
  skipped: 'no-consent' | 'offline' | null;
  sent: number;
  duplicates: number;
  /** Updates the server refused for good (4xx), removed from the outbox. */
  rejected: { id: string; status: number; reason: string }[];
  /** Failed tries (network, 5xx, 429) — those updates stay queued. */
  failures: number;
  remaining: number;
}

/** A downloaded model version (weights verified against the manifest's SHA-256). */
export interface FetchedModel {
  manifest: ModelManifest;
  etag: string | null;
  tensors: NamedTensor[];
}

/** The sync client. */
export interface SyncClient {
  /** Encodes and queues an update; resolves to its id, or null without consent. */
  enqueue(update: ModelUpdate): Promise<string | null>;
  /** Uploads queued updates (oldest first) with bounded retries. Never throws for network errors. */
  flush(): Promise<FlushReport>;
  /** GET /v1/model + weights; null when `etag` still matches (304) or offline. Rejects on HTTP or hash errors. */
  fetchModel(etag?: string | null): Promise<FetchedModel | null>;
  /** Number of queued updates. */
  pending(): Promise<number>;
}

async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(d, (b) => b.toString(16).padStart(2, '0')).join('');
}

function toBytes(body: ArrayBuffer | Uint8Array | string): Uint8Array<ArrayBuffer> {
  if (typeof body === 'string') throw new TypeError('outbox record holds text, not an encoded update');
  return body instanceof Uint8Array ? new Uint8Array(body) : new Uint8Array(body);
}

/** Creates a sync client; throws a TypeError/RangeError for invalid options. */
export function createSyncClient(o: SyncClientOptions): SyncClient {
  if (!o || typeof o.serverUrl !== 'string' || !/^https?:\/\//.test(o.serverUrl)) throw new TypeError('createSyncClient: serverUrl must be an http(s) URL');
  if (!o.db) throw new TypeError('createSyncClient: db (the Hearth IndexedDB handle) is required');
  if (typeof o.hasConsent !== 'function') throw new TypeError('createSyncClient: hasConsent must be a function');
  const maxOutbox = o.maxOutbox ?? 8;
  const maxAttempts = o.maxAttempts ?? 4;
  const baseDelayMs = o.baseDelayMs ?? 500;
  const maxDelayMs = o.maxDelayMs ?? 30_000;
  if (!Number.isInteger(maxOutbox) || maxOutbox < 1) throw new RangeError('createSyncClient: maxOutbox must be an integer ≥ 1');
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new RangeError('createSyncClient: maxAttempts must be an integer ≥ 1');
  const base = o.serverUrl.replace(/\/+$/, '');
  const doFetch = o.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  const random = o.random ?? Math.random;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const online = o.isOnline ?? (() => (typeof navigator !== 'undefined' && typeof navigator.onLine === 'boolean' ? navigator.onLine : true));
  const headers: Record<string, string> = { 'content-type': UPDATE_CONTENT_TYPE };
  if (o.clientKey) {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(o.clientKey)) throw new TypeError('createSyncClient: clientKey must be 1..64 chars of [A-Za-z0-9_-]');
    headers[CLIENT_HEADER] = o.clientKey;
  }
  let flushing: Promise<FlushReport> | null = null;
  // The server's DP spend from the last manifest fetched, for the upload receipt.
  let privacy: PrivacySpend | null = null;

  async function enqueue(update: ModelUpdate): Promise<string | null> {
    if (!(await o.hasConsent())) return null;
    const body = encodeForUpload(update);
    await putOutbox(o.db, { id: update.updateId, createdAt: Date.now(), modelVersion: String(update.baseVersion), body, attempts: 0 });
    // Bounded outbox: the oldest updates go first (a newer one supersedes them anyway).
    const all = await listOutbox(o.db);
    for (const old of all.slice(0, Math.max(0, all.length - maxOutbox))) await deleteOutbox(o.db, old.id);
    return update.updateId;
  }

  async function flushOnce(): Promise<FlushReport> {
    const report: FlushReport = { skipped: null, sent: 0, duplicates: 0, rejected: [], failures: 0, remaining: 0 };
    if (!(await o.hasConsent())) report.skipped = 'no-consent';
    else if (!online()) report.skipped = 'offline';
    if (report.skipped) {
      report.remaining = (await listOutbox(o.db)).length;
      return report;
    }
    let stop = false;
    for (const rec of await listOutbox(o.db)) {
      if (stop) break;
      // One copy of the stored body per update: every try and the receipt use it.
      let payload: Uint8Array<ArrayBuffer> | null = null;
      for (let attempt = 0; attempt < maxAttempts; attempt++) {
        if (!(await o.hasConsent()) || !online()) { stop = true; break; }
        let res: Response | null = null;
        try {
          res = await doFetch(`${base}/v1/updates`, { method: 'POST', body: (payload ??= toBytes(rec.body)), headers, credentials: 'omit', cache: 'no-store' });
        } catch {
          res = null; // network error: retry
        }
        if (res && res.ok) {
          const ack = (await res.json().catch(() => ({}))) as { duplicate?: boolean };
          if (ack.duplicate) report.duplicates++;
          else report.sent++;
          await deleteOutbox(o.db, rec.id);
          // A receipt for hearth.lastUpdate(); losing it must not undo the upload.
          if (!ack.duplicate) await Promise.resolve().then(() => setMeta(o.db, LAST_UPDATE_KEY, summariseSentUpdate(payload!, rec.id, privacy, Date.now()))).catch(() => {});
          break;
        }
        if (res && res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
          const body = (await res.json().catch(() => ({}))) as { reason?: string };
          report.rejected.push({ id: rec.id, status: res.status, reason: String(body.reason ?? 'rejected') });
          await deleteOutbox(o.db, rec.id);
          break;
        }
        report.failures++;
        rec.attempts = (rec.attempts ?? 0) + 1;
        await putOutbox(o.db, rec);
        if (res?.status === 429) { stop = true; break; } // the server asked us to slow down: wait for the next flush
        if (attempt + 1 < maxAttempts) await sleep(backoffDelay(attempt, baseDelayMs, maxDelayMs, random));
      }
      if (report.failures > 0 && !stop) {
        // This update exhausted its tries: the server is struggling, leave the rest queued.
        const still = (await listOutbox(o.db)).some((r) => r.id === rec.id);
        if (still) stop = true;
      }
    }
    report.remaining = (await listOutbox(o.db)).length;
    return report;
  }

  async function fetchModel(etag?: string | null): Promise<FetchedModel | null> {
    // Downloads carry no user data (DESIGN.md: only updates go up), so they need no consent.
    if (!online()) return null;
    const res = await doFetch(`${base}/v1/model`, { headers: etag ? { 'if-none-match': etag } : {}, credentials: 'omit' });
    if (res.status === 304) return null;
    if (!res.ok) throw new Error(`model manifest: HTTP ${res.status}`);
    const manifest = (await res.json()) as ModelManifest;
    if (manifest?.privacy && typeof manifest.privacy === 'object') privacy = manifest.privacy;
    const w = await doFetch(new URL(manifest.weightsUrl, `${base}/`).href, { credentials: 'omit' });
    if (!w.ok) throw new Error(`model weights: HTTP ${w.status}`);
    const bytes = await w.arrayBuffer();
    if (bytes.byteLength !== manifest.weightsBytes || (await sha256Hex(bytes)) !== manifest.sha256) throw new Error('model weights: size or SHA-256 does not match the manifest');
    const tensors = manifest.tensors.map((t) => {
      const n = t.shape.reduce((a, b) => a * b, 1);
      return { name: t.name, shape: t.shape, values: new Float32Array(bytes.slice(t.offset, t.offset + n * 4)) };
    });
    return { manifest, etag: res.headers.get('etag'), tensors };
  }

  return {
    enqueue,
    flush() {
      // One flush at a time: concurrent callers share the running one.
      flushing ??= flushOnce().finally(() => { flushing = null; });
      return flushing;
    },
    fetchModel,
    async pending() {
      return (await listOutbox(o.db)).length;
    },
  };
}
