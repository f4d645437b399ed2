// `npm run bench`: builds, runs every figure group (each reports what it can and why it could
// not measure the rest), prints the markdown table, writes BENCHMARKS.md and, with --json, one
// JSON object on the last line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from '@playwright/test';
import cliProgress from 'cli-progress';
import { parseArgs, usage } from './args';
import { launchChromium } from './browser';
import type { BenchContext } from './context';
import { firstRec } from './first-rec';
import { staleReason } from './freshness';
import { hasHearthFailure, type Figure } from './figure';
import { runGroup, type FigureGroup } from './group';
import { startBenchServer, type BenchServer } from './http';
import { machineInfo } from './machine';
import { cachedBenchModel, writeBenchModel } from './bench-model';
import { buildPeer, type PeerBundle } from './peer-bundles';
import { deriveRatios } from './ratios';
import { serverThroughput } from './server-throughput';
import { session } from './session';
import { sizes } from './sizes';
import { quality } from './quality';
import { CATALOG_ITEMS, recommendLatency } from './recommend-latency';
import { renderMarkdown, toJsonLine, type Report } from './table';
import { trackCost } from './track-cost';

/** Groups that never use the browser (it is closed before they run). */
const NODE_ONLY = new Set(['server', 'quality']);

/** Every figure group, in the order the table shows them. */
export const groups: readonly FigureGroup<BenchContext>[] = [sizes, trackCost, recommendLatency, firstRec, session, serverThroughput, quality];

const memo = <T>(make: () => Promise<T>): (() => Promise<T>) => {
  let p: Promise<T> | undefined;
  return () => (p ??= make());
};

/** Builds the bundles with rollup; returns null on success or the reason it failed. */
function build(root: string): string | null {
  const r = spawnSync(process.execPath, [join(root, 'node_modules/rollup/dist/bin/rollup'), '-c'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  if (r.status === 0) return null;
  const tail = `${r.stderr ?? ''}`.split('\n').filter((l) => l.trim()).slice(-3).join(' / ');
  return `rollup -c exited ${r.status}: ${tail}`;
}

/** The bundles rollup.config.mjs produces from the sources present. */
function bundleOutputs(root: string): string[] {
  const outs = ['dist/hearth.esm.js', 'dist/hearth.iife.js'];
  if (existsSync(join(root, 'src/worker/worker.ts'))) outs.push('dist/hearth-worker.js');
  if (existsSync(join(root, 'src/cli/main.ts'))) outs.push('dist/node/cli.js');
  if (existsSync(join(root, 'src/server/index.ts'))) outs.push('dist/node/server.js');
  return outs;
}

/** Runs the benchmark with the given argv; resolves to the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let args;
  try {
    args = parseArgs(argv, groups.map((g) => g.name));
  } catch (error) {
    process.stderr.write(`bench: ${(error as Error).message}\n`);
    return 2;
  }
  if (args.help) { process.stdout.write(`${usage.replace('GROUPS', groups.map((g) => g.name).join(', '))}\n`); return 0; }
  const root = resolve(process.cwd());
  const started = Date.now();
  const bar = new cliProgress.SingleBar({ format: 'bench [{bar}] {value}/{total} {step}', stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic);
  const tty = process.stderr.isTTY === true;
  const log = (step: string): void => { if (tty) bar.update({ step }); else process.stderr.write(`bench: ${step}\n`); };

  let buildError: string | null = null;
  const stale = args.build ? staleReason(root, bundleOutputs(root)) : null;
  if (stale) {
    process.stderr.write(`bench: building bundles (rollup -c; ${stale})…\n`);
    buildError = build(root);
    if (buildError) process.stderr.write(`bench: build failed, measuring dist/ as it is: ${buildError}\n`);
  } else if (args.build) process.stderr.write('bench: dist/ is up to date with src/, not rebuilding\n');

  const tmp = mkdtempSync(join(tmpdir(), 'hearth-bench-'));
  const cacheDir = join(tmpdir(), 'hearth-bench-cache');
  mkdirSync(cacheDir, { recursive: true });
  let browser: Browser | undefined;
  let server: BenchServer | undefined;
  const peers = new Map<string, Promise<PeerBundle>>();
  const ctx: BenchContext = {
    quick: args.quick,
    reuseQuality: args.quick || args.reuseQuality,
    qualityModel: args.qualityModel ? resolve(args.qualityModel) : null,
    root,
    tmp,
    cacheDir,
    port: args.port,
    server: memo(async () => (server = await startBenchServer({ port: args.port, mounts: { '/': root } }))),
    browser: memo(async () => (browser = await launchChromium())),
    peer: (name) => {
      if (!peers.has(name)) { log(`building ${name} for the browser`); peers.set(name, buildPeer(name, cacheDir, { root, reuse: args.quick })); }
      return peers.get(name)!;
    },
    benchModel: memo(async () => {
      // Quick runs reuse the model written by an earlier run from the same sources (~12 s saved).
      let m;
      if (args.quick) {
        log('bench model (cached across quick runs)');
        const c = await cachedBenchModel(root, cacheDir, CATALOG_ITEMS);
        process.stderr.write(`bench: ${c.reused ? 'reusing the cached' : 'wrote and cached the'} 23,715-item bench model (${c.dir})\n`);
        m = c;
      } else {
        log('writing the 23,715-item bench model');
        m = await writeBenchModel(root, join(tmp, 'bench-model'), CATALOG_ITEMS);
      }
      (await ctx.server()).mount('/bench-model/', m.dir);
      return m;
    }),
    log,
  };

  const chosen = groups.filter((g) => args.only.length === 0 || args.only.includes(g.name));
  const figures: Figure[] = [];
  if (tty) bar.start(chosen.length, 0, { step: 'starting' });
  try {
    for (const g of chosen) {
      // Node-only groups time CPU work on a 2-core machine: an open Chromium (its GPU and browser
      // processes) took CPU from them (server figure 391 vs 475-513/s after the session group).
      if (NODE_ONLY.has(g.name) && browser) {
        await browser.close().catch(() => {});
        browser = undefined;
        ctx.browser = memo(async () => (browser = await launchChromium()));
      }
      log(g.name);
      const t0 = Date.now();
      figures.push(...(await runGroup(g, ctx)));
      if (tty) bar.increment();
      else process.stderr.write(`bench: ${g.name} took ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
    }
  } finally {
    if (tty) bar.stop();
    await browser?.close().catch(() => {});
    await server?.close().catch(() => {});
    rmSync(tmp, { recursive: true, force: true });
  }
  figures.push(...deriveRatios(figures));

  const report: Report = {
    mode: args.quick ? 'quick' : 'full',
    startedAt: new Date(started).toISOString().replace(/\.\d+Z$/, 'Z'),
    durationS: (Date.now() - started) / 1000,
    machine: await machineInfo(),
    figures,
    ...(buildError ? { buildError } : {}),
  };
  const md = renderMarkdown(report);
  process.stdout.write(`${md}\n`);
  // A partial run (--only) never overwrites BENCHMARKS.md unless asked to with --out.
  const out = args.out ?? (args.only.length === 0 ? 'BENCHMARKS.md' : null);
  if (out) writeFileSync(resolve(root, out), md);
  else process.stderr.write('bench: partial run (--only): BENCHMARKS.md left as it is (use --out FILE to write this table)\n');
  if (args.json) process.stdout.write(`${toJsonLine(report)}\n`);
  return hasHearthFailure(figures) || buildError ? 1 : 0;
}
