// Bundle sizes, gzipped: Hearth's tracker and worker next to full tfjs and the two peer trackers.
import { join } from 'node:path';
import type { BenchContext } from './context';
import type { FigureGroup, Outcome } from './group';
import { gzFile } from './gz';

const errorOf = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));

/** Gzipped bytes of the shipped bundles and of the peers, one measurement each (sizes do not vary). */
export const sizes: FigureGroup<BenchContext> = {
  name: 'sizes',
  specs: [
    { key: 'tracker_gz_bytes', label: 'Tracker (dist/hearth.iife.js) gz', unit: 'B', hearth: true },
    { key: 'tracker_lazy_gz_bytes', label: 'Tracker lazy part (dist/hearth-lazy.js) gz', unit: 'B', hearth: true },
    { key: 'esm_gz_bytes', label: 'npm ESM (dist/hearth.esm.js) gz', unit: 'B', hearth: true },
    { key: 'worker_gz_bytes', label: 'Worker JS (dist/hearth-worker.js) gz', unit: 'B', hearth: true },
    { key: 'tfjs_full_gz_bytes', label: '@tensorflow/tfjs tf.min.js gz', unit: 'B', hearth: false },
    { key: 'segment_gz_bytes', label: 'Segment analytics-next gz (eager chunks)', unit: 'B', hearth: false },
    { key: 'snowplow_gz_bytes', label: 'Snowplow browser-tracker gz', unit: 'B', hearth: false },
  ],
  async run(ctx) {
    const out: Record<string, Outcome> = {};
    const file = (key: string, rel: string, note?: string): void => {
      try {
        out[key] = { value: gzFile(join(ctx.root, rel), rel), reps: 1, ...(note ? { note } : {}) };
      } catch (e) {
        out[key] = errorOf(e);
      }
    };
    file('tracker_gz_bytes', 'dist/hearth.iife.js');
    file('tracker_lazy_gz_bytes', 'dist/hearth-lazy.js', 'fetched on pages with product markup, tiles, recommendation containers or event reads, after consent');
    // Like the peers' notes: what a page that needs the lazy part downloads in all.
    const tag = out.tracker_gz_bytes;
    const lazy = out.tracker_lazy_gz_bytes;
    if (tag && !(tag instanceof Error) && lazy && !(lazy instanceof Error)) {
      tag.note = `eager script tag; ${((tag.value + lazy.value) / 1024).toFixed(1)} KB gz with the lazy part`;
    }
    file('esm_gz_bytes', 'dist/hearth.esm.js');
    file('worker_gz_bytes', 'dist/hearth-worker.js', 'JS only; .wasm files are fetched separately');
    file('tfjs_full_gz_bytes', 'node_modules/@tensorflow/tfjs/dist/tf.min.js', 'JS only, no WASM backend');
    for (const name of ['segment', 'snowplow'] as const) {
      try {
        const p = await ctx.peer(name);
        out[`${name}_gz_bytes`] = { value: p.eagerGzBytes, reps: 1, note: `rollup+terser ESM; ${p.chunks} chunk(s), ${(p.totalGzBytes / 1024).toFixed(1)} KB gz incl. lazy chunks` };
      } catch (e) {
        out[`${name}_gz_bytes`] = errorOf(e);
      }
    }
    return out;
  },
};
