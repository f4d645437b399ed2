// recommend() p50/p95 per backend over a 23,715-item catalog (the Games catalog size), measured
// from the main thread, beside the bare matrix-vector product of the same size on the same
// backend in a bench worker: the floor no recommender can beat. The headline calls each ask about
// a new history window (the worker remembers the transformer's answer for the last window, so a
// repeated call is cheaper); the repeated call is reported apart.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchModel } from './bench-model';
import type { BenchContext } from './context';
import type { FigureSpec } from './figure';
import type { FigureGroup, Outcome } from './group';
import { MissingPart, Unavailable } from './figure';
import { percentile } from './stats';
import { openBenchPage } from './track-cost';

/** Items in the Games catalog (SASRec's Video.txt): the size every latency figure uses. */
export const CATALOG_ITEMS = 23_715;
/** Backends measured, in Hearth's fallback order. */
export const BACKENDS = ['wasm', 'webgl', 'cpu'] as const;
type Backend = (typeof BACKENDS)[number];

/** Timed calls per backend (after a few untimed warm-up calls). */
export function recommendPlan(quick: boolean): { reps: number; warmup: number } {
  return quick ? { reps: 10, warmup: 2 } : { reps: 100, warmup: 10 };
}

const specs: FigureSpec[] = BACKENDS.flatMap((b) => [
  { key: `recommend_ms_p50_${b}`, label: `recommend() p50, ${b}, ${CATALOG_ITEMS} items`, unit: 'ms', hearth: true },
  { key: `recommend_ms_p95_${b}`, label: `recommend() p95, ${b}`, unit: 'ms', hearth: true },
  { key: `recommend_repeat_ms_p50_${b}`, label: `recommend() p50, ${b}, same call repeated`, unit: 'ms', hearth: true },
  { key: `matmul_ms_p50_${b}`, label: `matmul floor p50, ${b} (${CATALOG_ITEMS}×dim · dim)`, unit: 'ms', hearth: false },
  { key: `matmul_ms_p95_${b}`, label: `matmul floor p95, ${b}`, unit: 'ms', hearth: false },
]);

/** The recommend() latency figures and their floors. */
export const recommendLatency: FigureGroup<BenchContext> = {
  name: 'recommend',
  specs,
  async run(ctx) {
    const out: Record<string, Outcome> = {};
    const plan = recommendPlan(ctx.quick);
    let hearthMissing: Error | null = hearthRecommendMissing(ctx);
    let model: BenchModel | null = null;
    if (!hearthMissing) {
      try { model = await ctx.benchModel(); } catch (e) { hearthMissing = e as Error; }
    }
    const dim = model?.dim ?? 64;
    const { page, close } = await openBenchPage(ctx, '/scripts/bench/pages/recommend.html');
    try {
      for (const b of BACKENDS) {
        ctx.log(`recommend(): ${b}`);
        let floorOk = true;
        let hearthOk = !hearthMissing;
        let floorNote = '';
        try {
          const flags = (await page.evaluate(([backend, rows, d]) => (window as any).bench.floorInit(backend, rows, d), [b, CATALOG_ITEMS, dim] as const)) as Record<string, unknown>;
          floorNote = `${b === 'wasm' ? `SIMD ${flags.simd ? 'on' : 'off'}, threads ${flags.threads ? 'on' : 'off'}; ` : ''}dim ${dim}, faster layout: ${flags.layout === 'row' ? '[1,dim]·[dim,N]' : '[N,dim]·[dim,1]'}; worker round trip incl. read-back`;
        } catch (e) {
          floorOk = false;
          setPair(out, `matmul_ms_%_${b}`, new Unavailable(`tfjs ${b} backend in a bench worker: ${(e as Error).message}`));
        }
        if (hearthMissing) setPair(out, `recommend_ms_%_${b}`, hearthMissing);
        else {
          const init = (await page.evaluate(([esm, opts, hist]) => (window as any).bench.hearthInit(esm, opts, hist), ['/dist/hearth.esm.js', recommendOptions(b), benchHistory(model!)] as const)
            .catch((e: Error) => ({ error: e.message.split('\n')[0] }))) as { missing?: string; error?: string; source?: string; backend?: string; warning?: string | null };
          const why = init.error ? new Error(`recommend() on ${b} failed: ${init.error}`) : init.missing ? new MissingPart(init.missing) : init.source !== 'model' ? new Error(`recommend() on ${b} answered from ${init.source}${init.warning ? `: ${init.warning}` : ''}`) : init.backend !== b ? new Unavailable(`backend ${b} was requested but ${init.backend} answered`) : null;
          if (why) { hearthOk = false; setPair(out, `recommend_ms_%_${b}`, why); }
        }
        // Interleave floor and recommend() in chunks so machine drift hits both alike.
        const floorMs: number[] = [];
        const recMs: number[] = [];
        const repeatMs: number[] = [];
        const contexts = model ? benchContexts(model) : [];
        const chunk = 10;
        if (floorOk) await page.evaluate(([w]) => (window as any).bench.floorRun(0, w), [plan.warmup] as const);
        if (hearthOk) await page.evaluate(([w, c]) => (window as any).bench.hearthRun(0, w, c), [plan.warmup, contexts] as const);
        for (let done = 0; done < plan.reps; done += chunk) {
          const n = Math.min(chunk, plan.reps - done);
          if (floorOk) floorMs.push(...((await page.evaluate(([r]) => (window as any).bench.floorRun(r, 0), [n] as const)) as number[]));
          if (hearthOk) {
            recMs.push(...((await page.evaluate(([r, c]) => (window as any).bench.hearthRun(r, 0, c), [n, contexts] as const)) as number[]));
            // One untimed call first, so every timed one repeats the call before it.
            repeatMs.push(...((await page.evaluate(([r]) => (window as any).bench.hearthRun(r, 1), [n] as const)) as number[]));
          }
        }
        if (floorOk) {
          out[`matmul_ms_p50_${b}`] = { value: percentile(floorMs, 50), reps: floorMs.length, note: floorNote };
          out[`matmul_ms_p95_${b}`] = { value: percentile(floorMs, 95), reps: floorMs.length };
        }
        if (hearthOk) {
          out[`recommend_ms_p50_${b}`] = { value: percentile(recMs, 50), reps: recMs.length, note: `k=10 over ${CATALOG_ITEMS} items, ${benchHistory(model!).length}-item history + a context item that changes every call (${contexts.length} in turn), from the main thread` };
          out[`recommend_ms_p95_${b}`] = { value: percentile(recMs, 95), reps: recMs.length };
          out[`recommend_repeat_ms_p50_${b}`] = { value: percentile(repeatMs, 50), reps: repeatMs.length, note: `the ${benchHistory(model!).length}-item history alone, each call the same as the one before (several widgets, no new event): the worker reuses the transformer's answer` };
        }
        await page.evaluate(() => (window as any).bench.floorStop());
        await page.evaluate(() => (window as any).bench.hearthStop());
      }
    } finally {
      await close();
    }
    return out;
  },
};

/** Sets the p50 and p95 figures of one pair (`%` in the key) to the same error (and recommend()'s repeated-call figure). */
function setPair(out: Record<string, Outcome>, pattern: string, e: Error): void {
  for (const q of ['p50', 'p95']) out[pattern.replace('%', q)] = e;
  if (pattern.startsWith('recommend_')) out[pattern.replace('ms_%', 'repeat_ms_p50')] = e;
}

/** MissingPart while the bundles recommend() needs are not built; null when they are. */
export function hearthRecommendMissing(ctx: BenchContext): Error | null {
  for (const rel of ['dist/hearth.esm.js', 'dist/hearth-worker.js']) {
    if (!existsSync(join(ctx.root, rel))) return new MissingPart(`${rel} does not exist`);
  }
  return null;
}

/** createHearth options for recommendation figures: one backend forced, the bench model. */
export function recommendOptions(backend: Backend | 'auto', dbName = 'hearth-bench'): Record<string, unknown> {
  return {
    autocapture: false,
    maxEventsPerSecond: 1e6,
    dbName,
    recommend: { workerUrl: '/dist/hearth-worker.js', modelUrl: '/bench-model/manifest.json', backend, timeoutMs: 60_000 },
  };
}

/** The shopper history tracked before recommending: 20 distinct catalog items. */
export function benchHistory(model: BenchModel): string[] {
  return Array.from({ length: 20 }, (_, i) => model.items[1 + ((i * 997) % model.numItems)]!);
}

/** 20 other catalog items, passed one per call as recommend()'s `context` (the product on the page). */
export function benchContexts(model: BenchModel): string[] {
  const history = new Set(benchHistory(model));
  return Array.from({ length: 40 }, (_, i) => model.items[1 + ((i * 991 + 500) % model.numItems)]!).filter((id) => !history.has(id)).slice(0, 20);
}

export type { Backend };
