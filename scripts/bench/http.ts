// The bench's own loopback server: static files from named mounts (repo root, peer builds, the
// bench model) and a sink that accepts any tracker's requests and records every body, so peers
// and Hearth send to the same local endpoint and nothing leaves the machine.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { Unavailable } from './figure';
import { contentTypes } from '../../test/e2e/support/static-server';


/** One request the sink received. */
export interface SinkRequest {
  method: string;
  path: string;
  contentType: string;
  body: Buffer;
}

/** A running bench server. */
export interface BenchServer {
  url: string;
  port: number;
  /** Every request that reached /sink/ (in arrival order). */
  sink: SinkRequest[];
  /** Adds (or replaces) a static mount: `/prefix/…` → files under `dir`. */
  mount(prefix: string, dir: string): void;
  close(): Promise<void>;
}

/** Headers that make the pages cross-origin isolated: 5 µs timers and threaded WASM. */
export const isolationHeaders = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };

async function readBody(req: IncomingMessage, limit = 8 * 1024 * 1024): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('sink body over 8 MB');
    parts.push(chunk as Buffer);
  }
  return Buffer.concat(parts);
}

/**
 * Starts the server on 127.0.0.1 at `port` (0 = any free port). A port in use rejects with
 * Unavailable naming the port, so the browser figures say why they were not measured.
 */
export async function startBenchServer(opts: { port?: number; mounts?: Record<string, string> } = {}): Promise<BenchServer> {
  const mounts = new Map<string, string>(Object.entries(opts.mounts ?? {}).map(([p, d]) => [p, resolve(d)]));
  const sink: SinkRequest[] = [];
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path.startsWith('/sink/')) {
      const body = await readBody(req);
      sink.push({ method: req.method ?? 'GET', path, contentType: String(req.headers['content-type'] ?? ''), body });
      res.writeHead(200, { 'content-type': 'application/json', ...isolationHeaders, 'cross-origin-resource-policy': 'same-origin' }).end('{"success":true}');
      return;
    }
    // Longest prefix wins, so /peers/… is not served from the repository root.
    const prefix = [...mounts.keys()].filter((p) => path.startsWith(p)).sort((a, b) => b.length - a.length)[0];
    if (prefix === undefined) { res.writeHead(404).end('no mount'); return; }
    const base = mounts.get(prefix)!;
    let file = normalize(join(base, path.slice(prefix.length)));
    if (!file.startsWith(base)) { res.writeHead(403).end(); return; }
    if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store', ...isolationHeaders });
    res.end(body);
  };
  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => { if (!res.headersSent) res.writeHead(404, { 'content-type': 'text/plain' }); res.end('not found'); });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', (e: NodeJS.ErrnoException) => fail(e.code === 'EADDRINUSE' ? new Unavailable(`port ${opts.port} is in use (pick another with --port, or 0 for any free port)`) : e));
    server.listen(opts.port ?? 0, '127.0.0.1', ok);
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    sink,
    mount: (prefix, dir) => { mounts.set(prefix, resolve(dir)); },
    close: () => new Promise<void>((ok) => { server.closeAllConnections(); server.close(() => ok()); }),
  };
}
