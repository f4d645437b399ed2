// The scripted session: page load, 1,000 tracks, 100 recommendations and one fine-tune round in
// real Chromium, counting main-thread long tasks (> 50 ms) and every request that carried an
// event, item id or query out of the page.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext } from './context';
import { MissingPart } from './figure';
import type { FigureGroup, Outcome } from './group';
import { leakedRequests, type CapturedRequest } from './leaks';
import { hearthRecommendMissing, recommendOptions } from './recommend-latency';
import { median } from './stats';
import { FINETUNE_EVENTS, setUpFinetune, type FinetuneSetup } from './finetune';

/** Sessions per run (each a fresh browser context). */
export function sessionPlan(quick: boolean): { sessions: number; tracks: number; recommendations: number } {
  // Quick runs make 20 recommendations instead of 100 (said in the figure's note).
  return { sessions: quick ? 1 : 3, tracks: 1000, recommendations: quick ? 20 : 100 };
}

/** Long tasks per phase of the session: page load, tracking, recommending, fine-tuning. */
export function longTasksByPhase(tasks: readonly { start: number; duration: number }[], phases: { tracks: number; recommendations: number; finetune: number; end: number }): Record<string, number> {
  const counts: Record<string, number> = { load: 0, tracks: 0, recommendations: 0, finetune: 0 };
  for (const t of tasks) {
    if (t.duration <= 50) continue;
    const phase = t.start < phases.tracks ? 'load' : t.start < phases.recommendations ? 'tracks' : t.start < phases.finetune ? 'recommendations' : 'finetune';
    counts[phase]! += 1;
  }
  return counts;
}

interface SessionResult {
  observer: boolean;
  tracked: Record<string, number>;
  recs: number;
  recSources: Record<string, number>;
  recErrors: Record<string, number>;
  finetune: { ms: number[]; backend: string; queued: number; sync: { sent?: number; failures?: number } } | null;
  finetuneError: string | null;
  phases: { tracks: number; recommendations: number; finetune: number; end: number };
  longTasks: { start: number; duration: number }[];
}

/** The session figures. */
export const session: FigureGroup<BenchContext> = {
  name: 'session',
  specs: [
    { key: 'long_tasks', label: 'Main-thread long tasks (> 50 ms) in the scripted session', unit: '', hearth: true },
    { key: 'leaked_requests', label: 'Requests carrying events or ids (scripted session)', unit: '', hearth: true },
    { key: 'finetune_ms', label: 'On-device fine-tune round (500 events)', unit: 'ms', hearth: true },
  ],
  async run(ctx) {
    if (!existsSync(join(ctx.root, 'dist/hearth.esm.js'))) throw new MissingPart('dist/hearth.esm.js does not exist');
    const plan = sessionPlan(ctx.quick);
    const recMissing = hearthRecommendMissing(ctx);
    const model = recMissing ? null : await ctx.benchModel();
    const items = model ? model.items.slice(1, 2001) : Array.from({ length: 2000 }, (_, i) => `hbi-${i + 1}`);
    const server = await ctx.server();
    const browser = await ctx.browser();
    let ft: FinetuneSetup | null = null;
    let ftMissing: Error | null = null;
    try { ft = await setUpFinetune(ctx); } catch (e) { ftMissing = e as Error; }
    const longTasks: number[] = [];
    const leaks: number[] = [];
    const finetunes: number[] = [];
    let requests = 0;
    let example = '';
    let parts = '';
    let phaseNote = '';
    let ftNote = '';
    let recFailures = 0;
    let ftError: Error | null = null;
    try {
      for (let s = 0; s < plan.sessions; s++) {
        ctx.log(`session ${s + 1}/${plan.sessions}`);
        const context = await browser.newContext();
        const captured: CapturedRequest[] = [];
        context.on('request', (r) => { captured.push({ method: r.method(), url: r.url(), body: r.postDataBuffer() }); });
        await context.route((url) => url.hostname !== '127.0.0.1', (route) => route.abort());
        try {
          const page = await context.newPage();
          await page.goto(`${server.url}/scripts/bench/pages/session.html`);
          await page.waitForFunction(() => (window as unknown as { benchReady?: boolean }).benchReady === true, undefined, { timeout: 30_000 });
          const options = model ? recommendOptions('auto', `hearth-session-${s}`) : { autocapture: false, dbName: `hearth-session-${s}` };
          const r = (await page.evaluate((a) => (window as any).bench.run(a), {
            hearthEsm: '/dist/hearth.esm.js', options, items, tracks: plan.tracks, recommendations: model ? plan.recommendations : 0,
            finetune: ft ? { workerUrl: ft.workerUrl, serverUrl: ft.serverUrl, history: ft.history, reps: 1, backend: 'wasm', wasmPath: `${server.url}/dist/` } : null,
          })) as SessionResult;
          if (!r.observer) throw new Error('this Chromium has no longtask PerformanceObserver');
          longTasks.push(r.longTasks.filter((t) => t.duration > 50).length);
          const byPhase = longTasksByPhase(r.longTasks, r.phases);
          phaseNote = `long tasks by phase: ${Object.entries(byPhase).map(([k, c]) => `${k} ${c}`).join(', ')}`;
          if (r.finetune) {
            finetunes.push(...r.finetune.ms);
            const uploads = captured.filter((c) => c.method === 'POST' && c.url.includes('/v1/updates')).length;
            ftNote = `${FINETUNE_EVENTS} events, ${ft!.numItems}-item model, ${r.finetune.backend} backend in a worker, device-federation contribute() (fine-tune + private update + outbox); upload: ${JSON.stringify(r.finetune.sync)}, ${uploads} POST /v1/updates captured`;
          } else if (r.finetuneError) ftError = new Error(`fine-tune round failed: ${r.finetuneError}`);
          const leaked = leakedRequests(captured);
          leaks.push(leaked.length);
          if (leaked[0] && !example) example = `${leaked[0].method} ${leaked[0].url}`;
          requests += captured.length;
          recFailures += Object.values(r.recErrors).reduce((a, c) => a + c, 0);
        const recErrors = Object.entries(r.recErrors).map(([m, c]) => `${c}× ${m}`).join('; ');
          parts = `tracks: ${Object.entries(r.tracked).map(([k, c]) => `${c} ${k}`).join(', ')}; ${r.recs}/${model ? plan.recommendations : 0} recommendations (${Object.entries(r.recSources).map(([k, c]) => `${c} ${k}`).join(', ') || recMissing?.message || 'none'})${recErrors ? `, failed: ${recErrors}` : ''}; fine-tune round: ${r.finetune ? 'done' : r.finetuneError ? 'failed' : `not run (${ftMissing?.message ?? 'n/a'})`}`;
        } finally {
          await context.close();
        }
      }
    } finally {
      await ft?.close();
    }
    const out: Record<string, Outcome> = {
      long_tasks: recFailures > 0
        ? new Error(`the scripted session did not complete: ${recFailures} recommend() calls failed (${parts})`)
        : { value: median(longTasks), reps: longTasks.length, note: `median over sessions (last: ${phaseNote}); ${parts}` },
      leaked_requests: { value: Math.max(...leaks), reps: leaks.length, note: `worst session; ${requests} requests captured in all${example ? `; e.g. ${example}` : ''}` },
      finetune_ms: finetunes.length > 0 ? { value: median(finetunes), reps: finetunes.length, note: ftNote } : (ftError ?? ftMissing ?? new Error('the fine-tune round did not run')),
    };
    return out;
  },
};
