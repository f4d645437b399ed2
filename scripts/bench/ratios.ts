// Ratios against baselines measured in the same run: these hold on a noisy machine where
// absolute times drift.
import type { Figure, FigureStatus } from './figure';

/** A ratio figure: numerator over denominator, both JSON keys of figures in the same run. */
export interface RatioSpec {
  key: string;
  label: string;
  num: string;
  den: string;
}

/** The ratios the table shows. */
export const ratioSpecs: readonly RatioSpec[] = [
  { key: 'tracker_over_segment_gz', label: 'Tracker gz ÷ Segment gz', num: 'tracker_gz_bytes', den: 'segment_gz_bytes' },
  { key: 'tracker_over_snowplow_gz', label: 'Tracker gz ÷ Snowplow gz', num: 'tracker_gz_bytes', den: 'snowplow_gz_bytes' },
  { key: 'worker_over_tfjs_full_gz', label: 'Worker JS gz ÷ tf.min.js gz', num: 'worker_gz_bytes', den: 'tfjs_full_gz_bytes' },
  { key: 'track_p50_over_segment', label: 'track() p50 ÷ Segment p50', num: 'track_us_p50', den: 'segment_track_us_p50' },
  { key: 'track_p50_over_snowplow', label: 'track() p50 ÷ Snowplow p50', num: 'track_us_p50', den: 'snowplow_track_us_p50' },
  ...['wasm', 'webgl', 'cpu'].map((b) => ({ key: `recommend_over_matmul_${b}`, label: `recommend() p50 ÷ matmul floor p50 (${b})`, num: `recommend_ms_p50_${b}`, den: `matmul_ms_p50_${b}` })),
];

const rank: Record<FigureStatus, number> = { ok: 0, missing: 1, unavailable: 2, failed: 3 };

/**
 * Computes each ratio from the figures of this run. A ratio is measured only when both inputs
 * are (its repetitions are the smaller of the two); otherwise it carries the worse input status
 * and says which input is missing. Ratios are never Hearth figures themselves, so a failure is
 * counted once, on its input.
 */
export function deriveRatios(figures: readonly Figure[], specs: readonly RatioSpec[] = ratioSpecs): Figure[] {
  const byKey = new Map(figures.map((f) => [f.key, f]));
  return specs.map((s) => {
    const n = byKey.get(s.num);
    const d = byKey.get(s.den);
    const base = { key: s.key, label: s.label, unit: '×', hearth: false };
    if (n?.status === 'ok' && d?.status === 'ok' && n.value !== null && d.value !== null && d.value !== 0) {
      return { ...base, status: 'ok' as const, value: n.value / d.value, reps: Math.min(n.reps, d.reps) };
    }
    const inputs = [n, d].filter((f): f is Figure => f !== undefined);
    const worst = inputs.reduce<FigureStatus>((w, f) => (rank[f.status] > rank[w] ? f.status : w), 'ok');
    const lacking = [s.num, s.den].filter((k) => byKey.get(k)?.status !== 'ok');
    const status: FigureStatus = worst === 'ok' ? 'failed' : worst;
    const note = lacking.length > 0 ? `needs ${lacking.join(' and ')}` : `${s.den} is 0`;
    return { ...base, status, value: null, reps: 0, note };
  });
}
