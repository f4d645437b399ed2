// The model the browser figures load: the real SASRec module and artifact writer, at the Games
// catalog's size (23,715 items) with the default architecture. Its weights are a seeded random
// initialisation: latency and bytes depend on shapes, not on what the weights learned.
import { existsSync } from 'node:fs';
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
