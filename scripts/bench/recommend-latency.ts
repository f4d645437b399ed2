// recommend() p50/p95 per backend over a 23,715-item catalog (the Games catalog size), measured
// from the main thread, beside the bare matrix-vector product of the same size on the same
// backend in a bench worker: the floor no recommender can beat.
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
  return quick ? { reps: 30, warmup: 5 } : { reps: 200, warmup: 20 };
}

const specs: FigureSpec[] = BACKENDS.flatMap((b) => [
  { key: `recommend_ms_p50_${b}`, label: `recommend() p50, ${b}, ${CATALOG_ITEMS} items`, unit: 'ms', hearth: true },
  { key: `recommend_ms_p95_${b}`, label: `recommend() p95, ${b}`, unit: 'ms', hearth: true },
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
    const dim = 64;
    const { page, close } = await openBenchPage(ctx, '/scripts/bench/pages/recommend.html');
    try {
      for (const b of BACKENDS) {
        ctx.log(`matmul floor on ${b}`);
        try {
          const flags = (await page.evaluate(([backend, rows, d]) => (window as any).bench.floorInit(backend, rows, d), [b, CATALOG_ITEMS, dim] as const)) as Record<string, unknown>;
          const ms = (await page.evaluate(([r, w]) => (window as any).bench.floorRun(r, w), [plan.reps, plan.warmup] as const)) as number[];
          const how = b === 'wasm' ? `SIMD ${flags.simd ? 'on' : 'off'}, threads ${flags.threads ? 'on' : 'off'}; ` : '';
          out[`matmul_ms_p50_${b}`] = { value: percentile(ms, 50), reps: ms.length, note: `${how}dim ${dim}, worker round trip incl. read-back` };
          out[`matmul_ms_p95_${b}`] = { value: percentile(ms, 95), reps: ms.length };
        } catch (e) {
          const err = new Unavailable(`tfjs ${b} backend in a bench worker: ${(e as Error).message}`);
          out[`matmul_ms_p50_${b}`] = err;
          out[`matmul_ms_p95_${b}`] = err;
        }
        for (const q of ['p50', 'p95']) out[`recommend_ms_${q}_${b}`] = new MissingPart('recommend() is not on the Hearth instance yet');
      }
      await page.evaluate(() => (window as any).bench.floorStop());
    } finally {
      await close();
    }
    return out;
  },
};

export type { Backend };
