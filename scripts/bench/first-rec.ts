// Time from script load to the first recommendation answered by the model: uncached (fresh
// browser profile: worker, wasm and model all downloaded) and cached (the same profile reloaded,
// model served from Hearth's IndexedDB cache). HTTP caching is off (no-store) in both.
import type { BenchContext } from './context';
import { MissingPart } from './figure';
import type { FigureGroup, Outcome } from './group';
import { benchHistory, hearthRecommendMissing, recommendOptions } from './recommend-latency';
import { median } from './stats';

/** Page loads per variant. */
export function firstRecPlan(quick: boolean): { reps: number } {
  return { reps: quick ? 1 : 5 };
}

interface First { missing?: string; ms: number; source: string; backend: string; warning: string | null }

/** The first-recommendation figures. */
export const firstRec: FigureGroup<BenchContext> = {
  name: 'first-rec',
  specs: [
    { key: 'first_rec_ms_uncached', label: 'Script load → first recommendation, uncached', unit: 'ms', hearth: true },
    { key: 'first_rec_ms_cached', label: 'Script load → first recommendation, model cached', unit: 'ms', hearth: true },
  ],
  async run(ctx) {
    const missing = hearthRecommendMissing(ctx);
    if (missing) throw missing;
    const model = await ctx.benchModel();
    const server = await ctx.server();
    const browser = await ctx.browser();
    const plan = firstRecPlan(ctx.quick);
    const url = `${server.url}/scripts/bench/pages/recommend.html`;
    const args = ['/dist/hearth.esm.js', recommendOptions('auto', 'hearth-first-rec'), benchHistory(model).slice(0, 5)] as const;
    const backends = new Set<string>();
    const load = async (page: import('@playwright/test').Page): Promise<number> => {
      await page.goto(url);
      await page.waitForFunction(() => (window as unknown as { benchReady?: boolean }).benchReady === true, undefined, { timeout: 30_000 });
      const r = (await page.evaluate(([e, o, h]) => (window as any).bench.firstRecommendation(e, o, h), args)) as First;
      if (r.missing) throw new MissingPart(r.missing);
      if (r.source !== 'model') throw new Error(`the first recommendation came from ${r.source}${r.warning ? `: ${r.warning}` : ''}`);
      backends.add(r.backend);
      return r.ms;
    };
    const uncached: number[] = [];
    const cached: number[] = [];
    let context: import('@playwright/test').BrowserContext | null = null;
    let page: import('@playwright/test').Page | null = null;
    try {
      for (let i = 0; i < plan.reps; i++) {
        ctx.log(`first recommendation, uncached ${i + 1}/${plan.reps}`);
        await context?.close();
        context = await browser.newContext();
        page = await context.newPage();
        uncached.push(await load(page));
      }
      // The last uncached load filled this profile's model cache: reload it for the cached runs.
      for (let i = 0; i < plan.reps; i++) {
        ctx.log(`first recommendation, cached ${i + 1}/${plan.reps}`);
        cached.push(await load(page!));
      }
    } finally {
      await context?.close();
    }
    const how = `backend auto (answered on ${[...backends].join(', ')}), ${model.numItems}-item model, 5 tracked events first`;
    const out: Record<string, Outcome> = {
      first_rec_ms_uncached: { value: median(uncached), reps: uncached.length, note: `fresh profile per load; ${how}` },
      first_rec_ms_cached: { value: median(cached), reps: cached.length, note: `same profile reloaded; ${how}` },
    };
    return out;
  },
};
