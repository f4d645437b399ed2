// The markdown report: machine info, one row per figure with its goal, then what could not be
// measured and why. Printed to stdout and written to BENCHMARKS.md.
import type { Figure } from './figure';
import { goalFor, type Values } from './goals';

/** Where and how the run happened. */
export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGb: number;
  os: string;
  node: string;
  chromium: string;
}

/** Everything one run reports. */
export interface Report {
  mode: 'quick' | 'full';
  startedAt: string;
  durationS: number;
  machine: MachineInfo;
  figures: Figure[];
  /** Set when rollup failed: dist/ figures then describe the previous build. */
  buildError?: string;
}

/** Figure values by key (null when not measured), the shape of the JSON line and of goal checks. */
export function valuesOf(figures: readonly Figure[]): Record<string, number | null> {
  return Object.fromEntries(figures.map((f) => [f.key, f.status === 'ok' ? f.value : null]));
}

/** A value with its unit, readable at a glance: bytes grouped (and in KB), times to 2–3 digits. */
export function formatValue(value: number | null, unit: string): string {
  if (value === null) return '—';
  if (unit === 'B') return `${Math.round(value).toLocaleString('en-US')} B (${(value / 1024).toFixed(1)} KB)`;
  if (unit === '×') return `${value.toFixed(3)}×`;
  if (unit === '') return Number.isInteger(value) ? String(value) : value.toFixed(4);
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`;
}

/** Escapes a table cell (pipes and newlines would break the row). */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

const statusText: Record<Figure['status'], string> = { ok: 'ok', missing: 'part missing', unavailable: 'not measurable here', failed: 'FAILED' };

/** Renders the whole report as markdown (deterministic for a given report). */
export function renderMarkdown(report: Report): string {
  const v: Values = valuesOf(report.figures);
  const m = report.machine;
  const lines = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench${report.mode === 'quick' ? ' -- --quick' : ''}\` (${report.mode} run) on ${report.startedAt}, in ${report.durationS.toFixed(0)} s.`,
    'Each value is the median of the stated repetitions (p95/p99 rows are percentiles of those samples).',
    'Baselines and peers are measured in the same run on the same machine: compare ratios, absolute times drift.',
    'Goals are the issue\'s targets, shown for reading, not asserted in CI. Model quality: see [QUALITY.md](QUALITY.md).',
    ...(report.buildError ? ['', `**Build failed** (${cell(report.buildError)}): figures from dist/ describe the previous build.`] : []),
    '',
    '## Machine',
    '',
    '| CPU | Cores | Memory | OS | Node | Chromium |',
    '|---|---|---|---|---|---|',
    `| ${cell(m.cpu)} | ${m.cores} | ${m.memoryGb.toFixed(1)} GB | ${cell(m.os)} | ${cell(m.node)} | ${cell(m.chromium)} |`,
    '',
    '## Figures',
    '',
    '| Figure | Key | Value | Reps | Goal | Met | Status / notes |',
    '|---|---|---:|---:|---|:---:|---|',
  ];
  for (const f of report.figures) {
    const goal = goalFor(f.key);
    const met = goal ? goal.check(v) : null;
    const status = f.status === 'ok' ? (f.note ?? '') : `${statusText[f.status]}: ${f.note ?? ''}`;
    lines.push(`| ${cell(f.label)} | \`${f.key}\` | ${formatValue(f.status === 'ok' ? f.value : null, f.unit)} | ${f.reps || '—'} | ${cell(goal?.text ?? '')} | ${met === null ? '' : met ? '✓' : '✗'} | ${cell(status)} |`);
  }
  const unmeasured = report.figures.filter((f) => f.status !== 'ok' && !f.key.includes('_over_'));
  lines.push('', '## Not measured in this run', '');
  if (unmeasured.length === 0) lines.push('Every figure was measured.');
  for (const f of unmeasured) lines.push(`- \`${f.key}\` — ${statusText[f.status]}: ${f.note ?? 'no reason given'}`);
  lines.push('');
  return lines.join('\n');
}

/** The machine-readable line: every key with its value or null, plus why each null is null. */
export function toJsonLine(report: Report): string {
  const notMeasured = Object.fromEntries(report.figures.filter((f) => f.status !== 'ok').map((f) => [f.key, `${f.status}: ${f.note ?? ''}`]));
  const reps = Object.fromEntries(report.figures.filter((f) => f.status === 'ok').map((f) => [f.key, f.reps]));
  return JSON.stringify({ ...valuesOf(report.figures), mode: report.mode, machine: report.machine, repetitions: reps, not_measured: notMeasured, ...(report.buildError ? { build_error: report.buildError } : {}) });
}
