// Offline quality figures: training time to the Beauty target and model bytes / NDCG@10 per
// quantisation, from the real `hearth train` and `hearth eval --json` on Beauty. A full run
// retrains and caches the results in scripts/bench/cache/quality.json (committed, with date and
// commit); --quick reads that cache and never retrains.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext } from './context';
import { MissingPart } from './figure';
import type { FigureGroup, Outcome } from './group';

/** The shared datasets folder: HEARTH_DATA_DIR, else ../shared/data next to the repository. */
const dataDir = (root: string): string => process.env.HEARTH_DATA_DIR ?? join(root, '../shared/data');

/** What a full run measured, as cached for quick runs. */
export interface QualityResults {
  measuredAt: string;
  commit: string;
  trainSeconds: number;
  bytes: { fp32: number; fp16?: number; int8: number };
  ndcg10: { fp32: number; int8: number };
  command: string;
}

/** Where full runs cache their quality results (relative to the repository root). */
export const QUALITY_CACHE = 'scripts/bench/cache/quality.json';

/** Runs a CLI command (bin/hearth.js) and returns the JSON object on its last stdout line. */
async function hearthJson(ctx: BenchContext, args: string[], timeoutMs: number): Promise<Record<string, unknown>> {
  const child = spawn('nice', ['-n', '10', process.execPath, join(ctx.root, 'bin/hearth.js'), ...args], { cwd: ctx.root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => { out += String(d); });
  child.stderr.on('data', (d) => { err += String(d); });
  const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
  const code = await new Promise<number | null>((ok) => child.once('exit', ok));
  clearTimeout(timer);
  if (code !== 0) throw new Error(`hearth ${args[0]} exited ${code}: ${err.trim().split('\n').slice(-1)[0] ?? ''}`);
  const last = out.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(last) as Record<string, unknown>;
  } catch {
    throw new Error(`hearth ${args[0]} --json printed no JSON on its last line`);
  }
}

/** Trains on Beauty with the CLI's defaults and evaluates fp32 and int8 (full ranking). */
async function measureQuality(ctx: BenchContext): Promise<QualityResults> {
  const BEAUTY = join(dataDir(ctx.root), 'beauty/Beauty.txt');
  if (!existsSync(BEAUTY)) throw new MissingPart(`${BEAUTY} is not on this machine`);
  const help = spawnSync(process.execPath, [join(ctx.root, 'bin/hearth.js'), 'train', '--help'], { cwd: ctx.root, encoding: 'utf8' });
  if (help.status !== 0) throw new MissingPart(`hearth train is not available: ${(help.stderr || help.stdout).trim().split('\n')[0]}`);
  const dir = join(ctx.cacheDir, 'beauty-model');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const trainArgs = ['train', '--data', BEAUTY, '--out', dir, '--json'];
  ctx.log('quality: hearth train on Beauty (defaults; minutes)');
  const t0 = Date.now();
  const trained = await hearthJson(ctx, trainArgs, 45 * 60_000);
  const wall = (Date.now() - t0) / 1000;
  const bytes = trained.bytes as QualityResults['bytes'] | undefined;
  if (!bytes || typeof bytes.fp32 !== 'number' || typeof bytes.int8 !== 'number') throw new Error('hearth train --json reported no bytes per precision');
  return evaluatedResults(ctx, BEAUTY, dir, {
    trainSeconds: typeof trained.wallSeconds === 'number' ? trained.wallSeconds : wall,
    bytes,
    command: `hearth ${trainArgs.join(' ').replace(dir, 'DIR')}`,
  });
}

/**
 * Completes a QualityResults for the model in `dir`: NDCG@10 of `dir` (fp32) and `dir/int8` by
 * `hearth eval --protocol full` in this run, plus when and at which commit it was measured.
 */
async function evaluatedResults(ctx: BenchContext, beauty: string, dir: string, known: Pick<QualityResults, 'trainSeconds' | 'bytes' | 'command'>): Promise<QualityResults> {
  const ndcg = async (model: string, label: string): Promise<number> => {
    ctx.log(`quality: hearth eval ${label} (full ranking)`);
    const v = (await hearthJson(ctx, ['eval', '--model', model, '--data', beauty, '--protocol', 'full', '--json'], 30 * 60_000))['ndcg@10'];
    if (typeof v !== 'number') throw new Error('hearth eval --json has no "ndcg@10"');
    return v;
  };
  const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ctx.root, encoding: 'utf8' }).stdout.trim() || 'unknown';
  return {
    measuredAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    commit,
    trainSeconds: known.trainSeconds,
    bytes: known.bytes,
    ndcg10: { fp32: await ndcg(dir, 'fp32'), int8: await ndcg(join(dir, 'int8'), 'int8') },
    command: known.command,
  };
}

/** Weight bytes of a model directory, from its manifest's weight files. */
function manifestOf(dir: string): { bytes: number; metrics: Record<string, unknown> } {
  const file = join(dir, 'manifest.json');
  if (!existsSync(file)) throw new MissingPart(`${file} does not exist (not a model directory written by hearth train)`);
  const m = JSON.parse(readFileSync(file, 'utf8')) as { weightFiles?: { bytes: number }[]; metrics?: Record<string, unknown> };
  if (!Array.isArray(m.weightFiles)) throw new Error(`${file} lists no weight files`);
  return { bytes: m.weightFiles.reduce((n, f) => n + f.bytes, 0), metrics: m.metrics ?? {} };
}

/**
 * Quality from a model `hearth train` already wrote with its defaults (e.g. by scripts/quality.mjs):
 * training time from its manifest metrics, bytes from the fp32 and int8 manifests, NDCG@10 by
 * running `hearth eval` on both in this run.
 */
async function measureTrainedModel(ctx: BenchContext, dir: string): Promise<QualityResults> {
  const BEAUTY = join(dataDir(ctx.root), 'beauty/Beauty.txt');
  const fp32 = manifestOf(dir);
  const int8 = manifestOf(join(dir, 'int8'));
  // wallSeconds when the trainer recorded it; otherwise the summed epoch times (trainSeconds).
  const wall = [fp32.metrics.wallSeconds, fp32.metrics.trainSeconds].find((x): x is number => typeof x === 'number' && x > 0);
  if (wall === undefined) throw new Error(`${dir}/manifest.json has no positive metrics.wallSeconds or trainSeconds`);
  return evaluatedResults(ctx, BEAUTY, dir, {
    trainSeconds: wall,
    bytes: { fp32: fp32.bytes, int8: int8.bytes },
    command: `hearth train --data Beauty.txt --out ${dir} (defaults; time from its manifest metrics, ${String(fp32.metrics.epochs ?? '?')} epochs, backend ${String(fp32.metrics.backend ?? '?')})`,
  });
}

/** Reads and checks the cached results; throws MissingPart when there are none. */
export function readQualityCache(file: string): QualityResults {
  if (!existsSync(file)) throw new MissingPart(`no cached quality results (${QUALITY_CACHE}); a full \`npm run bench\` trains and writes them`);
  const q = JSON.parse(readFileSync(file, 'utf8')) as QualityResults;
  const nums = [q.trainSeconds, q.bytes?.fp32, q.bytes?.int8, q.ndcg10?.fp32, q.ndcg10?.int8];
  if (!nums.every((x) => typeof x === 'number' && Number.isFinite(x))) throw new Error(`${QUALITY_CACHE} is malformed`);
  return q;
}

/** The quality figures. */
export const quality: FigureGroup<BenchContext> = {
  name: 'quality',
  specs: [
    { key: 'train_beauty_s', label: 'Offline training to the Beauty target (hearth train defaults)', unit: 's', hearth: true },
    { key: 'model_bytes_fp32', label: 'Model weight bytes, fp32', unit: 'B', hearth: true },
    { key: 'model_bytes_int8', label: 'Model weight bytes, int8', unit: 'B', hearth: true },
    { key: 'ndcg10_fp32', label: 'Beauty NDCG@10 (full ranking), fp32', unit: '', hearth: true },
    { key: 'ndcg10_int8', label: 'Beauty NDCG@10 (full ranking), int8', unit: '', hearth: true },
    { key: 'ndcg10_int8_over_fp32', label: 'NDCG@10 int8 ÷ fp32', unit: '×', hearth: true },
  ],
  async run(ctx) {
    const file = join(ctx.root, QUALITY_CACHE);
    let q: QualityResults;
    let how: string;
    if (ctx.qualityModel && !(ctx.reuseQuality && existsSync(file))) {
      q = await measureTrainedModel(ctx, ctx.qualityModel);
      mkdirSync(join(ctx.root, 'scripts/bench/cache'), { recursive: true });
      writeFileSync(file, `${JSON.stringify(q, null, 2)}\n`);
      how = 'model trained earlier (its manifest), evaluated in this run';
    } else if (ctx.reuseQuality) {
      q = readQualityCache(file);
      how = `cached from the run of ${q.measuredAt} (commit ${q.commit})`;
    } else {
      q = await measureQuality(ctx);
      mkdirSync(join(ctx.root, 'scripts/bench/cache'), { recursive: true });
      writeFileSync(file, `${JSON.stringify(q, null, 2)}\n`);
      how = 'measured in this run';
    }
    const out: Record<string, Outcome> = {
      train_beauty_s: { value: q.trainSeconds, reps: 1, note: `${how}; \`${q.command}\`` },
      model_bytes_fp32: { value: q.bytes.fp32, reps: 1, note: how },
      model_bytes_int8: { value: q.bytes.int8, reps: 1, note: how },
      ndcg10_fp32: { value: q.ndcg10.fp32, reps: 1, note: `hearth eval --protocol full; ${how}` },
      ndcg10_int8: { value: q.ndcg10.int8, reps: 1, note: `hearth eval --protocol full; ${how}` },
      ndcg10_int8_over_fp32: { value: q.ndcg10.int8 / q.ndcg10.fp32, reps: 1, note: how },
    };
    return out;
  },
};
