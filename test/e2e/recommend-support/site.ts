// A throwaway site for recommendation e2e tests: the built bundles, the tfjs .wasm files, an
// ESM test page and a small model written by the model module — served by a real HTTP server.
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { register } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { startStaticServer, type StaticServer } from '../support/static-server';

register('./node-hooks.mjs', import.meta.url);
// Loaded after the hook is in place (see node-hooks.mjs).
const modelModules = async () => ({
  ...(await import('../../../src/model/artifacts')),
  ...(await import('../../../src/model/node-io')),
  ...(await import('../../../src/model/sasrec')),
});

export const NUM_ITEMS = 300;
export const itemId = (i: number) => `sku-${i}`;

const BUNDLES = ['hearth.esm.js', 'hearth-lazy.esm.js', 'hearth.iife.js', 'hearth-lazy.js', 'hearth-worker.js', 'tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'];

/** A site directory with a running server; `writeModel` (re)places the model under /model/. */
export interface Site {
  dir: string;
  server: StaticServer;
  url: string;
  writeModel(seed: number, version: string, tamper?: boolean): Promise<void>;
  removeModel(): void;
  close(): Promise<void>;
}

/** Writes a model (untrained weights, deterministic per seed) in the `hearth train` layout. */
async function modelArtifacts(seed: number, version: string) {
  const { createSasRec, serializeModel } = await modelModules();
  await tf.setBackend('cpu');
  // A model trained for a few steps on synthetic sequences is not needed for these checks:
  // what matters is that the same weights rank the same way in Node and in each backend.
  const model = createSasRec({ numItems: NUM_ITEMS, dim: 16, maxLen: 20, blocks: 1, heads: 1, dropout: 0 }, seed);
  try {
    const items = ['', ...Array.from({ length: NUM_ITEMS }, (_, i) => itemId(i + 1))];
    const popularity = items.map((_, i) => (i === 0 ? 0 : ((i * 37) % 101) + 1));
    return await serializeModel(model, { items, popularity, modelVersion: version });
  } finally {
    model.dispose();
  }
}

/** Builds the site in a temp dir and serves it; requires `npm run build` (dist/) first. */
export async function createSite(headers: Record<string, string> = {}): Promise<Site> {
  for (const b of BUNDLES) if (!existsSync(join('dist', b))) throw new Error(`dist/${b} is missing: run npm run build first`);
  const dir = mkdtempSync(join(tmpdir(), 'hearth-recs-'));
  for (const b of BUNDLES) copyFileSync(join('dist', b), join(dir, b));
  writeFileSync(join(dir, 'index.html'), `<!doctype html><meta charset="utf-8"><title>recs</title>
<script type="module">import { createHearth } from './hearth.esm.js'; window.createHearth = createHearth; window.ready = true;</script>`);
  const server = await startStaticServer(dir, headers);
  return {
    dir,
    server,
    url: server.url,
    async writeModel(seed, version, tamper = false) {
      const tmp = join(dir, 'model-next');
      rmSync(tmp, { recursive: true, force: true });
      (await modelModules()).saveModelDir(tmp, await modelArtifacts(seed, version));
      if (tamper) {
        const shard = join(tmp, 'group1-shard1of1.bin');
        const bytes = readFileSync(shard);
        bytes[100] ^= 0xff;
        writeFileSync(shard, bytes);
      }
      rmSync(join(dir, 'model'), { recursive: true, force: true });
      cpSync(tmp, join(dir, 'model'), { recursive: true });
      rmSync(tmp, { recursive: true, force: true });
    },
    removeModel() { rmSync(join(dir, 'model'), { recursive: true, force: true }); },
    async close() { await server.close(); rmSync(dir, { recursive: true, force: true }); },
  };
}

/** Node's scores for a history of item ids with the model now in `dir/model` (cpu backend). */
export async function nodeScores(dir: string, history: string[]): Promise<Float32Array> {
  const { loadModel, readModelDir } = await modelModules();
  await tf.setBackend('cpu');
  const { model, manifest } = await loadModel(readModelDir(join(dir, 'model')));
  try {
    return model.scoreAll(history.map((id) => manifest.items.indexOf(id)));
  } finally {
    model.dispose();
  }
}

/**
 * Asserts that `items` is a correct top-K of `scores` within `tol`: every returned score matches
 * Node's, and no item left out scores more than `tol` above the lowest one returned.
 */
export function checkTopK(items: { itemId: string; score: number }[], scores: Float32Array, k: number, tol = 1e-3): string[] {
  const problems: string[] = [];
  if (items.length !== k) problems.push(`expected ${k} items, got ${items.length}`);
  const returned = new Set(items.map((r) => r.itemId));
  let lowest = Infinity;
  for (const r of items) {
    const i = Number(r.itemId.slice(4));
    if (Math.abs(scores[i]! - r.score) > tol) problems.push(`${r.itemId}: browser ${r.score} vs node ${scores[i]}`);
    lowest = Math.min(lowest, scores[i]!);
  }
  for (let i = 1; i <= NUM_ITEMS; i++) if (!returned.has(itemId(i)) && scores[i]! > lowest + tol) problems.push(`${itemId(i)} (node ${scores[i]}) should be in the top ${k}`);
  return problems;
}

