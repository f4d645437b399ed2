// The model the browser figures load: the real SASRec module and artifact writer, at the Games
// catalog's size (23,715 items) with the default architecture. Its weights are a seeded random
// initialisation: latency and bytes depend on shapes, not on what the weights learned.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MissingPart } from './figure';

/** A model directory written for this run, served to the pages under /bench-model/. */
export interface BenchModel {
  dir: string;
  numItems: number;
  dim: number;
  /** Shop item ids, index = model index (index 0 = padding ''). */
  items: string[];
}

/** Writes the bench model into `dir` (fp32); throws MissingPart while the model module is absent. */
export async function writeBenchModel(root: string, dir: string, numItems: number): Promise<BenchModel> {
  for (const rel of ['src/model/sasrec.ts', 'src/model/artifacts.ts', 'src/model/node-io.ts', 'src/cli/tf-backend.ts']) {
    if (!existsSync(join(root, rel))) throw new MissingPart(`${rel} does not exist`);
  }
  const { useWasmBackend } = (await import(join(root, 'src/cli/tf-backend.ts'))) as typeof import('../../src/cli/tf-backend');
  const { createSasRec } = (await import(join(root, 'src/model/sasrec.ts'))) as typeof import('../../src/model/sasrec');
  const { DEFAULT_ARCH } = (await import(join(root, 'src/model/model-config.ts'))) as typeof import('../../src/model/model-config');
  const { serializeModel } = (await import(join(root, 'src/model/artifacts.ts'))) as typeof import('../../src/model/artifacts');
  const { saveModelDir } = (await import(join(root, 'src/model/node-io.ts'))) as typeof import('../../src/model/node-io');
  await useWasmBackend();
  const config = { ...DEFAULT_ARCH, numItems };
  const model = createSasRec(config, 42);
  try {
    // Distinctive ids, so the privacy check can spot any of them in a request body.
    const items = ['', ...Array.from({ length: numItems }, (_, i) => `hbi-${i + 1}`)];
    // Zipf-like popularity, so cold-start paths rank something sensible.
    const popularity = Float64Array.from({ length: numItems + 1 }, (_, i) => (i === 0 ? 0 : Math.round(10_000 / i)));
    const artifacts = await serializeModel(model, { items, popularity, metrics: { note: 'bench model: seeded random weights' }, precision: 'fp32' });
    saveModelDir(dir, artifacts);
    return { dir, numItems, dim: config.dim, items };
  } finally {
    model.dispose();
  }
}

/** Everything the bench model's bytes depend on: the model and artifact code, this file, the size. */
export function benchModelKey(root: string, numItems: number): string {
  const h = createHash('sha256').update(`${numItems}\n`);
  const files = [
    ...readdirSync(join(root, 'src/model')).filter((f) => f.endsWith('.ts')).sort().map((f) => join(root, 'src/model', f)),
    join(root, 'src/cli/tf-backend.ts'),
    join(root, 'scripts/bench/bench-model.ts'),
  ];
  for (const f of files) if (existsSync(f)) h.update(f).update(readFileSync(f));
  return h.digest('hex').slice(0, 16);
}

/**
 * Quick runs: the bench model from `cacheDir` when one was written from the same sources and
 * size (writing it costs ~12 s), else written once and cached. `reused` says which.
 */
export async function cachedBenchModel(root: string, cacheDir: string, numItems: number): Promise<BenchModel & { reused: boolean }> {
  const dir = join(cacheDir, `bench-model-${benchModelKey(root, numItems)}`);
  const meta = join(dir, 'bench-model.json');
  if (existsSync(meta)) {
    const m = JSON.parse(readFileSync(meta, 'utf8')) as { numItems: number; dim: number };
    const items = ['', ...Array.from({ length: m.numItems }, (_, i) => `hbi-${i + 1}`)];
    return { dir, numItems: m.numItems, dim: m.dim, items, reused: true };
  }
  // Written beside, then renamed: an interrupted write never looks like a cached model.
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const m = await writeBenchModel(root, tmp, numItems);
  writeFileSync(join(tmp, 'bench-model.json'), JSON.stringify({ numItems: m.numItems, dim: m.dim }));
  rmSync(dir, { recursive: true, force: true });
  try { renameSync(tmp, dir); } catch { cpSync(tmp, dir, { recursive: true }); rmSync(tmp, { recursive: true, force: true }); }
  return { ...m, dir, reused: false };
}
