// Main-thread µs per track() call: Hearth vs Segment vs Snowplow in the same Chromium page, on the
// same events, all pointed at the bench's local sink; rounds are interleaved so drift hits all.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { BenchContext } from './context';
import { MissingPart, Unavailable } from './figure';
import type { FigureGroup, Outcome } from './group';
import { percentile } from './stats';

/** Loop sizes: samples per round × rounds, each sample timing `batch` consecutive calls. */
export function trackPlan(quick: boolean): { batch: number; samplesPerRound: number; rounds: number } {
  return quick ? { batch: 10, samplesPerRound: 10, rounds: 5 } : { batch: 10, samplesPerRound: 20, rounds: 20 };
}

type Name = 'hearth' | 'segment' | 'snowplow';
const keyPrefix: Record<Name, string> = { hearth: 'track_us', segment: 'segment_track_us', snowplow: 'snowplow_track_us' };

/** Opens a bench page on the loopback server with every non-loopback request blocked and counted. */
export async function openBenchPage(ctx: BenchContext, path: string): Promise<{ page: Page; blocked: string[]; close(): Promise<void> }> {
  const server = await ctx.server();
  const browser = await ctx.browser();
  const context = await browser.newContext();
  const blocked: string[] = [];
  // Loopback only: anything else is a bug in a tracker's configuration, so it is refused.
  await context.route((url) => url.hostname !== '127.0.0.1', (route) => { blocked.push(route.request().url()); return route.abort(); });
  const page = await context.newPage();
  await page.goto(`${server.url}${path}`);
  await page.waitForFunction(() => (window as unknown as { benchReady?: boolean }).benchReady === true, undefined, { timeout: 30_000 });
  return { page, blocked, close: () => context.close() };
}

/** The track() cost figures. */
export const trackCost: FigureGroup<BenchContext> = {
  name: 'track-cost',
  specs: [
    { key: 'track_us_p50', label: 'Hearth track() main-thread p50 (ESM createHearth)', unit: 'µs', hearth: true },
    { key: 'track_us_p99', label: 'Hearth track() main-thread p99', unit: 'µs', hearth: true },
    { key: 'segment_track_us_p50', label: 'Segment track() main-thread p50', unit: 'µs', hearth: false },
    { key: 'segment_track_us_p99', label: 'Segment track() main-thread p99', unit: 'µs', hearth: false },
    { key: 'snowplow_track_us_p50', label: 'Snowplow track() main-thread p50', unit: 'µs', hearth: false },
    { key: 'snowplow_track_us_p99', label: 'Snowplow track() main-thread p99', unit: 'µs', hearth: false },
  ],
  async run(ctx) {
    const out: Record<string, Outcome> = {};
    const fail = (name: Name, e: Error): void => { out[`${keyPrefix[name]}_p50`] = e; out[`${keyPrefix[name]}_p99`] = e; };
    const server = await ctx.server();
    const names: Name[] = [];
    const config: Record<string, unknown> = { hearthOptions: hearthTrackOptions() };
    if (existsSync(join(ctx.root, 'dist/hearth.esm.js'))) { names.push('hearth'); config.hearthEsm = '/dist/hearth.esm.js'; }
    else fail('hearth', new MissingPart('dist/hearth.esm.js does not exist (src/index.ts not built)'));
    for (const peer of ['segment', 'snowplow'] as const) {
      try {
        const p = await ctx.peer(peer);
        server.mount(`/peers/${peer}/`, p.dir);
        config[`${peer}Entry`] = `/peers/${peer}/${p.entry}`;
        names.push(peer);
      } catch (e) {
        fail(peer, e as Error);
      }
    }
    if (names.length === 0) return out;
    const { page, blocked, close } = await openBenchPage(ctx, '/scripts/bench/pages/track.html');
    try {
      const status = await page.evaluate(([n, c]) => (window as any).bench.setup(n, c), [names, config] as const) as Record<string, string>;
      const ready = names.filter((n) => {
        if (status[n] === 'ok') return true;
        const why = `${n} failed to load in the page: ${status[n]}`;
        fail(n, n === 'hearth' ? new Error(why) : new Unavailable(why));
        return false;
      });
      const plan = trackPlan(ctx.quick);
      const samples: Record<string, number[]> = Object.fromEntries(ready.map((n) => [n, []]));
      const outcomes: Record<string, Record<string, number>> = Object.fromEntries(ready.map((n) => [n, {}]));
      for (const n of ready) await page.evaluate(([name, b]) => (window as any).bench.run(name, b, 5), [n, plan.batch] as const); // warm-up (JIT)
      for (let r = 0; r < plan.rounds; r++) {
        ctx.log(`track(): round ${r + 1}/${plan.rounds}`);
        // Each sample times every tracker back to back (rotating order) and then waits for all
        // their calls to settle: the trackers' batching delays (Hearth 200 ms, Segment's
        // flush) overlap instead of adding up, which more than halves the group's wall time.
        const res = await page.evaluate(([ns, b, s]) => (window as any).bench.runInterleaved(ns, b, s), [ready, plan.batch, plan.samplesPerRound] as const) as Record<string, { perCall: number[]; outcomes: Record<string, number> }>;
        for (const n of ready) {
          samples[n]!.push(...res[n]!.perCall);
          for (const [k, c] of Object.entries(res[n]!.outcomes)) outcomes[n]![k] = (outcomes[n]![k] ?? 0) + c;
        }
      }
      const sinkCount = (prefix: string): number => server.sink.filter((s) => s.path.startsWith(prefix)).length;
      for (const n of ready) {
        const xs = samples[n]!;
        const sent = n === 'hearth' ? '' : `; sink got ${sinkCount(`/sink/${n}`)} requests`;
        const settled = Object.entries(outcomes[n]!).map(([k, c]) => `${c} ${k}`).join(', ');
        const note = `${xs.length} samples × ${plan.batch} calls, sync cost only; calls settled: ${settled}${sent}`;
        out[`${keyPrefix[n]}_p50`] = { value: percentile(xs, 50), reps: xs.length, note };
        out[`${keyPrefix[n]}_p99`] = { value: percentile(xs, 99), reps: xs.length };
      }
      if (blocked.length > 0) ctx.log(`track(): blocked ${blocked.length} non-loopback requests, e.g. ${blocked[0]}`);
    } finally {
      await close();
    }
    return out;
  },
};

/**
 * createHearth options for the cost run: defaults, except no autocapture (the page has nothing to
 * capture) and the bot filter raised, because a loop of thousands of calls a second is exactly
 * the burst it drops, and the figure is the cost of an event that is kept.
 */
export function hearthTrackOptions(): Record<string, unknown> {
  return { autocapture: false, maxEventsPerSecond: 1e6 };
}
