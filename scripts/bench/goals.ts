// The goals, shown next to each figure (they are targets for the table, not CI asserts).

/** Figure values by JSON key; null when not measured. */
export type Values = Readonly<Record<string, number | null>>;

/** A goal attached to one figure; `check` returns null when an input is not measured. */
export interface Goal {
  key: string;
  text: string;
  check(v: Values): boolean | null;
}

const num = (v: Values, k: string): number | null => (typeof v[k] === 'number' ? (v[k] as number) : null);

/** Every input measured → the predicate's verdict; otherwise null (unknown). */
function all(v: Values, keys: string[], pred: (...xs: number[]) => boolean): boolean | null {
  const xs = keys.map((k) => num(v, k));
  return xs.every((x): x is number => x !== null) ? pred(...xs) : null;
}

/** The goals from the issue ("Goals the table should show"), one row each. */
export const goals: readonly Goal[] = [
  { key: 'tracker_gz_bytes', text: '≤ 6 KB gz and ≤ 0.2× Segment', check: (v) => all(v, ['tracker_gz_bytes', 'segment_gz_bytes'], (t, s) => t <= 6144 && t <= 0.2 * s) },
  { key: 'worker_gz_bytes', text: '≤ 150 KB gz', check: (v) => all(v, ['worker_gz_bytes'], (w) => w <= 150 * 1024) },
  { key: 'track_us_p50', text: '≤ 20 µs and below both peers', check: (v) => all(v, ['track_us_p50', 'segment_track_us_p50', 'snowplow_track_us_p50'], (h, s, p) => h <= 20 && h < s && h < p) },
  { key: 'long_tasks', text: '0', check: (v) => all(v, ['long_tasks'], (n) => n === 0) },
  { key: 'recommend_ms_p50_wasm', text: '≤ 5 ms and ≤ 3× matmul floor', check: (v) => all(v, ['recommend_ms_p50_wasm', 'matmul_ms_p50_wasm'], (r, m) => r <= 5 && r <= 3 * m) },
  { key: 'finetune_ms', text: '≤ 500 ms', check: (v) => all(v, ['finetune_ms'], (t) => t <= 500) },
  { key: 'train_beauty_s', text: '≤ 900 s (issue 3)', check: (v) => all(v, ['train_beauty_s'], (t) => t <= 900) },
  { key: 'server_updates_per_s', text: '≥ 500 /s', check: (v) => all(v, ['server_updates_per_s'], (u) => u >= 500) },
  { key: 'ndcg10_int8_over_fp32', text: '≥ 0.98', check: (v) => all(v, ['ndcg10_int8_over_fp32'], (r) => r >= 0.98) },
  { key: 'leaked_requests', text: '0', check: (v) => all(v, ['leaked_requests'], (n) => n === 0) },
];

/** The goal for a figure key, if the issue sets one. */
export function goalFor(key: string): Goal | undefined {
  return goals.find((g) => g.key === key);
}
