import { describe, expect, it } from 'vitest';
import { measured, MissingPart, notMeasured, Unavailable } from '../../../scripts/bench/figure';
import { goals } from '../../../scripts/bench/goals';
import { deriveRatios } from '../../../scripts/bench/ratios';
import { formatValue, renderMarkdown, toJsonLine, type Report } from '../../../scripts/bench/table';

const machine = { cpu: 'Test CPU', cores: 2, memoryGb: 8, os: 'linux', node: 'v20', chromium: 'Chromium 1' };
const report = (figures: Report['figures']): Report => ({ mode: 'quick', startedAt: '2026-01-01T00:00:00Z', durationS: 12, machine, figures });

describe('formatValue', () => {
  it('prints bytes, times and ratios readably', () => {
    expect(formatValue(6144, 'B')).toBe('6,144 B (6.0 KB)');
    expect(formatValue(3.14159, 'ms')).toBe('3.14 ms');
    expect(formatValue(123.4, 'µs')).toBe('123 µs');
    expect(formatValue(0.5, '×')).toBe('0.500×');
    expect(formatValue(0, '')).toBe('0');
    expect(formatValue(null, 'ms')).toBe('—');
  });
});

describe('renderMarkdown', () => {
  const figs = [
    measured({ key: 'tracker_gz_bytes', label: 'Tracker', unit: 'B', hearth: true }, 5000, 1),
    measured({ key: 'segment_gz_bytes', label: 'Segment', unit: 'B', hearth: false }, 30000, 1),
    notMeasured({ key: 'worker_gz_bytes', label: 'Worker | JS', unit: 'B', hearth: true }, new MissingPart('dist/hearth-worker.js does not exist')),
    notMeasured({ key: 'track_us_p50', label: 'track', unit: 'µs', hearth: true }, new Unavailable('Chromium not found at /x')),
  ];
  const md = renderMarkdown(report([...figs, ...deriveRatios(figs)]));
  it('shows machine info, every figure, goals met and escaped cells', () => {
    expect(md).toContain('| Test CPU | 2 | 8.0 GB | linux | v20 | Chromium 1 |');
    expect(md).toMatch(/\| Tracker \| `tracker_gz_bytes` \| 5,000 B \(4\.9 KB\) \| 1 \| ≤ 6 KB gz and ≤ 0\.2× Segment \| ✓ \|/);
    expect(md).toContain('Worker \\| JS');
    expect(md).toMatch(/tracker_over_segment_gz` \| 0\.167×/);
  });
  it('lists each unmeasured figure with its reason', () => {
    expect(md).toContain('- `worker_gz_bytes` — part missing: dist/hearth-worker.js does not exist');
    expect(md).toContain('- `track_us_p50` — not measurable here: Chromium not found at /x');
  });
  it('marks a goal not met', () => {
    const over = renderMarkdown(report([measured({ key: 'tracker_gz_bytes', label: 'Tracker', unit: 'B', hearth: true }, 9000, 1), figs[1]!]));
    expect(over).toMatch(/tracker_gz_bytes` .*\| ✗ \|/);
  });
});

describe('toJsonLine', () => {
  it('is one line of JSON with every key, null where not measured, and the reason', () => {
    const line = toJsonLine(report([measured({ key: 'a', label: 'a', unit: 'ms', hearth: true }, 2, 7), notMeasured({ key: 'b', label: 'b', unit: 'ms', hearth: true }, new MissingPart('no part'))]));
    expect(line).not.toContain('\n');
    const obj = JSON.parse(line);
    expect(obj).toMatchObject({ a: 2, b: null, mode: 'quick', repetitions: { a: 7 }, not_measured: { b: 'missing: no part' } });
    expect(obj.machine.cores).toBe(2);
  });
});

describe('ratios and goals', () => {
  it('derives a ratio only from two measured inputs, else says which is lacking', () => {
    const a = measured({ key: 'n', label: 'n', unit: 'ms', hearth: true }, 6, 5);
    const b = measured({ key: 'd', label: 'd', unit: 'ms', hearth: false }, 2, 9);
    const spec = [{ key: 'r', label: 'r', num: 'n', den: 'd' }];
    expect(deriveRatios([a, b], spec)[0]).toMatchObject({ status: 'ok', value: 3, reps: 5, hearth: false });
    const missing = deriveRatios([a, notMeasured(b, new Unavailable('peer failed'))], spec)[0]!;
    expect(missing).toMatchObject({ status: 'unavailable', value: null, note: 'needs d' });
  });
  it('leaves a goal unknown (null) until its inputs are measured', () => {
    const g = goals.find((x) => x.key === 'track_us_p50')!;
    expect(g.check({ track_us_p50: 10 })).toBeNull();
    expect(g.check({ track_us_p50: 10, segment_track_us_p50: 50, snowplow_track_us_p50: 30 })).toBe(true);
    expect(g.check({ track_us_p50: 40, segment_track_us_p50: 50, snowplow_track_us_p50: 30 })).toBe(false);
  });
});
