// A real page fine-tunes the shared model on its own history, uploads a private update to a
// real `hearth serve` process, the server aggregates a round, and the page picks up the new
// version — while every request the page makes is captured and checked.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { expect, test } from '@playwright/test';
import { decodeUpdate } from '../../src/protocol';
import { AggregationEngine } from '../../src/server/aggregation-engine';
import { weightSpecs } from '../../src/model/weight-specs';
import type { ModelConfig } from '../../src/model/model-config';
import { gaussianSampler, seededRandom } from '../../src/federated/random';
import { startStaticServer } from './support/static-server';
import type { StaticServer } from './support/static-server';

const ARCH: ModelConfig = { numItems: 60, dim: 8, maxLen: 10, blocks: 1, heads: 1, dropout: 0 };
const ROWS = 24;
const HISTORY = [7, 19, 23, 42, 51];

let site: StaticServer;
let serve: ChildProcess;
let serverUrl: string;

test.beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-fl-e2e-'));
  await build({ entryPoints: ['test/e2e/federated-support/page-entry.ts'], bundle: true, format: 'iife', platform: 'browser', outfile: join(dir, 'page.js'), logLevel: 'error' });
  copyFileSync('test/e2e/federated-support/index.html', join(dir, 'index.html'));
  site = await startStaticServer(dir);
  // Seed version 1 with a freshly initialised SASRec of the shared architecture.
  const g = gaussianSampler(seededRandom(5));
  const tensors = weightSpecs(ARCH).map((s) => {
    const n = s.shape.reduce((a, b) => a * b, 1);
    const v = new Float32Array(n).map(() => (s.init === 'ones' ? 1 : s.init === 'zeros' ? 0 : 0.05 * g()));
    return { name: s.name, shape: s.shape, values: v };
  });
  const store = join(dir, 'sync.db');
  const items = ['', ...Array.from({ length: ARCH.numItems }, (_, i) => `sku-${i + 1}`)];
  const trainLayout = { config: ARCH, items, popularity: items.map((_, i) => ARCH.numItems + 1 - i) };
  new AggregationEngine({ store, seed: { tensors, sparse: ['item_emb'], config: { model: 'sasrec', architecture: ARCH }, trainLayout } }).close();
  serve = spawn(process.execPath, ['--import', 'tsx', 'test/unit/server/serve-entry.ts', 'serve', '--json', '--port', '0', '--store', store, '--min-updates', '1', '--noise-multiplier', '0.5', '--sample-rate', '0.01'], { stdio: ['ignore', 'pipe', 'inherit'] });
  serverUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    serve.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    serve.once('exit', (c) => reject(new Error(`hearth serve exited ${c}`)));
  });
});

test.afterAll(async () => {
  serve?.kill('SIGTERM');
  await site?.close();
});

test('page fine-tunes, uploads only an encoded update, the server aggregates, the page gets the new version', async ({ page }) => {
  const requests: { method: string; url: string; body: Buffer | null }[] = [];
  page.on('request', (r) => requests.push({ method: r.method(), url: r.url(), body: r.postDataBuffer() }));
  await page.goto(`${site.url}/index.html`);
  const result = await page.evaluate(([url, h, rows]) => (globalThis as any).runFederatedRound(url, h, rows), [serverUrl, HISTORY, ROWS] as const);

  expect(result.startVersion).toBe(1);
  expect(result.contributed.queued).toBe(true);
  expect(result.sync).toMatchObject({ sent: 1, failures: 0, remaining: 0 });
  expect(result.newVersion).toBe(2);
  expect(result.epsilon).toBeGreaterThan(0);
  expect(result.leaked).toBe(0);

  const status = await (await fetch(`${serverUrl}/v1/status`)).json();
  expect(status).toMatchObject({ version: 2, round: 1, pendingUpdates: 0, acceptedTotal: 1 });

  // Every request: static files from the page's origin, model downloads, and one update POST.
  const server = new URL(serverUrl);
  const posts = requests.filter((r) => r.method === 'POST');
  expect(posts).toHaveLength(1);
  for (const r of requests) {
    const u = new URL(r.url);
    expect(u.search).toBe(''); // nothing rides in a query string
    if (u.origin === site.url) {
      expect(r.method).toBe('GET');
      expect(['/index.html', '/page.js', '/favicon.ico']).toContain(u.pathname);
    } else {
      expect(u.origin).toBe(server.origin);
      if (r.method === 'GET') expect(u.pathname).toMatch(/^\/v1\/model(\/weights\/\d+)?$/);
      else expect(`${r.method} ${u.pathname}`).toBe('POST /v1/updates');
    }
    if (r.method !== 'POST') expect(r.body).toBeNull();
  }
  // The one body is a valid encoded update; the browsed items hide among decoy rows.
  const update = decodeUpdate(new Uint8Array(posts[0]!.body!));
  expect(update.baseVersion).toBe(1);
  const rows = update.sparse.find((s) => s.name === 'item_emb')!;
  expect(rows.rowIds.length).toBe(ROWS);
  expect(update.dense.map((d) => d.name)).not.toContain('item_emb');
  // No raw sequence: the history never appears as text in the body (rows are a fixed-size set).
  const text = posts[0]!.body!.toString('latin1');
  expect(text).not.toContain(HISTORY.join(' '));
  expect(text).not.toContain(JSON.stringify(HISTORY));
});

test('a cross-origin page gets the current global model in the train layout (redirect, CORS preflight, 304)', async ({ page }) => {
  await page.goto(`${site.url}/index.html`);
  const got = await page.evaluate(async (url) => {
    const first = await fetch(`${url}/v1/model/manifest.json`, { cache: 'no-cache' });
    const m = (await first.json()) as { modelVersion: string; items: string[]; weightFiles: { path: string }[] };
    // A stale ETag (a custom header, so preflighted) must still follow the redirect to the new version.
    const stale = await fetch(`${url}/v1/model/manifest.json`, { cache: 'no-cache', headers: { 'if-none-match': '"t0-stale"' } });
    const same = await fetch(`${url}/v1/model/manifest.json`, { cache: 'no-cache', headers: { 'if-none-match': first.headers.get('etag')! } });
    const shard = await fetch(new URL(m.weightFiles[0]!.path, first.url).href);
    return { finalUrl: first.url, items: m.items.length, stale: stale.status, same: same.status, shard: shard.status };
  }, serverUrl);
  expect(got).toMatchObject({ items: 61, stale: 200, same: 304, shard: 200 });
  expect(got.finalUrl).toMatch(/\/v1\/model\/v\/\d+\/manifest\.json$/);
});
