// The on-device fine-tune round for the session: a real aggregation server (dist/node/server.js)
// seeded with a Beauty-sized SASRec, and a bench worker bundled from the real federated device
// loop, which the session page drives. Used by session.ts.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchContext } from './context';
import { MissingPart } from './figure';
import { BEAUTY_ITEMS } from './server-throughput';

/** What the session page needs to run a fine-tune round. */
export interface FinetuneSetup {
  workerUrl: string;
  serverUrl: string;
  /** 500 events' items as model indices, oldest first. */
  history: number[];
  numItems: number;
  close(): Promise<void>;
}

/** Events in the fine-tune round (the 500). */
export const FINETUNE_EVENTS = 500;

/** Starts the server and bundles the worker; throws MissingPart while a part is absent. */
export async function setUpFinetune(ctx: BenchContext): Promise<FinetuneSetup> {
  for (const rel of ['src/federated/device-federation.ts', 'dist/node/server.js', 'src/model/sasrec.ts', 'src/store/open-hearth-db.ts']) {
    if (!existsSync(join(ctx.root, rel))) throw new MissingPart(`${rel} does not exist`);
  }
  const dir = join(ctx.tmp, 'finetune');
  mkdirSync(dir, { recursive: true });
  const { build } = await import('esbuild');
  await build({ entryPoints: [join(ctx.root, 'scripts/bench/pages/finetune-worker-entry.ts')], bundle: true, format: 'iife', platform: 'browser', outfile: join(dir, 'finetune-worker.js'), logLevel: 'error' });
  const site = await ctx.server();
  site.mount('/bench-finetune/', dir);

  const { weightSpecs } = (await import(join(ctx.root, 'src/model/weight-specs.ts'))) as typeof import('../../src/model/weight-specs');
  const { DEFAULT_ARCH } = (await import(join(ctx.root, 'src/model/model-config.ts'))) as typeof import('../../src/model/model-config');
  const { gaussianSampler, seededRandom } = (await import(join(ctx.root, 'src/federated/random.ts'))) as typeof import('../../src/federated/random');
  const architecture = { ...DEFAULT_ARCH, numItems: BEAUTY_ITEMS };
  const g = gaussianSampler(seededRandom(5));
  const tensors = weightSpecs(architecture).map((s) => {
    const n = s.shape.reduce((a, b) => a * b, 1);
    return { name: s.name, shape: s.shape, values: new Float32Array(n).map(() => (s.init === 'ones' ? 1 : s.init === 'zeros' ? 0 : 0.05 * g())) };
  });
  const { startServer } = (await import(pathToFileURL(join(ctx.root, 'dist/node/server.js')).href)) as { startServer(o: Record<string, unknown>): Promise<{ url: string; close(): Promise<void> }> };
  const server = await startServer({ store: join(dir, 'sync.sqlite'), seed: { tensors, sparse: ['item_emb'], config: { model: 'sasrec', architecture } } });
  const rng = seededRandom(11);
  const history = Array.from({ length: FINETUNE_EVENTS }, () => 1 + Math.floor(rng() * BEAUTY_ITEMS));
  return { workerUrl: '/bench-finetune/finetune-worker.js', serverUrl: server.url, history, numItems: BEAUTY_ITEMS, close: () => server.close() };
}
