// HTTP front of the aggregation engine: /v1/model, /v1/model/weights/:v, the train layout
// (/v1/model/manifest.json → /v1/model/v/:v/…), /v1/status, POST /v1/updates,
// POST /v1/admin/rollback. Mountable in any Node http server.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { CLIENT_HEADER, MAX_UPDATE_BYTES } from '../protocol';
import { AggregationEngine } from './aggregation-engine';
import { RateLimiter } from './rate-limiter';
import type { AggregationServerOptions } from './server-options';

/** A mounted aggregation server. */
export interface AggregationServer {
  /** Handles the request if it is a /v1 route (resolves true), else leaves it alone (false). */
  handler(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** The engine (versions, rounds, rollback) for embedding and tests. */
  engine: AggregationEngine;
  /** Stops the round timer and closes the store. */
  close(): void;
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': `content-type, if-none-match, ${CLIENT_HEADER}, authorization`,
  'access-control-expose-headers': 'etag, retry-after',
  'access-control-max-age': '600',
};

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === null ? '' : JSON.stringify(body);
  res.writeHead(status, { ...CORS, ...(body === null ? {} : { 'content-type': 'application/json; charset=utf-8' }), 'cache-control': 'no-cache', ...headers });
  res.end(text);
}

function fail(res: ServerResponse, status: number, error: string, reason: string, headers: Record<string, string> = {}): void {
  send(res, status, { error, reason }, headers);
}

// Reads at most `limit` bytes; resolves null (and stops reading) when the body is larger.
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) { over = true; chunks.length = 0; return; }
      if (!over) chunks.push(c);
    });
    // A body that arrived in one chunk is used as is (no copy).
    req.on('end', () => resolve(over ? null : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    req.on('error', reject);
  });
}

/** The rate-limit keys of a request: its remote address, and address + client header (when valid). */
export function clientKeys(req: Pick<IncomingMessage, 'headers' | 'socket'>): { address: string; client: string } {
  const header = req.headers[CLIENT_HEADER];
  const id = typeof header === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(header) ? header : '';
  const address = req.socket.remoteAddress ?? '?';
  return { address, client: `${address}|${id}` };
}

/**
 * Creates the aggregation server over a SQLite store (seeding version 1 from `opts.seed` when
 * the store is empty) and starts its round timer. Throws a RangeError on invalid options.
 */
export function createAggregationServer(opts: AggregationServerOptions): AggregationServer {
  const engine = new AggregationEngine(opts);
  const o = engine.options;
  const perClient = new RateLimiter(o.rateLimit);
  // A looser bucket per address, so rotating the client header does not bypass the limit
  // (optional: behind a proxy every device has the proxy's address).
  const perAddress = o.addressRateLimit ? new RateLimiter(o.addressRateLimit) : null;
  let closed = false;
  const tryRound = () => {
    if (closed) return;
    try {
      if (engine.roundDue()) engine.runRound();
    } catch (e) {
      o.log?.(`round failed: ${(e as Error).message}`);
    }
  };
  const timer = setInterval(tryRound, Math.min(1000, o.roundSeconds * 250));
  timer.unref();

  async function handler(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (!path.startsWith('/v1/')) return false;
    try {
      if (req.method === 'OPTIONS') { send(res, 204, null); return true; }
      if (path === '/v1/model' && (req.method === 'GET' || req.method === 'HEAD')) {
        const m = engine.manifest();
        const etag = `"m${m.version}-${m.sha256.slice(0, 16)}-r${m.privacy.rounds}"`;
        if (req.headers['if-none-match'] === etag) { send(res, 304, null, { etag }); return true; }
        send(res, 200, m, { etag });
        return true;
      }
      const w = /^\/v1\/model\/weights\/(\d{1,10})$/.exec(path);
      if (w && (req.method === 'GET' || req.method === 'HEAD')) {
        const file = engine.weights(Number(w[1]));
        if (!file) { fail(res, 404, 'not found', 'unknown_version'); return true; }
        const etag = `"${file.sha256}"`;
        if (req.headers['if-none-match'] === etag) { send(res, 304, null, { etag }); return true; }
        res.writeHead(200, { ...CORS, 'content-type': 'application/octet-stream', 'content-length': String(file.bytes.length), etag, 'cache-control': 'public, max-age=31536000, immutable' });
        res.end(req.method === 'HEAD' ? undefined : file.bytes);
        return true;
      }
      // The head in the `hearth train` layout: the SDK's modelUrl can point here. It redirects to the
      // version's immutable folder, so manifest, model.json and shards always belong together.
      if (path === '/v1/model/manifest.json' && (req.method === 'GET' || req.method === 'HEAD')) {
        const layout = engine.trainLayout();
        if (!layout) { fail(res, 404, 'this server was seeded without a train-layout model (start it with --model DIR)', 'no_train_layout'); return true; }
        if (req.headers['if-none-match'] === layout.etag) { send(res, 304, null, { etag: layout.etag }); return true; }
        send(res, 302, null, { location: `/v1/model/v/${engine.version}/manifest.json` });
        return true;
      }
      const tl = /^\/v1\/model\/v\/(\d{1,10})\/(manifest\.json|model\.json|group1-shard\d{1,4}of\d{1,4}\.bin)$/.exec(path);
      if (tl && (req.method === 'GET' || req.method === 'HEAD')) {
        const layout = engine.trainLayout(Number(tl[1]));
        const file = tl[2]!;
        const bytes = layout?.files.get(file) ?? null;
        if (!layout || !bytes) { fail(res, 404, 'not found', layout ? 'unknown_file' : 'unknown_version'); return true; }
        // Every file of a version is immutable; the manifest's ETag is the one /v1/model/manifest.json compares.
        const etag = file === 'manifest.json' ? layout.etag : `"${layout.etag.slice(1, -1)}-${file}"`;
        if (req.headers['if-none-match'] === etag) { send(res, 304, null, { etag }); return true; }
        const type = file.endsWith('.json') ? 'application/json; charset=utf-8' : 'application/octet-stream';
        res.writeHead(200, { ...CORS, 'content-type': type, 'content-length': String(bytes.length), etag, 'cache-control': 'public, max-age=31536000, immutable' });
        res.end(req.method === 'HEAD' ? undefined : bytes);
        return true;
      }
      if (path === '/v1/status' && req.method === 'GET') { send(res, 200, engine.status()); return true; }
      if (path === '/v1/updates' && req.method === 'POST') {
        const key = clientKeys(req);
        const wait = Math.max(perAddress?.take(key.address) ?? 0, perClient.take(key.client));
        if (wait > 0) { req.resume(); fail(res, 429, 'too many requests', 'rate_limited', { 'retry-after': String(wait) }); return true; }
        const declared = Number(req.headers['content-length'] ?? 0);
        if (declared > MAX_UPDATE_BYTES) { req.resume(); engine.countRejection(); fail(res, 413, `update larger than ${MAX_UPDATE_BYTES} bytes`, 'too_large', { connection: 'close' }); return true; }
        const body = await readBody(req, MAX_UPDATE_BYTES);
        if (!body) { engine.countRejection(); fail(res, 413, `update larger than ${MAX_UPDATE_BYTES} bytes`, 'too_large'); return true; }
        // Group commit: answered only after the transaction holding this update commits.
        const r = await engine.submitGrouped(new Uint8Array(body.buffer, body.byteOffset, body.byteLength), key.client);
        if (!r.ok) { fail(res, r.status, r.message, r.reason); return true; }
        send(res, r.status, r.ack);
        // Aggregate after answering: the acknowledgement only waits for the durable insert.
        if (r.status === 202) setImmediate(tryRound);
        return true;
      }
      if (path === '/v1/admin/rollback' && req.method === 'POST') {
        const auth = String(req.headers.authorization ?? '');
        const want = o.adminToken ? Buffer.from(`Bearer ${o.adminToken}`) : null;
        if (!want || auth.length !== want.length || !timingSafeEqual(Buffer.from(auth), want)) { req.resume(); fail(res, 403, 'admin token required', 'forbidden'); return true; }
        const body = await readBody(req, 1024);
        let version: unknown;
        try { version = (JSON.parse(body?.toString('utf8') ?? '') as { version?: unknown }).version; } catch { version = undefined; }
        if (!Number.isInteger(version) || !engine.weights(version as number)) { fail(res, 400, 'body must be {"version": <existing version>}', 'bad_version'); return true; }
        // Asked first: the answer describes the version rolled back to, before the new head exists.
        const optimizerState = engine.rollbackOptimizerState(version as number);
        send(res, 200, { version: engine.rollback(version as number), optimizerState });
        return true;
      }
      fail(res, req.method === 'GET' || req.method === 'POST' ? 404 : 405, 'no such route', 'not_found');
      return true;
    } catch (e) {
      o.log?.(`error on ${req.method} ${path}: ${(e as Error).message}`);
      if (!res.headersSent) fail(res, 500, 'internal error', 'internal');
      else res.end();
      return true;
    }
  }

  return {
    handler,
    engine,
    close() {
      closed = true;
      clearInterval(timer);
      engine.close();
    },
  };
}
